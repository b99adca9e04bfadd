package io.flexledger.chaincode;

import static io.flexledger.chaincode.MarketFixture.AGG1;
import static io.flexledger.chaincode.MarketFixture.AGG2;
import static io.flexledger.chaincode.MarketFixture.DSO;
import static io.flexledger.chaincode.MarketFixture.offerJson;
import static io.flexledger.chaincode.OfferContractTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.chaincode.support.Keys;
import io.flexledger.contract.ErrorCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class RevocationContractTest {
    static final String REVOKE = "{\"offerId\":\"o-1\",\"reason\":\"battery fault\"}";
    MarketFixture m;

    @BeforeEach
    void seed() {
        m = new MarketFixture().seeded();
        m.postOffer(AGG1, offerJson("o-1"));
    }

    @Nested
    class RevokeOffer {
        @Test
        void theOfferingAggregatorRevokesALiveOffer() {
            String json = m.ledger.as(AGG1, () -> m.revocations.revokeOffer(m.ledger.ctx, REVOKE));
            assertThat(json).contains("\"reason\":\"battery fault\"", "\"aggregatorMsp\":\"Aggregator1MSP\"");
            assertThat(m.ledger.get(Keys.OFFER, "o-1")).contains("\"state\":\"REVOKED\"");
            assertThat(m.ledger.lastEvent().name()).isEqualTo("OfferRevoked");
        }

        @Test
        void nobodyElseRevokesIt() {
            assertCode(
                    m.ledger.refused(DSO, () -> m.revocations.revokeOffer(m.ledger.ctx, REVOKE)),
                    ErrorCode.REVOCATION_MSP_NOT_ALLOWED);
            assertCode(
                    m.ledger.refused(AGG2, () -> m.revocations.revokeOffer(m.ledger.ctx, REVOKE)),
                    ErrorCode.REVOCATION_MSP_NOT_ALLOWED);
            assertThat(m.ledger.get(Keys.OFFER, "o-1")).contains("\"state\":\"OFFERED\"");
        }

        @Test
        void anOrderedOrRevokedOfferIsNotLive() {
            m.order("ord-1", "o-1", "1");
            assertCode(
                    m.ledger.refused(AGG1, () -> m.revocations.revokeOffer(m.ledger.ctx, REVOKE)),
                    ErrorCode.REVOCATION_OFFER_NOT_LIVE);
            m.postOffer(AGG1, offerJson("o-2", "home-1", "TX1", "{\"1\":1}"));
            String revokeO2 = REVOKE.replace("o-1", "o-2");
            m.ledger.as(AGG1, () -> m.revocations.revokeOffer(m.ledger.ctx, revokeO2));
            assertCode(
                    m.ledger.refused(AGG1, () -> m.revocations.revokeOffer(m.ledger.ctx, revokeO2)),
                    ErrorCode.REVOCATION_OFFER_NOT_LIVE);
        }

        @Test
        void aReasonIsRequiredAndTheOfferMustExist() {
            assertThat(m.ledger
                            .refused(
                                    AGG1,
                                    () -> m.revocations.revokeOffer(
                                            m.ledger.ctx, "{\"offerId\":\"o-1\",\"reason\":\" \"}"))
                            .getMessage())
                    .startsWith("INVALID_FIELD: $.reason: must not be blank");
            assertCode(
                    m.ledger.refused(AGG1, () -> m.revocations.revokeOffer(m.ledger.ctx, REVOKE.replace("o-1", "o-9"))),
                    ErrorCode.OFFER_NOT_FOUND);
        }
    }

    @Nested
    class ReadRevocation {
        @Test
        void readsTheRevocation() {
            String stored = m.ledger.as(AGG1, () -> m.revocations.revokeOffer(m.ledger.ctx, REVOKE));
            assertThat(m.ledger.as(DSO, () -> m.revocations.readRevocation(m.ledger.ctx, "o-1")))
                    .isEqualTo(stored);
            assertCode(
                    m.ledger.refused(DSO, () -> m.revocations.readRevocation(m.ledger.ctx, "o-2")),
                    ErrorCode.OFFER_NOT_FOUND);
        }
    }
}
