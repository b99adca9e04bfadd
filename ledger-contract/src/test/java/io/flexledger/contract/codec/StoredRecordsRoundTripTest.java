package io.flexledger.contract.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.domain.metering.ReadingAnchor;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The settle leg's stored records the API answers decoded: the JSON the chaincode's writer produces,
 * decoded and encoded again, is the same text, byte for byte.
 */
class StoredRecordsRoundTripTest {
    @Test
    void aStoredAnchorIsWrittenBackByteForByte() {
        ReadingAnchor a = new ReadingAnchor(LocalDate.of(2030, 6, 1), "Aggregator1MSP", "cd".repeat(32), 96);
        String written =
                CanonicalJson.write(AnchorRecords.anchor(a, "DsoMSP", "2030-06-02T04:00:00.123Z", "tx-anchor-1"));
        AnchorRecords.StoredAnchor read = AnchorRecords.storedAnchor(MarketRecords.stored(written));
        assertThat(read.anchor()).isEqualTo(a);
        assertThat(read.anchoredBy()).isEqualTo("DsoMSP");
        assertThat(CanonicalJson.write(AnchorRecords.anchor(read))).isEqualTo(written);
    }
}
