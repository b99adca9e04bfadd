package io.flexledger.chaincode;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Seeds a small grid through the contracts themselves: TX1 with feeders F1 and F2, one home per aggregator. */
final class MarketFixture {
    static final String DSO = "DsoMSP";
    static final String AGG1 = "Aggregator1MSP";
    static final String AGG2 = "Aggregator2MSP";
    static final String COMMUNITY = "CommunityMSP";
    static final String DAY = "2026-11-27";
    static final String SALT = "00112233445566778899aabbccddeeff";

    final FakeLedger ledger = new FakeLedger();
    final RegistryContract registry = new RegistryContract();
    final BaselineContract baselines = new BaselineContract();
    final RequestContract requests = new RequestContract();
    final OfferContract offers = new OfferContract();
    final RevocationContract revocations = new RevocationContract();
    final OrderContract orders = new OrderContract();

    /** Registers TX1, TX1-F1, TX1-F2, home-1 (Aggregator1 on F1) and home-2 (Aggregator2 on F2). */
    MarketFixture seeded() {
        cp("{\"id\":\"TX1\",\"kind\":\"TRANSFORMER\",\"capacityKw\":500}");
        cp("{\"id\":\"TX1-F1\",\"kind\":\"FEEDER\",\"parentId\":\"TX1\",\"capacityKw\":200}");
        cp("{\"id\":\"TX1-F2\",\"kind\":\"FEEDER\",\"parentId\":\"TX1\",\"capacityKw\":200}");
        asset(AGG1, "home-1", "TX1-F1");
        asset(AGG2, "home-2", "TX1-F2");
        return this;
    }

    void cp(String json) {
        ledger.as(DSO, () -> registry.registerCongestionPoint(ledger.ctx, json));
    }

    String asset(String aggregator, String id, String cp) {
        ledger.transientData = Map.of("home", home(id).getBytes(StandardCharsets.UTF_8));
        try {
            return ledger.as(
                    aggregator,
                    () -> registry.registerAsset(
                            ledger.ctx, "{\"id\":\"" + id + "\",\"congestionPointId\":\"" + cp + "\"}"));
        } finally {
            ledger.transientData = Map.of();
        }
    }

    static String home(String assetId) {
        return "{\"assetId\":\"" + assetId + "\",\"address\":\"1 High St, Pontypool\",\"meterId\":\"m-" + assetId
                + "\",\"connectionCapacityKw\":\"17.25\",\"salt\":\"" + SALT + "\"}";
    }

    /** An offer JSON for home-1 at TX1 in slots 68..70. */
    static String offerJson(String id) {
        return offerJson(id, "home-1", "TX1", "{\"68\":2,\"69\":2,\"70\":\"2.5\"}");
    }

    static String offerJson(String id, String asset, String cp, String kwBySlot) {
        return "{\"id\":\"" + id + "\",\"congestionPointId\":\"" + cp + "\",\"assetId\":\"" + asset
                + "\",\"day\":\"" + DAY + "\",\"kwBySlot\":" + kwBySlot
                + ",\"price\":0.21,\"minActivation\":0.5}";
    }

    String postOffer(String aggregator, String json) {
        return ledger.as(aggregator, () -> offers.createOffer(ledger.ctx, json));
    }

    String postRequest(String json) {
        return ledger.as(DSO, () -> requests.createRequest(ledger.ctx, json));
    }

    static String requestJson(String id, String cp, String kwBySlot) {
        return "{\"id\":\"" + id + "\",\"congestionPointId\":\"" + cp + "\",\"day\":\"" + DAY + "\",\"kwBySlot\":"
                + kwBySlot + ",\"unservedPenalty\":2}";
    }

    String order(String id, String offerId, String activation) {
        return ledger.as(
                DSO,
                () -> orders.createOrder(
                        ledger.ctx,
                        "{\"id\":\"" + id + "\",\"offerId\":\"" + offerId + "\",\"activation\":" + activation + "}"));
    }
}
