package io.flexledger.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.domain.settlement.Dispute;
import io.flexledger.domain.settlement.DisputeClaim;
import io.flexledger.domain.settlement.SettlementRule;
import io.flexledger.domain.units.Euros;
import io.flexledger.domain.units.KilowattHours;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The disputes contract's rules as each party would bend them: a third organisation opening or resolving,
 * the opener deciding its own dispute, a claim worth more than the order or whose figures do not add up.
 * The order buys 2 and 2.5 kW over two slots (1.125 kWh) at 0.21 EUR/kWh: it is worth at most 0.2362 EUR.
 */
class DisputeRulesTest {
    static final String DSO = "DsoMSP";
    static final String AGG1 = "Aggregator1MSP";
    static final String AGG2 = "Aggregator2MSP";
    static final FlexOffer OFFER = MarketRecords.storedOffer(MarketRecords.stored(
            "{\"aggregatorMsp\":\"Aggregator1MSP\",\"assetId\":\"home-1\",\"congestionPointId\":\"TX1\","
                    + "\"day\":\"2026-11-27\",\"id\":\"o-1\",\"kwBySlot\":{\"68\":\"2.000\",\"69\":\"2.500\"},"
                    + "\"minActivation\":\"0.5\",\"price\":\"0.21000\",\"state\":\"ORDERED\"}"));
    static final FlexOrder ORDER = new FlexOrder("ord-1", DSO, "o-1", BigDecimal.ONE, FlexOrderState.ACCEPTED);

    static DisputeClaim claim(String credited, String shortfall, String net) {
        return new DisputeClaim(
                KilowattHours.of(credited), KilowattHours.of(shortfall), new Euros(new BigDecimal(net)));
    }

    static Dispute openedBy(String msp) {
        return Dispute.open("d-1", "stl-ord-1", msp, "meter swap", "ab".repeat(32), claim("1.125", "0", "0.2362"));
    }

    static ErrorCode code(Optional<DisputeRules.Refusal> r) {
        return r.map(DisputeRules.Refusal::code).orElse(null);
    }

    @Test
    void onlyTheDsoAndAggregatorsTakePartAndOnlyTheSettlementsPartiesOpen() {
        assertThat(DisputeRules.party(DSO, "open disputes")).isEmpty();
        assertThat(DisputeRules.party(AGG2, "open disputes")).isEmpty();
        assertThat(DisputeRules.party("CommunityMSP", "open disputes").orElseThrow())
                .isEqualTo(new DisputeRules.Refusal(
                        ErrorCode.DISPUTE_MSP_NOT_ALLOWED,
                        "only the DSO and aggregator organisations may open disputes (caller CommunityMSP)"));
        assertThat(DisputeRules.opener(AGG1, "stl-ord-1", DSO, AGG1)).isEmpty();
        assertThat(DisputeRules.opener(DSO, "stl-ord-1", DSO, AGG1)).isEmpty();
        // Another aggregator is no party of this settlement.
        assertThat(DisputeRules.opener(AGG2, "stl-ord-1", DSO, AGG1).orElseThrow())
                .isEqualTo(new DisputeRules.Refusal(
                        ErrorCode.DISPUTE_MSP_NOT_ALLOWED,
                        "settlement stl-ord-1 is between DsoMSP and Aggregator1MSP (caller Aggregator2MSP)"));
    }

    @Test
    void theOtherPartyResolvesNeverTheOpenerNorAThirdOne() {
        assertThat(DisputeRules.resolver(openedBy(AGG1), "stl-ord-1", DSO, AGG1, DSO))
                .isEmpty();
        assertThat(DisputeRules.resolver(openedBy(DSO), "stl-ord-1", DSO, AGG1, AGG1))
                .isEmpty();
        assertThat(code(DisputeRules.resolver(openedBy(AGG1), "stl-ord-1", DSO, AGG1, AGG1)))
                .isEqualTo(ErrorCode.DISPUTE_MSP_NOT_ALLOWED);
        assertThat(code(DisputeRules.resolver(openedBy(AGG1), "stl-ord-1", DSO, AGG1, AGG2)))
                .isEqualTo(ErrorCode.DISPUTE_MSP_NOT_ALLOWED);
        // Opened by an aggregator the settlement no longer names: nobody resolves it.
        assertThat(DisputeRules.resolver(openedBy(AGG2), "stl-ord-1", DSO, AGG1, DSO)
                        .orElseThrow()
                        .message())
                .isEqualTo("dispute d-1 was opened by Aggregator2MSP and is resolved by neither party of stl-ord-1"
                        + " (caller DsoMSP)");
    }

    @Test
    void aClaimMustFitWhatTheOrderCanBeWorthAndFollowByTheRule() {
        SettlementRule rule = SettlementRule.DEFAULT;
        assertThat(DisputeRules.claim(rule, OFFER, ORDER, claim("1.125", "0", "0.2362")))
                .isEmpty();
        // More energy credited than was ever ordered.
        Optional<DisputeRules.Refusal> big = DisputeRules.claim(rule, OFFER, ORDER, claim("9", "0", "1.89"));
        assertThat(code(big)).isEqualTo(ErrorCode.DISPUTE_CLAIM_OUT_OF_BOUNDS);
        assertThat(big.orElseThrow().message()).startsWith("$.claim.").endsWith(" (order ord-1)");
        // Figures that do not follow from each other: the net is not what the energy earns.
        assertThat(code(DisputeRules.claim(rule, OFFER, ORDER, claim("1.125", "0", "0.2000"))))
                .isEqualTo(ErrorCode.DISPUTE_CLAIM_INVALID);
    }
}
