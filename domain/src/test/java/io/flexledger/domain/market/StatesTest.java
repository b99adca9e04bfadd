package io.flexledger.domain.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatesTest {
    @Test
    void anOfferChangesOnlyWhileLive() {
        assertThat(FlexOfferState.OFFERED.canBecome(FlexOfferState.ORDERED)).isTrue();
        assertThat(FlexOfferState.OFFERED.canBecome(FlexOfferState.REVOKED)).isTrue();
        assertThat(FlexOfferState.OFFERED.canBecome(FlexOfferState.OFFERED)).isFalse();
        assertThat(FlexOfferState.ORDERED.canBecome(FlexOfferState.REVOKED)).isFalse();
        assertThat(FlexOfferState.REVOKED.canBecome(FlexOfferState.ORDERED)).isFalse();
        assertThatThrownBy(() -> FlexOfferState.ORDERED.to(FlexOfferState.REVOKED))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot go from ORDERED to REVOKED");
    }

    @Test
    void anOrderIsActivatedThenSettledOrCancelledBeforeActivation() {
        assertThat(FlexOrderState.ACCEPTED.canBecome(FlexOrderState.ACTIVATED)).isTrue();
        assertThat(FlexOrderState.ACCEPTED.canBecome(FlexOrderState.CANCELLED)).isTrue();
        assertThat(FlexOrderState.ACCEPTED.canBecome(FlexOrderState.SETTLED)).isFalse();
        assertThat(FlexOrderState.ACTIVATED.canBecome(FlexOrderState.SETTLED)).isTrue();
        assertThat(FlexOrderState.ACTIVATED.canBecome(FlexOrderState.CANCELLED)).isFalse();
        assertThat(FlexOrderState.SETTLED.isFinal()).isTrue();
    }

    @Test
    void requestsAndBaselines() {
        assertThat(FlexRequestState.OPEN.canBecome(FlexRequestState.CANCELLED)).isTrue();
        assertThat(FlexRequestState.CLOSED.canBecome(FlexRequestState.OPEN)).isFalse();
        assertThat(BaselineState.COMMITTED.canBecome(BaselineState.REVEALED)).isTrue();
        assertThat(BaselineState.REVEALED.canBecome(BaselineState.REVEALED)).isFalse();
    }
}
