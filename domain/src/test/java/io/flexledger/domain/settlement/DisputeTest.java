package io.flexledger.domain.settlement;

import static io.flexledger.domain.settlement.SettlementFixture.offer;
import static io.flexledger.domain.settlement.SettlementFixture.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.units.Euros;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.validation.Violation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DisputeTest {
    static final String HASH = "ab".repeat(32);
    /** 1 kWh credited, 0.625 kWh short of the 1.625 kWh of SettlementRuleTest's offer at 0.21 EUR/kWh. */
    static final DisputeClaim CLAIM =
            new DisputeClaim(KilowattHours.of("1"), KilowattHours.of("0.625"), Euros.of("0.1444"));

    static Dispute open() {
        return Dispute.open("d-1", "stl-ord-1", "Aggregator1MSP", "meter was replaced on the day", HASH, CLAIM);
    }

    @Test
    void anOpenDisputeIsResolvedOnceByTheOtherParty() {
        Dispute d = open();
        assertThat(d.state()).isEqualTo(DisputeState.OPEN);
        assertThat(d.resolver("DsoMSP", "Aggregator1MSP")).contains("DsoMSP");
        assertThat(Dispute.open("d-2", "stl-ord-1", "DsoMSP", "r", HASH, CLAIM).resolver("DsoMSP", "Aggregator1MSP"))
                .contains("Aggregator1MSP");
        // An opener that is neither party of the settlement leaves nobody to resolve it.
        assertThat(d.resolver("DsoMSP", "Aggregator2MSP")).isEmpty();
        assertThat(d.appliedNetEur()).isEmpty();
        Dispute upheld = d.resolve(DisputeOutcome.UPHELD, "agreed");
        assertThat(upheld.state()).isEqualTo(DisputeState.RESOLVED);
        assertThat(upheld.claim()).isEqualTo(CLAIM);
        assertThat(upheld.appliedNetEur()).contains(Euros.of("0.1444"));
        assertThatThrownBy(() -> upheld.resolve(DisputeOutcome.REJECTED, null))
                .isInstanceOf(IllegalStateException.class);
        assertThat(open().resolve(DisputeOutcome.REJECTED, null).appliedNetEur())
                .isEmpty();
    }

    @Test
    void aDisputeStatesItsFiguresAndOnlyThoseCanBeUpheld() {
        assertThatThrownBy(() -> Dispute.open("d-1", "stl-ord-1", "DsoMSP", "r", HASH, null))
                .hasMessage("claim: is required");
        // A dispute recorded before disputes stated figures decodes, and can only be rejected.
        Dispute legacy = new Dispute("d-1", "stl-ord-1", "DsoMSP", "r", HASH, null, DisputeState.OPEN, null, null);
        assertThatThrownBy(() -> legacy.resolve(DisputeOutcome.UPHELD, null))
                .hasMessage("outcome: UPHELD needs the opener's claim; dispute d-1 states none");
        assertThat(legacy.resolve(DisputeOutcome.REJECTED, "no figures").outcome())
                .isEqualTo(DisputeOutcome.REJECTED);
    }

    @Test
    void badFieldsAreNamed() {
        assertThatThrownBy(() -> Dispute.open("d 1", "ord-1", "CommunityMSP", " ", "ABC", null))
                .hasMessage("id: must match " + io.flexledger.domain.validation.Violations.ID.pattern()
                        + "; settlementId: must be stl-<orderId>; openedBy: must be the DSO or an aggregator organisation"
                        + "; reason: must not be blank; evidenceHash: must be 64 lower-case hex digits (SHA-256)"
                        + "; claim: is required");
        assertThatThrownBy(() -> new Dispute(
                        "d-1", "stl-ord-1", "DsoMSP", "r", HASH, CLAIM, DisputeState.OPEN, DisputeOutcome.UPHELD, null))
                .hasMessage("outcome: must be absent while the dispute is open");
        assertThatThrownBy(() ->
                        new Dispute("d-1", "stl-ord-1", "DsoMSP", "r", HASH, CLAIM, DisputeState.RESOLVED, null, null))
                .hasMessage("outcome: is required");
        assertThatThrownBy(() -> new DisputeClaim(KilowattHours.of("-1"), null, null))
                .hasMessage("creditedKwh: must be >= 0; shortfallKwh: is required; netEur: is required");
    }

    /** The claim against SettlementRuleTest's order: 1.625 kWh at 0.21 EUR/kWh, penalty factor 0.5. */
    @Nested
    class ClaimAgainstTheOrder {
        final FlexOffer offer = offer("0.21", "68=2", "69=2", "70=2.5");
        final KilowattHours ordered = SettlementRule.DEFAULT.orderedKwh(offer, order("1"));
        final EurosPerKwh price = offer.price();

        @Test
        void theBoundIsWhatTheOrderCanEverBeWorth() {
            assertThat(ordered).isEqualTo(KilowattHours.of("1.625"));
            // 1.625 x 0.21 = 0.34125 -> 0.3412; 0.5 x 0.21 x 1.625 = 0.170625 -> 0.1706
            assertThat(SettlementRule.DEFAULT.maxNet(ordered, price)).isEqualTo(Euros.of("0.3412"));
            assertThat(SettlementRule.DEFAULT.minNet(ordered, price)).isEqualTo(Euros.of("-0.1706"));
        }

        @Test
        void figuresWithinTheBoundThatFollowTheRulePass() {
            assertThat(CLAIM.outOfBounds(SettlementRule.DEFAULT, ordered, price))
                    .isEmpty();
            assertThat(CLAIM.inconsistencies(SettlementRule.DEFAULT, ordered, price))
                    .isEmpty();
            DisputeClaim all = new DisputeClaim(ordered, KilowattHours.ZERO, Euros.of("0.3412"));
            DisputeClaim none = new DisputeClaim(KilowattHours.ZERO, ordered, Euros.of("-0.1706"));
            for (DisputeClaim c : new DisputeClaim[] {all, none}) {
                assertThat(c.outOfBounds(SettlementRule.DEFAULT, ordered, price))
                        .isEmpty();
                assertThat(c.inconsistencies(SettlementRule.DEFAULT, ordered, price))
                        .isEmpty();
            }
        }

        @Test
        void aNetAboveOrBelowTheBoundIsOutOfBounds() {
            DisputeClaim million =
                    new DisputeClaim(KilowattHours.of("1"), KilowattHours.of("0.625"), Euros.of("1000000"));
            assertThat(million.outOfBounds(SettlementRule.DEFAULT, ordered, price))
                    .containsExactly(new Violation(
                            "netEur",
                            "1000000.0000 is outside [-0.1706, 0.3412], what the order can be worth (1.625000 kWh"
                                    + " ordered at 0.21000 EUR/kWh, penalty factor 0.5)"));
            DisputeClaim below = new DisputeClaim(KilowattHours.ZERO, ordered, Euros.of("-0.1707"));
            assertThat(below.outOfBounds(SettlementRule.DEFAULT, ordered, price))
                    .extracting(Violation::path)
                    .containsExactly("netEur");
            DisputeClaim moreEnergy = new DisputeClaim(KilowattHours.of("2"), KilowattHours.ZERO, Euros.of("0.3"));
            assertThat(moreEnergy.outOfBounds(SettlementRule.DEFAULT, ordered, price))
                    .extracting(Violation::toString)
                    .containsExactly("creditedKwh: 2.000000 is above the 1.625000 kWh ordered");
        }

        @Test
        void figuresThatDoNotFollowTheRuleAreNamed() {
            DisputeClaim freeNet = new DisputeClaim(KilowattHours.of("1"), KilowattHours.of("0.625"), Euros.of("0.3"));
            assertThat(freeNet.inconsistencies(SettlementRule.DEFAULT, ordered, price))
                    .extracting(Violation::toString)
                    .containsExactly("netEur: must be 0.1444, the rule's payment 0.2100 minus penalty 0.0656 for the"
                            + " claimed kWh at 0.21000 EUR/kWh");
            DisputeClaim lost = new DisputeClaim(KilowattHours.of("1"), KilowattHours.ZERO, Euros.of("0.21"));
            assertThat(lost.inconsistencies(SettlementRule.DEFAULT, ordered, price))
                    .extracting(Violation::toString)
                    .containsExactly("shortfallKwh: must be the 1.625000 kWh ordered minus creditedKwh, 0.625000");
        }
    }
}
