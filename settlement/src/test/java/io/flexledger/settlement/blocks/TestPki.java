package io.flexledger.settlement.blocks;

import com.google.protobuf.ByteString;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.hyperledger.fabric.protos.msp.FabricCryptoConfig;
import org.hyperledger.fabric.protos.msp.FabricMSPConfig;
import org.hyperledger.fabric.protos.msp.FabricNodeOUs;
import org.hyperledger.fabric.protos.msp.FabricOUIdentifier;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * Test organisations as Fabric's cryptogen makes them, with the JDK alone: a self-signed P-256 CA per
 * organisation, and identities it issues with their role as organisational unit (NodeOUs). The X.509
 * DER is written here; the JDK parses and verifies it.
 */
final class TestPki {
    private static final DateTimeFormatter UTC_TIME =
            DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final AtomicLong SERIALS = new AtomicLong(1000);
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

    private TestPki() {}

    /** An identity: its MSP, key pair and certificate. */
    record Identity(String mspId, KeyPair keys, X509Certificate certificate) {
        /** As Fabric serializes it: MSP id and PEM certificate. */
        ByteString serialized() {
            return SerializedIdentity.newBuilder()
                    .setMspid(mspId)
                    .setIdBytes(ByteString.copyFrom(pem(certificate), StandardCharsets.US_ASCII))
                    .build()
                    .toByteString();
        }

        /** Fabric's signature: ECDSA over SHA-256, DER, low S. */
        byte[] sign(byte[] data) {
            return TestPki.sign(keys.getPrivate(), data, false);
        }

        /** The same signature with its high-S twin, which verifies in the JDK but Fabric refuses. */
        byte[] signHighS(byte[] data) {
            return TestPki.sign(keys.getPrivate(), data, true);
        }
    }

    /** An organisation: its MSP id and its certificate authority. */
    static final class Org {
        final String mspId;
        final KeyPair caKeys;
        final X509Certificate ca;
        private final List<BigInteger> revoked = new ArrayList<>();

        Org(String mspId) {
            this.mspId = mspId;
            this.caKeys = keyPair();
            String name = "ca." + mspId.toLowerCase();
            this.ca = certificate(name, null, caKeys, name, caKeys);
        }

        Identity peer() {
            return issue("peer0." + mspId.toLowerCase(), "peer");
        }

        Identity client() {
            return issue("User1@" + mspId.toLowerCase(), "client");
        }

        Identity orderer() {
            return issue("orderer0." + mspId.toLowerCase(), "orderer");
        }

        /** An identity of this organisation with common name {@code cn} and organisational unit {@code ou}. */
        Identity issue(String cn, String ou) {
            KeyPair keys = keyPair();
            return new Identity(mspId, keys, certificate(cn, ou, keys, caName(), caKeys));
        }

        /** An identity that claims this MSP but whose certificate another CA issued. */
        Identity impostor(Org issuer) {
            KeyPair keys = keyPair();
            return new Identity(
                    mspId, keys, certificate("peer0.impostor", "peer", keys, issuer.caName(), issuer.caKeys));
        }

        /** Puts {@code identity}'s certificate on this organisation's revocation list. */
        void revoke(Identity identity) {
            revoked.add(identity.certificate().getSerialNumber());
        }

        private String caName() {
            return "ca." + mspId.toLowerCase();
        }

        /** Its MSP as the channel configuration carries it: root CA, revocation list, NodeOUs. */
        FabricMSPConfig mspConfig() {
            ByteString caPem = ByteString.copyFrom(pem(ca), StandardCharsets.US_ASCII);
            FabricMSPConfig.Builder b = FabricMSPConfig.newBuilder()
                    .setName(mspId)
                    .addRootCerts(caPem)
                    .setCryptoConfig(FabricCryptoConfig.newBuilder()
                            .setSignatureHashFamily("SHA2")
                            .setIdentityIdentifierHashFunction("SHA256"))
                    .setFabricNodeOus(FabricNodeOUs.newBuilder()
                            .setEnable(true)
                            .setClientOuIdentifier(ou(caPem, "client"))
                            .setPeerOuIdentifier(ou(caPem, "peer"))
                            .setAdminOuIdentifier(ou(caPem, "admin"))
                            .setOrdererOuIdentifier(ou(caPem, "orderer")));
            if (!revoked.isEmpty()) {
                b.addRevocationList(ByteString.copyFrom(crl(), StandardCharsets.US_ASCII));
            }
            return b.build();
        }

        private static FabricOUIdentifier.Builder ou(ByteString caPem, String ou) {
            return FabricOUIdentifier.newBuilder().setCertificate(caPem).setOrganizationalUnitIdentifier(ou);
        }

        /** A signed X.509 v2 CRL of the revoked serials, in PEM. */
        private String crl() {
            List<byte[]> entries = new ArrayList<>();
            for (BigInteger serial : revoked) {
                entries.add(seq(integer(serial), utcTime(Instant.parse("2026-01-01T00:00:00Z"))));
            }
            byte[] tbs = seq(
                    integer(BigInteger.ONE),
                    seq(oid(ECDSA_WITH_SHA256)),
                    name(caName(), null),
                    utcTime(Instant.parse("2026-01-01T00:00:00Z")),
                    utcTime(Instant.parse("2036-01-01T00:00:00Z")),
                    seq(entries.toArray(byte[][]::new)));
            byte[] der = seq(tbs, seq(oid(ECDSA_WITH_SHA256)), bitString(sign(caKeys.getPrivate(), tbs, false)));
            return "-----BEGIN X509 CRL-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der) + "\n-----END X509 CRL-----\n";
        }
    }

    static KeyPair keyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A v3 certificate of {@code keys}' public key for {@code cn} (and {@code ou}), signed by the issuer. */
    static X509Certificate certificate(String cn, String ou, KeyPair keys, String issuerCn, KeyPair issuer) {
        byte[] tbs = seq(
                Der.tlv(0xa0, integer(BigInteger.valueOf(2))),
                integer(BigInteger.valueOf(SERIALS.incrementAndGet())),
                seq(oid(ECDSA_WITH_SHA256)),
                name(issuerCn, null),
                seq(utcTime(Instant.parse("2026-01-01T00:00:00Z")), utcTime(Instant.parse("2036-01-01T00:00:00Z"))),
                name(cn, ou),
                keys.getPublic().getEncoded());
        byte[] der = seq(tbs, seq(oid(ECDSA_WITH_SHA256)), bitString(sign(issuer.getPrivate(), tbs, false)));
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ECDSA P-256 over SHA-256 in DER, with the low S Fabric requires unless {@code highS}. */
    static byte[] sign(PrivateKey key, byte[] data, boolean highS) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(key);
            s.update(data);
            BigInteger[] rs = Der.ecdsaSignature(s.sign());
            BigInteger n = ((java.security.interfaces.ECKey) key).getParams().getOrder();
            boolean isHigh = rs[1].compareTo(n.shiftRight(1)) > 0;
            BigInteger sv = isHigh != highS ? n.subtract(rs[1]) : rs[1];
            return seq(integer(rs[0]), integer(sv));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ----- DER -----

    static byte[] seq(byte[]... parts) {
        return Der.tlv(0x30, Der.concat(parts));
    }

    static byte[] set(byte[]... parts) {
        return Der.tlv(0x31, Der.concat(parts));
    }

    static byte[] integer(BigInteger v) {
        return Der.tlv(0x02, v.toByteArray());
    }

    static byte[] utf8(String s) {
        return Der.tlv(0x0c, s.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] utcTime(Instant t) {
        return Der.tlv(0x17, UTC_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] bitString(byte[] bits) {
        return Der.tlv(0x03, Der.concat(new byte[] {0}, bits));
    }

    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long v = Long.parseLong(arcs[i]);
            byte[] groups = new byte[10];
            int k = groups.length;
            groups[--k] = (byte) (v & 0x7f);
            v >>>= 7;
            while (v > 0) {
                groups[--k] = (byte) (0x80 | (v & 0x7f));
                v >>>= 7;
            }
            out.write(groups, k, groups.length - k);
        }
        return Der.tlv(0x06, out.toByteArray());
    }

    /** A distinguished name: O (the common name's domain), then OU if any, then CN. */
    static byte[] name(String cn, String ou) {
        List<byte[]> rdns = new ArrayList<>();
        rdns.add(set(seq(oid("2.5.4.10"), utf8(cn.substring(cn.indexOf('.') + 1)))));
        if (ou != null) {
            rdns.add(set(seq(oid("2.5.4.11"), utf8(ou))));
        }
        rdns.add(set(seq(oid("2.5.4.3"), utf8(cn))));
        return seq(rdns.toArray(byte[][]::new));
    }
}
