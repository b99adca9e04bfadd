package io.flexledger.ui.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flexledger.contract.codec.CommunityRecords;
import io.flexledger.domain.community.CommunitySettlementRule;
import io.flexledger.domain.community.CommunityStatement;
import io.flexledger.domain.community.CommunityTrade;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.units.Kilowatts;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-ins for marketplace-api, device-bridge and the settlement service, answering in their
 * documented JSON shapes with one market day of a two-home feeder: a request, two offers, an order,
 * its settlement, 96 readings per home with Merkle proofs against the day's anchor. The stand-ins
 * record what the UI sent (tokens, posted offers) for the tests to check.
 */
public class ServiceStubs implements QuarkusTestResourceLifecycleManager {
    static final String DAY = "2026-11-28";
    static final String FEEDER = "feeder-1";
    static final String[] HOMES = {"pontypool-001", "pontypool-002"};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    /** Authorization headers seen, by request path. */
    static final Map<String, String> TOKENS = new ConcurrentHashMap<>();
    /** Offer bodies posted, with their Idempotency-Key header as field "_key". */
    static final List<JsonNode> POSTED = new CopyOnWriteArrayList<>();
    /** The day's offers; tests may add one to see the pages update live. */
    static final List<ObjectNode> OFFERS = new CopyOnWriteArrayList<>();

    /** When set, marketplace-api's community endpoints answer 503. */
    static volatile boolean communityDown;

    /** What the statements endpoint answers for agg1-prosumer's home: 404 (not settled), the statement, or 403. */
    enum StatementMode {
        NOT_SETTLED,
        SETTLED,
        REFUSED
    }

    static volatile StatementMode statementMode = StatementMode.NOT_SETTLED;

    /** The settlement's credited kWh as the stand-in answers it (a test may corrupt it). */
    static volatile String creditedKwh = "1.800000";

    /** When set, the statement's reading of slot 70 is this kWh, changed after the statement was computed. */
    static volatile String alteredSlot70Kwh;

    /** The meters' key pairs (EC P-256), one per home: the readings are really signed. */
    private static final KeyPair[] METER_KEYS = {ecKeys(), ecKeys()};

    private static String anchorRoot;
    private static final Map<String, ArrayNode> READINGS = new ConcurrentHashMap<>();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        build();
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the stand-ins' port", e);
        }
        server.createContext("/", this::handle);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "flex.ui.api.DsoMSP", url,
                "flex.ui.api.Aggregator1MSP", url,
                "flex.ui.api.Aggregator2MSP", url,
                "flex.ui.api.CommunityMSP", url,
                "flex.ui.bridge-url", url,
                "flex.ui.settlement-url", url);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Metered kWh of a home in a slot: night, day, evening peak, late; home 1 reduced while ordered. */
    static double meteredKwh(int home, int slot) {
        if (home == 0 && slot >= 68 && slot <= 71) {
            return 1.20;
        }
        if (slot < 28) {
            return 0.25;
        }
        if (slot < 64) {
            return 0.45;
        }
        return slot < 80 ? 1.70 : 0.60;
    }

    static synchronized void build() {
        communityDown = false;
        statementMode = StatementMode.NOT_SETTLED;
        alteredSlot70Kwh = null;
        creditedKwh = "1.800000";
        OFFERS.clear();
        POSTED.clear();
        TOKENS.clear();
        OFFERS.add(offer("offer-1", HOMES[0], 68, 71, "2.0", "0.30", "ORDERED"));
        OFFERS.add(offer("offer-2", HOMES[1], 72, 75, "1.5", "0.35", "OFFERED"));
        // The anchor: every reading of both homes, ordered by (assetId, deviceId, slot).
        List<ObjectNode> all = new ArrayList<>();
        for (int h = 0; h < HOMES.length; h++) {
            for (int s = 0; s < 96; s++) {
                ObjectNode r = JSON.createObjectNode();
                r.put("deviceId", "meter-" + (h + 1));
                r.put("assetId", HOMES[h]);
                r.put("day", DAY);
                r.put("slot", s);
                r.put("netKwh", String.format(java.util.Locale.ROOT, "%.6f", meteredKwh(h, s)));
                r.put("sequence", 1000 + s);
                MeterReading m = new MeterReading(
                        "meter-" + (h + 1),
                        HOMES[h],
                        LocalDate.parse(DAY),
                        s,
                        KilowattHours.parse(r.get("netKwh").asText()),
                        1000 + s);
                r.put(
                        "signature",
                        SignedReading.sign(m, METER_KEYS[h].getPrivate()).signatureBase64());
                all.add(r);
            }
        }
        List<List<byte[]>> levels = new ArrayList<>();
        List<byte[]> level = new ArrayList<>();
        for (ObjectNode r : all) {
            String text = String.join(
                    "|",
                    "flexledger-reading-v1",
                    r.get("deviceId").asText(),
                    r.get("assetId").asText(),
                    DAY,
                    r.get("slot").asText(),
                    r.get("netKwh").asText(),
                    r.get("sequence").asText());
            level.add(sha256((byte) 0, (text + "|" + r.get("signature").asText()).getBytes(StandardCharsets.UTF_8)));
        }
        levels.add(level);
        while (level.size() > 1) {
            List<byte[]> up = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                if (i + 1 < level.size()) {
                    byte[] both = new byte[64];
                    System.arraycopy(level.get(i), 0, both, 0, 32);
                    System.arraycopy(level.get(i + 1), 0, both, 32, 32);
                    up.add(sha256((byte) 1, both));
                } else {
                    up.add(level.get(i));
                }
            }
            levels.add(up);
            level = up;
        }
        anchorRoot = HEX.formatHex(level.get(0));
        READINGS.clear();
        for (int i = 0; i < all.size(); i++) {
            ObjectNode r = all.get(i).deepCopy();
            ObjectNode proof = r.putObject("proof");
            proof.put("leafIndex", i);
            proof.put("leafCount", all.size());
            ArrayNode siblings = proof.putArray("siblings");
            int index = i;
            for (int l = 0; l < levels.size() - 1; l++) {
                int sibling = index ^ 1;
                if (sibling < levels.get(l).size()) {
                    siblings.add(HEX.formatHex(levels.get(l).get(sibling)));
                }
                index /= 2;
            }
            READINGS.computeIfAbsent(r.get("assetId").asText(), k -> JSON.createArrayNode())
                    .add(r);
        }
    }

    /** Changes the amount of one reading (keeping its proof): it no longer matches the anchor. */
    static boolean tamper(String asset, int slot, String netKwh) {
        for (JsonNode r : READINGS.getOrDefault(asset, JSON.createArrayNode())) {
            if (r.get("slot").asInt() == slot) {
                ((ObjectNode) r).put("netKwh", netKwh);
                return true;
            }
        }
        return false;
    }

    static ObjectNode offer(String id, String asset, int from, int to, String kw, String price, String state) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id);
        o.put("aggregatorMsp", "Aggregator1MSP");
        o.put("congestionPointId", FEEDER);
        o.put("assetId", asset);
        o.put("day", DAY);
        ObjectNode kwBySlot = o.putObject("kwBySlot");
        for (int s = from; s <= to; s++) {
            kwBySlot.put(Integer.toString(s), kw);
        }
        o.put("price", price);
        o.put("minActivation", "0.5");
        o.put("state", state);
        o.put("txId", "tx-" + id);
        return o;
    }

    private static ObjectNode request() {
        ObjectNode r = JSON.createObjectNode();
        r.put("id", "req-1");
        r.put("dsoMsp", "DsoMSP");
        r.put("congestionPointId", FEEDER);
        r.put("day", DAY);
        ObjectNode kw = r.putObject("kwBySlot");
        for (int s = 64; s <= 79; s++) {
            kw.put(Integer.toString(s), "2.0");
        }
        r.put("unservedPenalty", "0.50");
        r.put("state", "OPEN");
        return r;
    }

    private static ObjectNode flexOrder() {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", "order-1");
        o.put("dsoMsp", "DsoMSP");
        o.put("offerId", "offer-1");
        o.put("activation", "1");
        o.put("state", "SETTLED");
        return o;
    }

    private static ObjectNode settlement() {
        ObjectNode s = JSON.createObjectNode();
        s.put("id", "stl-order-1");
        s.put("orderId", "order-1");
        s.put("offerId", "offer-1");
        s.put("aggregatorMsp", "Aggregator1MSP");
        s.put("dsoMsp", "DsoMSP");
        s.put("assetId", HOMES[0]);
        s.put("day", DAY);
        s.put("creditedKwh", creditedKwh);
        s.put("shortfallKwh", "0.200000");
        s.put("paymentEur", "0.54");
        s.put("penaltyEur", "0.03");
        s.put("netEur", "0.51");
        s.put("anchorRootHex", anchorRoot);
        s.put("baselineHash", "ef".repeat(32));
        s.put("detailsHash", "12".repeat(32));
        s.put("state", "SETTLED");
        s.put("txId", "tx-settle-1");
        s.put("settledAt", "2026-11-29T05:00:00Z");
        return s;
    }

    private static ObjectNode page(List<? extends JsonNode> records) {
        ObjectNode p = JSON.createObjectNode();
        p.putArray("records").addAll(new ArrayList<JsonNode>(records));
        p.put("bookmark", "");
        return p;
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
            TOKENS.put(path, auth);
        }
        // Every service wants the caller's token.
        if (auth == null || !auth.startsWith("Bearer ")) {
            send(ex, 401, "{\"title\":\"unauthorized\"}", Map.of());
            return;
        }
        String[] p = path.substring(1).split("/");
        JsonNode body = null;
        Map<String, String> headers = Map.of();
        int status = 200;
        if (p.length >= 3 && p[0].equals("api") && p[1].equals("community")) {
            if (communityDown) {
                send(
                        ex,
                        503,
                        "{\"title\":\"Service Unavailable\",\"detail\":\"the ledger is not answering\"}",
                        Map.of());
                return;
            }
            try {
                body = community(p, user(auth));
            } catch (Refused e) {
                send(
                        ex,
                        403,
                        JSON.createObjectNode()
                                .put("title", "Forbidden")
                                .put("detail", e.getMessage())
                                .toString(),
                        Map.of());
                return;
            }
        } else if (path.equals("/api/offers") && ex.getRequestMethod().equals("POST")) {
            ObjectNode posted = (ObjectNode) JSON.readTree(ex.getRequestBody());
            posted.put("_key", String.valueOf(ex.getRequestHeaders().getFirst("Idempotency-Key")));
            POSTED.add(posted);
            ObjectNode stored = posted.deepCopy();
            stored.remove("_key");
            stored.put("aggregatorMsp", "Aggregator1MSP");
            stored.put("state", "OFFERED");
            OFFERS.add(stored);
            body = stored;
            status = 201;
            headers = Map.of("Ledger-Transaction-Id", "tx-post-" + POSTED.size(), "Ledger-Block-Number", "43");
        } else if (p.length == 2 && p[0].equals("api")) {
            body = switch (p[1]) {
                case "requests" -> page(List.of(request()));
                case "offers" -> page(OFFERS);
                case "orders" -> page(List.of(flexOrder()));
                case "settlements" -> page(List.of(settlement()));
                default -> null;
            };
        } else if (p.length == 3 && p[0].equals("api")) {
            String id = p[2];
            body = switch (p[1]) {
                case "congestion-points" ->
                    id.equals(FEEDER)
                            ? JSON.readTree(
                                    "{\"id\":\"feeder-1\",\"kind\":\"FEEDER\",\"parentId\":\"transformer-1\",\"capacityKw\":\"12.000\"}")
                            : null;
                case "settlements" -> id.equals("stl-order-1") ? settlement() : null;
                case "orders" -> id.equals("order-1") ? flexOrder() : null;
                case "devices" -> device(id);
                case "offers" ->
                    OFFERS.stream()
                            .filter(o -> o.get("id").asText().equals(id))
                            .findFirst()
                            .orElse(null);
                default -> null;
            };
            if (body != null && body.has("txId")) {
                headers = Map.of("Ledger-Transaction-Id", body.get("txId").asText(), "Ledger-Block-Number", "42");
            }
        } else if (p.length == 4 && p[0].equals("api") && p[1].equals("settlements") && p[3].equals("details")) {
            // Baseline 1.65 kWh against 1.2 metered: 0.45 delivered of 0.5 ordered in each of the 4 slots.
            ObjectNode d = JSON.createObjectNode().put("id", p[2]).put("orderId", "order-1");
            ArrayNode lines = d.putArray("lines");
            for (int s = 68; s <= 71; s++) {
                lines.addObject()
                        .put("slot", s)
                        .put("orderedKwh", "0.500000")
                        .put("baselineKwh", "1.650000")
                        .put("meteredKwh", "1.200000")
                        .put("deliveredKwh", "0.450000")
                        .put("creditedKwh", "0.450000")
                        .put("shortfallKwh", "0.050000");
            }
            body = p[2].equals("stl-order-1") ? d : null;
        } else if (p.length == 4 && p[1].equals("anchors") && p[3].equals("Aggregator1MSP")) {
            body = JSON.createObjectNode()
                    .put("day", DAY)
                    .put("aggregatorMsp", p[3])
                    .put("rootHex", anchorRoot)
                    .put("leafCount", 192);
        } else if (p.length == 4 && p[1].equals("baselines")) {
            body = JSON.createObjectNode()
                    .put("assetId", p[3])
                    .put("aggregatorMsp", "Aggregator1MSP")
                    .put("day", p[2])
                    .put("hashHex", "ab".repeat(32))
                    .put("committedAt", "2026-11-27T10:00:00Z")
                    .put("state", "REVEALED");
        } else if (p.length == 4 && p[0].equals("bridge") && p[1].equals("readings") && READINGS.containsKey(p[3])) {
            ObjectNode r = JSON.createObjectNode();
            r.put("day", DAY).put("assetId", p[3]).put("aggregatorMsp", "Aggregator1MSP");
            r.putObject("anchor").put("rootHex", anchorRoot).put("leafCount", 192);
            r.set("readings", READINGS.get(p[3]));
            body = r;
        } else if (p.length == 3 && p[0].equals("settlement") && p[1].equals("audit")) {
            body = JSON.readTree("{\"day\":\"" + p[2] + "\",\"settlements\":[{\"settlementId\":\"stl-order-1\","
                    + "\"verdict\":\"VERIFIED\",\"discrepancies\":[]}]}");
        }
        if (body == null) {
            send(ex, 404, "{\"title\":\"not found\"}", Map.of());
        } else {
            send(ex, status, body.toString(), headers);
        }
    }

    /** The user a bearer token names (its {@code preferred_username}). */
    private static String user(String authorization) throws IOException {
        String[] jwt = authorization.substring("Bearer ".length()).split("\\.");
        return jwt.length < 2
                ? ""
                : JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]))
                        .path("preferred_username")
                        .asText("");
    }

    /**
     * The community market of Aggregator1MSP on {@link #DAY}: agg1-prosumer is the ACTIVE member of
     * pontypool-001, agg1-neighbour of pontypool-002; agg2-prosumer is the member of none. The answers
     * hold the neighbour's records too (as an instance that failed to keep them private would), so the
     * page's own filtering is what keeps them off a member's page.
     */
    private static JsonNode community(String[] p, String user) throws IOException {
        String c = "Aggregator1MSP";
        if (p.length == 3 && p[2].equals("me")) {
            ObjectNode me = JSON.createObjectNode().put("member", user);
            ArrayNode ms = me.putArray("memberships");
            if (user.equals("agg1-prosumer")) {
                ms.addObject()
                        .put("member", user)
                        .put("homeId", HOMES[0])
                        .put("community", c)
                        .put("proposerMsp", c)
                        .put("state", "ACTIVE");
                // A proposal not approved yet gives no home.
                ms.addObject()
                        .put("member", user)
                        .put("homeId", "pontypool-009")
                        .put("community", c)
                        .put("proposerMsp", c)
                        .put("state", "PROPOSED");
            }
            ms.addObject()
                    .put("member", "agg1-neighbour")
                    .put("homeId", HOMES[1])
                    .put("community", c)
                    .put("proposerMsp", c)
                    .put("state", "ACTIVE");
            return me;
        }
        if (p.length == 3 && p[2].equals("orders")) {
            ObjectNode out = JSON.createObjectNode();
            ArrayNode records = out.putArray("records");
            records.add(communityOrder("co-buy-68", HOMES[0], "agg1-prosumer", 68, "BUY", false, "1.500", "0.21000"));
            records.add(communityOrder("co-sell-70", HOMES[0], "agg1-prosumer", 70, "SELL", true, "2.000", "0.11000"));
            records.add(communityOrder(
                    "co-neighbour-68", HOMES[1], "agg1-neighbour", 68, "SELL", false, "3.000", "0.05000"));
            // The home's former member's order: the home is the member's now, the order is not.
            records.add(communityOrder("co-former-69", HOMES[0], "agg1-former", 69, "BUY", false, "1.000", "0.30000"));
            return out;
        }
        if (p.length != 5 || !p[3].equals(c) || !p[4].equals(DAY)) {
            return null;
        }
        if (p[2].equals("statements")) {
            return switch (statementMode) {
                case NOT_SETTLED -> null;
                case REFUSED -> throw new Refused("the statement of home " + HOMES[0] + " is not " + user + "'s");
                case SETTLED -> {
                    ObjectNode out = JSON.createObjectNode();
                    out.putArray("records").add(statement(user));
                    yield out;
                }
            };
        }
        return switch (p[2]) {
            case "days" -> {
                ObjectNode d = (ObjectNode) JSON.readTree("{\"community\":\"" + c + "\",\"day\":\"" + DAY
                        + "\",\"gateClosure\":\"2026-11-27T12:00:00Z\",\"pricing\":\"PAY_AS_CLEAR\"}");
                ArrayNode imports = d.putArray("importPrice");
                ArrayNode exports = d.putArray("exportPrice");
                for (int i = 0; i < 96; i++) {
                    imports.add("0.30");
                    exports.add("0.05");
                }
                yield d;
            }
            case "clearing" -> {
                ObjectNode clearing =
                        JSON.createObjectNode().put("community", c).put("day", DAY);
                clearing.put("pricing", "PAY_AS_CLEAR");
                ArrayNode trades = clearing.putArray("trades");
                trades.add(trade("co-buy-68", HOMES[0], "agg1-prosumer", 68, "BUY", false, "1.500", "0.16"));
                trades.add(trade("co-sell-70", HOMES[0], "agg1-prosumer", 70, "SELL", true, "1.250", "0.14"));
                trades.add(trade("co-neighbour-68", HOMES[1], "agg1-neighbour", 68, "SELL", false, "1.500", "0.16"));
                trades.add(trade("co-former-69", HOMES[0], "agg1-former", 69, "BUY", false, "1.000", "0.3"));
                clearing.put("recordedAt", "2026-11-27T12:05:00Z").put("txId", "tx-clearing-1");
                yield clearing;
            }
            case "prices" ->
                JSON.readTree("{\"community\":\"" + c + "\",\"day\":\"" + DAY + "\","
                        + "\"pricing\":\"PAY_AS_CLEAR\",\"trades\":4,\"slots\":["
                        + "{\"slot\":68,\"kw\":\"1.500\",\"price\":\"0.16000\"},"
                        + "{\"slot\":70,\"kw\":\"1.250\",\"price\":\"0.14000\"}]}");
            default -> null;
        };
    }

    /** A 403 of the stand-in marketplace-api. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** A meter of the ledger's registry with its registered key (version 1). */
    private static ObjectNode device(String id) {
        for (int h = 0; h < HOMES.length; h++) {
            if (id.equals("meter-" + (h + 1))) {
                ObjectNode d = JSON.createObjectNode();
                d.put("id", id).put("assetId", HOMES[h]).put("kind", "METER");
                d.put("keyAlgorithm", "EC");
                d.put(
                        "publicKeyBase64",
                        Base64.getEncoder()
                                .encodeToString(METER_KEYS[h].getPublic().getEncoded()));
                d.put("aggregatorMsp", "Aggregator1MSP").put("state", "ACTIVE").put("keyVersion", 1);
                d.put("txId", "tx-device-" + id);
                return d;
            }
        }
        return null;
    }

    /**
     * agg1-prosumer's statement of pontypool-001 as the ledger would hold it: the rule on the home's two
     * trades (bought 1.5 kW in slot 68 at 0.16, sold 1.25 kW in slot 70 at 0.14), the day's grid prices
     * (0.30 import, 0.05 export) and the home's readings of the two slots with their proofs.
     */
    static ObjectNode statement(String member) {
        List<JsonNode> readings = new ArrayList<>();
        for (JsonNode r : READINGS.get(HOMES[0])) {
            int slot = r.get("slot").asInt();
            if (slot == 68 || slot == 70) {
                readings.add(r.deepCopy());
            }
        }
        List<MeterReading> meter = new ArrayList<>();
        for (JsonNode r : readings) {
            meter.add(new MeterReading(
                    r.get("deviceId").asText(),
                    HOMES[0],
                    LocalDate.parse(DAY),
                    r.get("slot").asInt(),
                    KilowattHours.parse(r.get("netKwh").asText()),
                    r.get("sequence").asLong()));
        }
        CommunityStatement st = CommunitySettlementRule.DEFAULT.settle(
                "Aggregator1MSP",
                HOMES[0],
                MarketPeriod.of(LocalDate.parse(DAY)),
                List.of(
                        new CommunityTrade(
                                "co-buy-68", 68, CommunityTrade.Side.BUY, Kilowatts.of("1.5"), new BigDecimal("0.16")),
                        new CommunityTrade(
                                "co-sell-70",
                                70,
                                CommunityTrade.Side.SELL,
                                Kilowatts.of("1.250"),
                                new BigDecimal("0.14"))),
                Collections.nCopies(96, EurosPerKwh.of("0.30")),
                Collections.nCopies(96, EurosPerKwh.of("0.05")),
                meter);
        if (alteredSlot70Kwh != null) {
            ((ObjectNode) readings.get(1)).put("netKwh", alteredSlot70Kwh);
        }
        return JSON.valueToTree(CommunityRecords.statement(
                st,
                member,
                readings,
                anchorRoot,
                "cd".repeat(32),
                Instant.parse("2026-11-29T06:00:00Z"),
                "tx-statement-1"));
    }

    private static KeyPair ecKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode communityOrder(
            String id, String home, String member, int slot, String side, boolean flexible, String kw, String price) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id)
                .put("homeId", home)
                .put("member", member)
                .put("day", DAY)
                .put("slot", slot);
        o.put("side", side).put("flexible", flexible).put("kw", kw).put("price", price);
        o.put("community", "Aggregator1MSP").put("proposerMsp", "Aggregator1MSP");
        return o;
    }

    /** One trade of the stored clearing, as the chaincode writes it. */
    private static ObjectNode trade(
            String orderId,
            String home,
            String member,
            int slot,
            String side,
            boolean flexible,
            String kw,
            String price) {
        ObjectNode t = JSON.createObjectNode()
                .put("orderId", orderId)
                .put("homeId", home)
                .put("member", member);
        t.put("slot", slot)
                .put("side", side)
                .put("flexible", flexible)
                .put("kw", kw)
                .put("price", price);
        return t;
    }

    private static void send(HttpExchange ex, int status, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static byte[] sha256(byte prefix, byte[] data) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(prefix);
            d.update(data);
            return d.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
