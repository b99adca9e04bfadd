package io.flexledger.domain.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.domain.units.Euros;
import org.junit.jupiter.api.Test;

class DisputeTest {
    static final String HASH = "ab".repeat(32);

    static Dispute open() {
        return Dispute.open("d-1", "stl-ord-1", "Aggregator1MSP", "meter was replaced on the day", HASH);
    }

    @Test
    void anOpenDisputeIsResolvedOnceByTheOtherParty() {
        Dispute d = open();
        assertThat(d.state()).isEqualTo(DisputeState.OPEN);
        assertThat(d.resolver("DsoMSP", "Aggregator1MSP")).isEqualTo("DsoMSP");
        assertThat(Dispute.open("d-2", "stl-ord-1", "DsoMSP", "r", HASH).resolver("DsoMSP", "Aggregator1MSP"))
                .isEqualTo("Aggregator1MSP");
        Dispute upheld = d.resolve(DisputeOutcome.UPHELD, "agreed", Euros.of("0.2"));
        assertThat(upheld.state()).isEqualTo(DisputeState.RESOLVED);
        assertThat(upheld.adjustedNetEur()).isEqualTo(Euros.of("0.2"));
        assertThatThrownBy(() -> upheld.resolve(DisputeOutcome.REJECTED, null, null))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anUpheldDisputeNamesTheNewNetAndARejectedOneDoesNot() {
        assertThatThrownBy(() -> open().resolve(DisputeOutcome.UPHELD, "agreed", null))
                .hasMessage("adjustedNetEur: is required");
        assertThatThrownBy(() -> open().resolve(DisputeOutcome.REJECTED, null, Euros.of("1")))
                .hasMessage("adjustedNetEur: is only given when the dispute is UPHELD");
        assertThat(open().resolve(DisputeOutcome.REJECTED, null, null).outcome())
                .isEqualTo(DisputeOutcome.REJECTED);
    }

    @Test
    void badFieldsAreNamed() {
        assertThatThrownBy(() -> Dispute.open("d 1", "ord-1", "CommunityMSP", " ", "ABC"))
                .hasMessage("id: must match " + io.flexledger.domain.validation.Violations.ID.pattern()
                        + "; settlementId: must be stl-<orderId>; openedBy: must be the DSO or an aggregator organisation"
                        + "; reason: must not be blank; evidenceHash: must be 64 lower-case hex digits (SHA-256)");
        assertThatThrownBy(() -> new Dispute(
                        "d-1", "stl-ord-1", "DsoMSP", "r", HASH, DisputeState.OPEN, DisputeOutcome.UPHELD, null, null))
                .hasMessage("outcome: must be absent while the dispute is open");
        assertThatThrownBy(() ->
                        new Dispute("d-1", "stl-ord-1", "DsoMSP", "r", HASH, DisputeState.RESOLVED, null, null, null))
                .hasMessage("outcome: is required");
    }
}
