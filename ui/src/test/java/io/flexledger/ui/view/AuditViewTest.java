package io.flexledger.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.client.RecordJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** The audit page's reading leaves: the domain's, from the bridge's answer decoded by the one codec. */
class AuditViewTest {
    private static final String ANSWER =
            "{\"day\":\"2026-11-28\",\"assetId\":\"h1\",\"aggregatorMsp\":\"Aggregator1MSP\","
                    + "\"anchor\":{\"rootHex\":\"%s\",\"leafCount\":1},\"readings\":[{\"deviceId\":\"m1\",\"assetId\":\"h1\","
                    + "\"day\":\"2026-11-28\",\"slot\":68,\"netKwh\":\"0.412\",\"sequence\":17,\"signature\":\"c2ln\","
                    + "\"proof\":{\"leafIndex\":0,\"leafCount\":1,\"siblings\":[]}}]}";

    @Test
    void aReadingsLeafIsSha256OfZeroByteCanonicalTextWithSixDecimalsAndSignature() throws Exception {
        byte[] text = "\0flexledger-reading-v1|m1|h1|2026-11-28|68|0.412000|17|c2ln".getBytes(StandardCharsets.UTF_8);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(text);
        String root = java.util.HexFormat.of().formatHex(expected);
        var readings = RecordJson.readings(new ObjectMapper().readTree(ANSWER.formatted(root)));
        var r = readings.readings().get(0);
        assertThat(r.signed().leafHash()).isEqualTo(expected);
        // A tree of one leaf: its root is the leaf, and the page's path check leads there.
        assertThat(AuditView.leadsTo(
                        r.signed().leafHash(),
                        r.proof().leafIndex(),
                        r.proof().leafCount(),
                        r.proof().siblingsHex(),
                        readings.anchor().rootHex()))
                .isTrue();
    }
}
