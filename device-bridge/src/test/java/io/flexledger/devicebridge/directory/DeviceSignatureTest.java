package io.flexledger.devicebridge.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.devicebridge.support.TestDevice;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.units.KilowattHours;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bridge's signature check gives the JDK's verdict (the reference the ledger uses) on every case. */
class DeviceSignatureTest {
    private static final LocalDate DAY = LocalDate.of(2026, 11, 28);

    @Test
    void agreesWithTheJdkOnGenuineChangedAndForeignSignatures() {
        Random random = new Random(7);
        TestDevice meter = TestDevice.create("meter-1", "home-1");
        TestDevice other = TestDevice.create("meter-1", "home-1");
        DeviceSignature check = DeviceSignature.of(meter.keys().getPublic());
        int accepted = 0;
        for (int i = 0; i < 200; i++) {
            String kwh = (random.nextInt(4000) - 2000) / 1000.0 + "";
            SignedReading genuine = meter.sign(DAY, i % 96, kwh, i + 1);
            SignedReading foreign = other.sign(DAY, i % 96, kwh, i + 1);
            SignedReading changed = new SignedReading(
                    new MeterReading(
                            "meter-1",
                            "home-1",
                            DAY,
                            i % 96,
                            KilowattHours.parse(kwh).plus(KilowattHours.parse("0.000001")),
                            i + 1),
                    genuine.signatureBase64());
            byte[] der = Base64.getDecoder().decode(genuine.signatureBase64());
            der[der.length - 1 - random.nextInt(8)] ^= (byte) (1 << random.nextInt(8));
            SignedReading flipped =
                    new SignedReading(genuine.reading(), Base64.getEncoder().encodeToString(der));
            for (SignedReading r : new SignedReading[] {genuine, foreign, changed, flipped}) {
                boolean jdk = r.verify(meter.keys().getPublic());
                assertThat(check.verifies(r)).as("%s", r).isEqualTo(jdk);
                accepted += jdk ? 1 : 0;
            }
        }
        assertThat(accepted).isEqualTo(200);
    }

    @Test
    void aSignatureThatIsNotDerOrNotBase64IsRefused() {
        TestDevice meter = TestDevice.create("meter-1", "home-1");
        DeviceSignature check = DeviceSignature.of(meter.keys().getPublic());
        SignedReading genuine = meter.sign(DAY, 5, "0.5", 9);
        assertThat(check.verifies(new SignedReading(genuine.reading(), "AAAA"))).isFalse();
        assertThat(check.verifies(new SignedReading(genuine.reading(), "MAYCAQECAQE=")))
                .isFalse();
    }

    @Test
    void aKeyOfAnotherKindIsCheckedByTheJdk() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        TestDevice meter = TestDevice.create("meter-1", "home-1");
        assertThat(DeviceSignature.of(ed.getPublic()).verifies(meter.sign(DAY, 5, "0.5", 9)))
                .isFalse();
    }
}
