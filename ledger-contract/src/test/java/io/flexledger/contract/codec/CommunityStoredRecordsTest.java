package io.flexledger.contract.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.contract.codec.CommunityRecords.Membership;
import io.flexledger.contract.codec.CommunityRecords.MembershipState;
import io.flexledger.contract.codec.CommunityRecords.Order;
import io.flexledger.contract.codec.CommunityRecords.PostedOrder;
import io.flexledger.contract.codec.CommunityRecords.Side;
import io.flexledger.contract.codec.CommunityRecords.StoredDay;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The community market's stored records as the API reads them: the JSON the chaincode's writer produces,
 * decoded by the codec and written again, is byte for byte what the chaincode wrote, so that an answer
 * written from a decoded record is the ledger's own.
 */
class CommunityStoredRecordsTest {
    static final Instant AT = Instant.parse("2030-05-31T12:00:00.123456789Z");

    private static JsonFields stored(String json) {
        return MarketRecords.stored(json);
    }

    @Test
    void aStoredDayIsWrittenAgainByteForByte() {
        String written = CanonicalJson.write(CommunityRecords.day(CommunityInputsTest.day("0.1"), AT, "c0ffee01"));
        StoredDay back = CommunityRecords.storedDay(stored(written));
        assertThat(back.day()).isEqualTo(CommunityInputsTest.day("0.1"));
        assertThat(back.openedAt()).isEqualTo(AT);
        assertThat(back.txId()).isEqualTo("c0ffee01");
        assertThat(CanonicalJson.write(CommunityRecords.day(back))).isEqualTo(written);
    }

    @Test
    void aStoredMembershipIsWrittenAgainByteForByte() {
        for (Membership m : List.of(
                new Membership(
                        "agg1 \"prosumer\" \\ é 😀",
                        "home-1",
                        "Aggregator1MSP",
                        "CommunityMSP",
                        MembershipState.PROPOSED,
                        null),
                new Membership(
                        "m", "home-2", "Aggregator2MSP", "Aggregator2MSP", MembershipState.ACTIVE, "ab".repeat(16)))) {
            String written = CanonicalJson.write(CommunityRecords.membership(m));
            Membership back = CommunityRecords.privateMembership(stored(written));
            assertThat(CommunityRecords.storedMembership(stored(written))).isEqualTo(m);
            assertThat(back).isEqualTo(m);
            assertThat(CanonicalJson.write(CommunityRecords.membership(back))).isEqualTo(written);
        }
    }

    @Test
    void aPostedOrderIsWrittenAgainByteForByte() {
        Order buy = new Order(
                "b-68",
                "home-1",
                "agg1 é",
                CommunityInputsTest.DAY,
                68,
                Side.BUY,
                false,
                Kilowatts.of("1.25"),
                EurosPerKwh.of("0.21"));
        Order sell = new Order(
                "s-0",
                "home-2",
                "m",
                CommunityInputsTest.DAY,
                0,
                Side.SELL,
                true,
                Kilowatts.of("0.001"),
                EurosPerKwh.of("0"));
        for (PostedOrder p : List.of(
                new PostedOrder(buy, "Aggregator1MSP", "Aggregator1MSP", null, AT, "tx-1"),
                new PostedOrder(sell, "Aggregator1MSP", "CommunityMSP", "0f".repeat(32), AT, "tx-2"))) {
            // the chaincode's writer, as PostCommunityOrder calls it
            String written = CanonicalJson.write(CommunityRecords.order(
                    p.order(), p.community(), p.proposerMsp(), p.salt(), p.postedAt(), p.txId()));
            PostedOrder back = CommunityRecords.postedOrder(stored(written));
            assertThat(back).isEqualTo(p);
            assertThat(CanonicalJson.write(CommunityRecords.order(back))).isEqualTo(written);
            // the chaincode's own reader of a stored order reads the same order
            assertThat(CommunityRecords.storedOrder(stored(written))).isEqualTo(p.order());
        }
    }

    @Test
    void aStoredOrderWithAFieldTheCodecDoesNotKnowIsRefusedNotDropped() {
        String written = CanonicalJson.write(CommunityRecords.order(
                new Order(
                        "b-1",
                        "home-1",
                        "m",
                        CommunityInputsTest.DAY,
                        1,
                        Side.BUY,
                        false,
                        Kilowatts.of("1"),
                        EurosPerKwh.of("0.2")),
                "Aggregator1MSP",
                "Aggregator1MSP",
                null,
                AT,
                "tx-1"));
        String extended = written.replace("{\"community\"", "{\"comment\":\"x\",\"community\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CommunityRecords.postedOrder(stored(extended)))
                .hasMessageContaining("$.comment");
    }
}
