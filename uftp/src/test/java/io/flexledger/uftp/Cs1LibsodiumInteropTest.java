package io.flexledger.uftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CS1 against real libsodium, through Debian's python3-nacl (PyNaCl): libsodium opens what this
 * module signed, and this module opens what libsodium signed. Without python3-nacl the test is
 * skipped on a developer's machine and fails on CI (CI=true), where network-config/scripts/prereqs.sh
 * installs it. FLEX_PYTHON_NACL names another interpreter to use instead.
 */
class Cs1LibsodiumInteropTest {
    private static String python;

    @TempDir
    Path dir;

    @BeforeAll
    static void findPythonWithNacl() throws Exception {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("FLEX_PYTHON_NACL");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        } else {
            // Debian's python3-nacl is for Debian's interpreter, which may not be the first python3 on PATH.
            candidates.add("/usr/bin/python3");
            candidates.add("python3");
        }
        for (String candidate : candidates) {
            try {
                Result r = run(List.of(candidate, "-c", "import nacl.signing"));
                if (r.exit == 0) {
                    python = candidate;
                    return;
                }
            } catch (IOException notThere) {
                // try the next interpreter
            }
        }
        missing = "python3 with PyNaCl (Debian package python3-nacl) not found among " + candidates
                + "; install it: apt-get install -y python3-nacl";
    }

    private static String missing;

    @BeforeEach
    void requireLibsodium() {
        if (python == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail(missing);
            }
            Assumptions.abort(missing);
        }
    }

    private record Result(int exit, String out, String err) {}

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        return new Result(
                p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private Result script(String... args) throws Exception {
        Path script = dir.resolve("cs1_libsodium.py");
        if (!Files.exists(script)) {
            try (var in = getClass().getResourceAsStream("/interop/cs1_libsodium.py")) {
                assertThat(in)
                        .as("interop/cs1_libsodium.py on the test class path")
                        .isNotNull();
                Files.write(script, in.readAllBytes());
            }
        }
        List<String> command = new ArrayList<>(List.of(python, script.toString()));
        command.addAll(List.of(args));
        return run(command);
    }

    @Test
    void libsodiumOpensWhatWeSigned() throws Exception {
        Cs1KeyPair agr = Cs1.generate();
        byte[] offer = UftpXml.standard().write(Samples.flexOffer());
        SignedMessage signed =
                UftpXml.standard().read(Cs1.signToXml(offer, UsefRole.AGR, agr.signingKey()), SignedMessage.class);
        Path body = dir.resolve("body.b64");
        Files.writeString(body, Base64.getEncoder().encodeToString(signed.getBody()));

        Result opened = script("open", agr.publicKeyString(), body.toString());
        assertThat(opened.exit).as(opened.err).isZero();
        assertThat(opened.out.getBytes(StandardCharsets.UTF_8)).isEqualTo(offer);

        Result wrongKey = script("open", Cs1.generate().publicKeyString(), body.toString());
        assertThat(wrongKey.exit)
                .as("libsodium refuses our signature under another key")
                .isEqualTo(3);
        assertThat(wrongKey.err).contains("BadSignatureError");
    }

    @Test
    void libsodiumDerivesTheSamePublicKeyFromOurPrivateKey() throws Exception {
        Cs1KeyPair pair = Cs1.generate();
        Result derived = script("derive", pair.signingKeyString());
        assertThat(derived.exit).as(derived.err).isZero();
        assertThat(derived.out.trim()).isEqualTo(Cs1.encodePublicKey(pair.verifyKey()));
    }

    @Test
    void weOpenWhatLibsodiumSignedAndSignTheSameBytes() throws Exception {
        byte[] order = UftpXml.standard().write(Samples.flexOrder());
        Path message = dir.resolve("order.xml");
        Files.write(message, order);
        byte[] seed = new byte[32];
        new java.security.SecureRandom().nextBytes(seed);

        Result signed = script("sign", HexFormat.of().formatHex(seed), message.toString());
        assertThat(signed.exit).as(signed.err).isZero();
        String publicKey = field(signed.out, "publicKey");
        String privateKey = field(signed.out, "privateKey");
        byte[] body = Base64.getDecoder().decode(field(signed.out, "body"));

        SignedMessage wrapper = new SignedMessage(Samples.DSO, UsefRole.DSO, body);
        assertThat(Cs1.open(wrapper, Cs1.parsePublicKey(publicKey))).isEqualTo(order);
        assertThat(Cs1.openMessage(wrapper, Cs1.parsePublicKey(publicKey))).isEqualTo(Samples.flexOrder());
        // Ed25519 is deterministic: our signature with libsodium's private key is libsodium's, byte for byte.
        assertThat(Cs1.sign(order, Cs1.parsePrivateKey(privateKey))).isEqualTo(body);

        body[10] ^= 0x01;
        SignedMessage tampered = new SignedMessage(Samples.DSO, UsefRole.DSO, body);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Cs1.open(tampered, Cs1.parsePublicKey(publicKey)))
                .isInstanceOf(UftpSignatureException.class);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\": \"([^\"]*)\"").matcher(json);
        assertThat(m.find()).as("%s in %s", name, json).isTrue();
        return m.group(1);
    }
}
