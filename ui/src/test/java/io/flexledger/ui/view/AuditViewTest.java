package io.flexledger.ui.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AuditViewTest {
    @Test
    void canonicalTextOfAReadingHasSixDecimals() throws Exception {
        var r = new ObjectMapper()
                .readTree("{\"deviceId\":\"m1\",\"assetId\":\"h1\",\"day\":\"2026-11-28\",\"slot\":68,"
                        + "\"netKwh\":\"0.412\",\"sequence\":17,\"signature\":\"c2ln\"}");
        assertThat(AuditView.canonicalText(r)).isEqualTo("flexledger-reading-v1|m1|h1|2026-11-28|68|0.412000|17");
    }
}
