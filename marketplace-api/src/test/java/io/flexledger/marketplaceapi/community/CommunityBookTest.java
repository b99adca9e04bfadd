package io.flexledger.marketplaceapi.community;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.clearing.community.CommunityLimit;
import io.flexledger.clearing.community.CommunityMarket;
import io.flexledger.clearing.community.CommunityResult;
import io.flexledger.clearing.community.Feeder;
import io.flexledger.clearing.community.OfferTerms;
import io.flexledger.clearing.community.PricingRule;
import io.flexledger.clearing.model.Offer;
import io.flexledger.contract.codec.CommunityRecords;
import io.flexledger.contract.codec.CommunityRecords.Day;
import io.flexledger.contract.codec.CommunityRecords.Order;
import io.flexledger.contract.codec.CommunityRecords.TradeInput;
import io.flexledger.domain.time.MarketRules;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.Violations;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The community's book between the ledger's records and the UC2 solver, without the application. */
class CommunityBookTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate DAY = LocalDate.parse("2030-06-01");

    private static Day dayRecord(String pricing) {
        return new Day(
                "Aggregator1MSP",
                MarketRules.DEFAULT.period(DAY),
                Instant.parse("2030-05-31T20:00:00Z"),
                CommunityRecords.Pricing.valueOf(pricing),
                Collections.nCopies(96, EurosPerKwh.of("0.30")),
                Collections.nCopies(96, EurosPerKwh.of("0.05")));
    }

    private static Order order(
            String id, String home, int slot, String side, boolean flexible, String kw, String price) {
        return new Order(
                id,
                home,
                "member-" + home,
                DAY,
                slot,
                CommunityRecords.Side.valueOf(side),
                flexible,
                Kilowatts.of(kw),
                EurosPerKwh.of(price));
    }

    private static CommunityBook book(List<Order> orders, double feederKw) {
        return new CommunityBook(
                "Aggregator1MSP",
                DAY,
                dayRecord("PAY_AS_CLEAR"),
                orders,
                Map.of("h-1", "F1", "h-2", "F1", "h-3", "F1"),
                List.of(new Feeder("F1", feederKw, feederKw)));
    }

    @Test
    void tradesBalancePerSlotInWattsAndNobodyIsChargedBeyondItsLimit() {
        // three sellers and two buyers in one slot, prices of 5 decimals (their midpoint has 6)
        List<Order> orders = List.of(
                order("b-1", "h-1", 10, "BUY", false, "1.333", "0.25123"),
                order("b-2", "h-2", 10, "BUY", true, "0.777", "0.22123"),
                order("s-1", "h-3", 10, "SELL", true, "0.5", "0.10001"),
                order("s-2", "h-3", 10, "SELL", false, "0.9", "0.07123"),
                order("s-3", "h-3", 10, "SELL", true, "2", "0.19001"));
        CommunityBook book = book(orders, 100);
        CommunityResult result = new CommunityMarket(CommunityLimit.moves(2000))
                .clear(book.solverDay(), PricingRule.PAY_AS_CLEAR, OfferTerms.standard());

        List<TradeInput> trades = book.trades(result);

        BigDecimal net = BigDecimal.ZERO;
        java.util.Set<BigDecimal> uncapped = new java.util.HashSet<>();
        for (TradeInput t : trades) {
            Order o = orders.stream()
                    .filter(x -> x.id().equals(t.orderId()))
                    .findFirst()
                    .orElseThrow();
            BigDecimal kw = t.kw().value();
            BigDecimal price = t.price();
            assertThat(kw.scale()).isLessThanOrEqualTo(3);
            assertThat(price.scale()).isLessThanOrEqualTo(6);
            assertThat(kw).isLessThanOrEqualTo(o.kw().value());
            boolean buys = o.side() == CommunityRecords.Side.BUY;
            if (buys) {
                assertThat(price).isLessThanOrEqualTo(o.price().value());
            } else {
                assertThat(price).isGreaterThanOrEqualTo(o.price().value());
            }
            if (price.compareTo(o.price().value()) != 0) {
                uncapped.add(price.stripTrailingZeros());
            }
            net = buys ? net.add(kw) : net.subtract(kw);
        }
        assertThat(trades).isNotEmpty();
        assertThat(net).isEqualByComparingTo("0");
        // pay-as-clear: every trade not at its own limit is at the slot's one price, exactly
        assertThat(uncapped).hasSizeLessThanOrEqualTo(1);
        // the recorded trades give back the same matching
        double[] matched = book.matchedKw(trades);
        for (int i = 0; i < orders.size(); i++) {
            assertThat(matched[i]).isCloseTo(result.matching().matchedKw(i), org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void aLockedSlotSplitsABlockAndIsNeverOffered() {
        CommunityBook book = book(List.of(), 100);
        Offer block = new Offer(
                "x", "Aggregator1MSP", "F1", "h-1", new int[] {4, 5, 6, 7}, new double[] {1, 1.25, 1, 0.5}, 0.12, 0);

        List<ObjectNode> offers = book.dsoOffers(List.of(block), Set.of("h-1|5"));

        assertThat(offers).hasSize(2);
        assertThat(offers.get(0).path("id").asText()).isEqualTo("cm-2030-06-01-h-1-4");
        assertThat(offers.get(0).path("kwBySlot").fieldNames()).toIterable().containsExactly("4");
        assertThat(offers.get(1).path("id").asText()).isEqualTo("cm-2030-06-01-h-1-6");
        assertThat(offers.get(1).path("kwBySlot").fieldNames()).toIterable().containsExactly("6", "7");
        assertThat(offers.get(1).path("day").asText()).isEqualTo("2030-06-01");
        assertThat(offers.get(1).path("assetId").asText()).isEqualTo("h-1");
        assertThat(offers.get(1).path("congestionPointId").asText()).isEqualTo("F1");
    }

    @Test
    void aMatchedFlexibleSellLocksItsHomesSlotAndAFirmOneDoesNot() {
        CommunityBook book = book(
                List.of(
                        order("s-1", "h-1", 3, "SELL", true, "1", "0.1"),
                        order("s-2", "h-2", 3, "SELL", false, "1", "0.1"),
                        order("b-1", "h-3", 3, "BUY", true, "1", "0.2")),
                100);

        assertThat(book.lockedSlots(new double[] {0.5, 0.5, 1})).containsExactly("h-1|3");
        assertThat(book.lockedSlots(new double[] {0, 1, 1})).isEmpty();
    }

    @Test
    void anOfferIdIsDeterministicAndAlwaysAValidId() {
        String longHome = "h".repeat(60);
        String id = CommunityBook.offerId("Aggregator1MSP", DAY, longHome, 95);

        assertThat(Violations.ID.matcher(id).matches()).isTrue();
        assertThat(id).isEqualTo(CommunityBook.offerId("Aggregator1MSP", DAY, longHome, 95));
        assertThat(id).isNotEqualTo(CommunityBook.offerId("Aggregator1MSP", DAY, longHome + "x", 95));
        assertThat(CommunityBook.offerId("Aggregator1MSP", DAY, "home-7", 0)).isEqualTo("cm-2030-06-01-home-7-0");
        List<String> ids = new ArrayList<>();
        for (int slot = 0; slot < 96; slot++) {
            ids.add(CommunityBook.offerId("Aggregator1MSP", DAY, "home-7", slot));
        }
        assertThat(ids).doesNotHaveDuplicates();
    }
}
