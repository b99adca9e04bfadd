package io.flexledger.devicebridge.directory;

import io.flexledger.domain.metering.SignedReading;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Checks the signatures of one device: {@code SHA256withECDSA} over the reading's canonical text,
 * exactly what {@link SignedReading#verify} checks. For a P-256 key the check runs on Bouncy Castle's
 * P-256 arithmetic with the key's point kept, so its precomputed multiples serve every later reading
 * of the device; any other key, and any signature that is not canonical DER, is checked by the JDK.
 */
public final class DeviceSignature {
    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());

    private final PublicKey key;
    private final ECPublicKeyParameters p256;

    private DeviceSignature(PublicKey key, ECPublicKeyParameters p256) {
        this.key = key;
        this.p256 = p256;
    }

    /** The checker of signatures made with the private half of {@code key}. */
    public static DeviceSignature of(PublicKey key) {
        if (key instanceof ECPublicKey ec
                && ec.getParams().getOrder().equals(P256.getN())
                && ec.getParams().getCurve().getField().getFieldSize() == 256) {
            ECPoint q = P256.getCurve()
                    .createPoint(ec.getW().getAffineX(), ec.getW().getAffineY())
                    .normalize();
            return new DeviceSignature(key, new ECPublicKeyParameters(q, DOMAIN));
        }
        return new DeviceSignature(key, null);
    }

    /** Whether the reading's signature is this device's. */
    public boolean verifies(SignedReading signed) {
        if (p256 == null) {
            return signed.verify(key);
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(signed.signatureBase64());
        } catch (IllegalArgumentException e) {
            return false;
        }
        BigInteger[] rs = canonicalDer(der);
        if (rs == null) {
            // Not the one DER form: leave the verdict to the JDK, the reference the ledger uses too.
            return signed.verify(key);
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, p256);
        return verifier.verifySignature(sha256(signed.reading().canonicalText()), rs[0], rs[1]);
    }

    /** (r, s) of a signature in canonical DER, or null when it is not exactly that. */
    private static BigInteger[] canonicalDer(byte[] der) {
        try {
            if (!(ASN1Primitive.fromByteArray(der) instanceof ASN1Sequence seq) || seq.size() != 2) {
                return null;
            }
            if (!(seq.getObjectAt(0) instanceof ASN1Integer r) || !(seq.getObjectAt(1) instanceof ASN1Integer s)) {
                return null;
            }
            byte[] again = new DERSequence(new ASN1Integer[] {r, s}).getEncoded(ASN1Encoding.DER);
            return Arrays.equals(again, der) ? new BigInteger[] {r.getValue(), s.getValue()} : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
