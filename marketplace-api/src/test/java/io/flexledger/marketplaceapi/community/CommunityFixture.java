package io.flexledger.marketplaceapi.community;

import static io.restassured.RestAssured.given;

import io.flexledger.contract.codec.CommunityRecords;
import io.flexledger.contract.codec.CommunityRecords.ClearingInput;
import io.flexledger.contract.codec.CommunityRecords.MembershipInput;
import io.flexledger.contract.codec.CommunityRecords.Order;
import io.flexledger.contract.codec.CommunityRecords.TradeInput;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.marketplaceapi.ledger.InMemoryCommunity;
import io.flexledger.marketplaceapi.ledger.InMemoryLedger;
import io.flexledger.marketplaceapi.ledger.InMemoryRegistry;
import io.restassured.response.ValidatableResponse;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;

/**
 * The community market's test day, arranged directly on the in-memory ledgers: a transformer and a feeder
 * of 100 kW, homes of Aggregator1 behind it, memberships, the day 2030-06-01 (the community gate at
 * 20:00Z, the DSO market's at 22:00Z) and orders.
 */
final class CommunityFixture {
    static final String DAY = "2030-06-01";
    static final String GATE = "2030-05-31T20:00:00Z";
    static final Instant AFTER_GATE = Instant.parse("2030-05-31T21:00:00Z");
    static final String AGG1 = "Aggregator1MSP";
    static final String COMMUNITY = "CommunityMSP";

    private final InMemoryLedger ledger;
    private final InMemoryRegistry registry;
    private final InMemoryCommunity community;
    private int keys;

    CommunityFixture(InMemoryLedger ledger, InMemoryRegistry registry, InMemoryCommunity community) {
        this.ledger = ledger;
        this.registry = registry;
        this.community = community;
        ledger.clear();
        registry.clear();
        community.clear();
    }

    private String key() {
        return "fixture-" + keys++;
    }

    /** The feeder F1 (100 kW) under transformer TX1, and homes of Aggregator1 behind it. */
    CommunityFixture grid(String... homes) {
        registry.as("DsoMSP").registerCongestionPoint(key(), InMemoryRegistry.transformer("TX1", "400"));
        registry.as("DsoMSP").registerCongestionPoint(key(), InMemoryRegistry.feeder("F1", "TX1", "100"));
        for (String home : homes) {
            registry.seedAsset(AGG1, home, "F1");
        }
        return this;
    }

    /** {@code member} proposed by {@code organisation} for {@code home}, approved by Aggregator1 if {@code active}. */
    CommunityFixture member(String organisation, String member, String home, boolean active) {
        community.as(organisation).proposeMembership(key(), new MembershipInput(member, home));
        if (active) {
            community.as(AGG1).approveMembership(key(), home);
        }
        return this;
    }

    /** Aggregator1 opens the day under {@code pricing}: retail 0.30, feed-in 0.05 EUR/kWh in every slot. */
    CommunityFixture day(String pricing) {
        return day(pricing, GATE);
    }

    /** The same, with the community gate at {@code gate}. */
    CommunityFixture day(String pricing, String gate) {
        LocalDate day = LocalDate.parse(DAY);
        community
                .as(AGG1)
                .openDay(
                        key(),
                        new CommunityRecords.Day(
                                AGG1,
                                MarketRecords.RULES.period(day),
                                Instant.parse(gate),
                                CommunityRecords.Pricing.valueOf(pricing),
                                Collections.nCopies(96, EurosPerKwh.of("0.30")),
                                Collections.nCopies(96, EurosPerKwh.of("0.05"))));
        return this;
    }

    static String dayJson(String pricing) {
        return dayJson(pricing, GATE);
    }

    static String dayJson(String pricing, String gate) {
        return "{\"community\":\"%s\",\"day\":\"%s\",\"gateClosure\":\"%s\",\"pricing\":\"%s\",\"importPrice\":%s,\"exportPrice\":%s}"
                .formatted(AGG1, DAY, gate, pricing, prices("0.30", 96), prices("0.05", 96));
    }

    static String prices(String price, int slots) {
        return "[" + String.join(",", java.util.Collections.nCopies(slots, price)) + "]";
    }

    /** An order posted by {@code organisation} for {@code member}. */
    CommunityFixture order(
            String organisation,
            String id,
            String member,
            String home,
            int slot,
            String side,
            boolean flexible,
            String kw,
            String price) {
        community
                .as(organisation)
                .postOrder(
                        key(),
                        new Order(
                                id,
                                home,
                                member,
                                LocalDate.parse(DAY),
                                slot,
                                CommunityRecords.Side.valueOf(side),
                                flexible,
                                Kilowatts.of(kw),
                                EurosPerKwh.of(price)));
        return this;
    }

    /** Aggregator1's clearing of the day with {@code trades}. */
    static ClearingInput clearing(TradeInput... trades) {
        return new ClearingInput(AGG1, LocalDate.parse(DAY), List.of(trades));
    }

    /** A trade of a clearing: order {@code orderId} matched at {@code kw} and {@code price}. */
    static TradeInput trade(String orderId, String kw, String price) {
        return new TradeInput(orderId, Kilowatts.of(kw), new BigDecimal(price));
    }

    /** The ledger's clock past the community gate, before the DSO market's. */
    CommunityFixture afterGate() {
        community.setNow(AFTER_GATE);
        return this;
    }

    static ValidatableResponse post(String path, String key, String body) {
        var request = given().contentType("application/json");
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.body(body == null ? "{}" : body).when().post(path).then();
    }

    static ValidatableResponse get(String path) {
        return given().when().get(path).then();
    }
}
