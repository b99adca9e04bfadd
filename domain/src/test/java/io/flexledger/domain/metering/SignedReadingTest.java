package io.flexledger.domain.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.validation.ValidationException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SignedReadingTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 28);

    private static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static MeterReading reading(String kwh, long seq) {
        return new MeterReading("meter-1", "home-1", DAY, 68, KilowattHours.of(kwh), seq);
    }

    @Test
    void theCanonicalTextIsFixed() {
        assertThat(reading("0.412", 17).canonicalText())
                .isEqualTo("flexledger-reading-v1|meter-1|home-1|2026-11-28|68|0.412000|17");
        assertThat(reading("-1.5", 1).canonicalText()).endsWith("|68|-1.500000|1");
    }

    @Test
    void aSignatureVerifiesWithTheDevicesKeyOnly() throws Exception {
        KeyPair device = p256();
        SignedReading signed = SignedReading.sign(reading("0.412", 17), device.getPrivate());
        assertThat(signed.verify(device.getPublic())).isTrue();
        assertThat(signed.verify(p256().getPublic())).isFalse();
        // Any change of the reading breaks the signature.
        assertThat(new SignedReading(reading("0.413", 17), signed.signatureBase64()).verify(device.getPublic()))
                .isFalse();
        assertThat(new SignedReading(reading("0.412", 18), signed.signatureBase64()).verify(device.getPublic()))
                .isFalse();
        // Base64 that is not a DER signature is simply invalid.
        assertThat(new SignedReading(reading("0.412", 17), "AAAA").verify(device.getPublic()))
                .isFalse();
    }

    @Test
    void theLeafHashCommitsToTheSignature() throws Exception {
        KeyPair device = p256();
        SignedReading a = SignedReading.sign(reading("0.412", 17), device.getPrivate());
        SignedReading b = SignedReading.sign(reading("0.412", 17), device.getPrivate());
        // ECDSA signatures are randomised, so two signatures of one reading are two leaves.
        assertThat(MerkleTree.hex(a.leafHash())).isNotEqualTo(MerkleTree.hex(b.leafHash()));
    }

    @Test
    void badReadingsNameTheField() {
        assertThatThrownBy(() -> new MeterReading("meter-1", "home-1", DAY, 96, KilowattHours.of("1"), 1))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("slot");
        assertThatThrownBy(() -> new MeterReading("meter-1", "home-1", DAY, 3, KilowattHours.of("1"), 0))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("sequence");
        assertThatThrownBy(() -> new MeterReading("", "home-1", DAY, 3, null, 1))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("deviceId")
                .hasMessageContaining("netKwh");
        assertThatThrownBy(() -> new SignedReading(reading("1", 1), "not base64!"))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("signature");
        // A clock-change day in Europe/London has 100 slots.
        assertThat(new MeterReading("m", "h", LocalDate.of(2026, 10, 25), 99, KilowattHours.ZERO, 1).slot())
                .isEqualTo(99);
    }

    @Test
    void anchorsCheckTheirFields() {
        assertThatThrownBy(() -> new ReadingAnchor(DAY, "Aggregator1MSP", "XYZ", 0))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("rootHex")
                .hasMessageContaining("leafCount");
    }
}
