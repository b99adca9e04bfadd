package io.flexledger.marketplaceapi.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.marketplaceapi.api.GatewayCommunityLedger;
import io.flexledger.marketplaceapi.ledger.LedgerUnavailableException;
import org.junit.jupiter.api.Test;

/**
 * A community's writes are endorsed by its operator and CommunityMSP (the collection's policy AND(operator,
 * CommunityMSP)); a record naming anyone else as the operator is a fault between the API and the ledger.
 */
class CommunityEndorsersTest {
    @Test
    void theOperatorAndCommunityMspEndorse() {
        assertThat(GatewayCommunityLedger.endorsers("Aggregator1MSP"))
                .containsExactly("Aggregator1MSP", "CommunityMSP");
        assertThat(GatewayCommunityLedger.endorsers("Aggregator2MSP"))
                .containsExactly("Aggregator2MSP", "CommunityMSP");
    }

    @Test
    void onlyAnAggregatorRunsACommunity() {
        for (String other : new String[] {"DsoMSP", "CommunityMSP", "", "Mallory"}) {
            assertThatThrownBy(() -> GatewayCommunityLedger.endorsers(other))
                    .isInstanceOf(LedgerUnavailableException.class)
                    .hasMessageContaining("aggregator");
        }
    }
}
