package io.flexledger.client.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.units.KilowattHours;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The signed reading's JSON: the documented field names, decimal strings, errors by JSON path. */
class ReadingCodecTest {
    private static final String GOOD = "{\"deviceId\":\"meter-1\",\"assetId\":\"home-1\",\"day\":\"2026-11-28\","
            + "\"slot\":68,\"netKwh\":\"0.412000\",\"sequence\":17,\"signature\":\"AAAA\"}";

    @Test
    void writesTheDocumentedFieldsAndReadsThemBack() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        SignedReading r = SignedReading.sign(
                new MeterReading("meter-1", "home-1", LocalDate.of(2026, 11, 28), 68, KilowattHours.of("0.412"), 17),
                g.generateKeyPair().getPrivate());
        String json = ReadingCodec.toJsonText(r);
        assertThat(json)
                .startsWith("{\"deviceId\":\"meter-1\",\"assetId\":\"home-1\",\"day\":\"2026-11-28\","
                        + "\"slot\":68,\"netKwh\":\"0.412000\",\"sequence\":17,\"signature\":\"");
        assertThat(ReadingCodec.parse(json.getBytes(StandardCharsets.UTF_8)).toSigned())
                .isEqualTo(r);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"slot\":68 | \"slot\":\"68\" | $.slot",
                "\"slot\":68 | \"slot\":68.5 | $.slot",
                "\"netKwh\":\"0.412000\" | \"netKwh\":0.412 | $.netKwh",
                "\"netKwh\":\"0.412000\" | \"netKwh\":\"1e3\" | $.netKwh",
                "\"netKwh\":\"0.412000\" | \"netKwh\":\"0.0000001\" | $.netKwh",
                "\"day\":\"2026-11-28\" | \"day\":\"28/11/2026\" | $.day",
                "\"sequence\":17 | \"sequence\":17,\"extra\":1 | $.extra",
                "\"deviceId\":\"meter-1\" | \"deviceId\":\"meter 1\" | $.deviceId",
                "\"signature\":\"AAAA\" | \"signature\":\"%%%\" | $.signature",
                "\"slot\":68 | \"slot\":68,\"slot\":69 | $.slot",
                "\"sequence\":17 | \"sequence\":99999999999999999999 | $.sequence",
                "\"slot\":68 | \"slot\":{\"n\":68} | $.slot",
            })
    void namesTheFieldAtFault(String from, String to, String path) {
        byte[] payload = GOOD.replace(from, to).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ReadingCodec.parse(payload).toSigned())
                .isInstanceOf(MalformedReadingException.class)
                .hasMessageStartingWith(path + ":");
    }
}
