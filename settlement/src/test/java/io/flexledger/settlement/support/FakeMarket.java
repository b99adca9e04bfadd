package io.flexledger.settlement.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flexledger.client.MarketplaceClient;
import io.flexledger.client.RetryPolicy;
import io.flexledger.client.TokenSource;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexOrderState;
import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.settlement.FlexSettlement;
import io.flexledger.domain.settlement.SettlementLine;
import io.flexledger.domain.settlement.SettlementRule;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.settlement.billing.BillingStore;
import io.flexledger.settlement.billing.SettlementBilling;
import io.flexledger.settlement.ledger.LedgerRecords;
import io.flexledger.settlement.ledger.MarketLedger;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The DSO's marketplace-api and the device bridge as far as settlement and audit use them, over HTTP
 * on a loopback port, for one market day: homes with an offer, an accepted order, a committed and
 * revealed baseline, a registered meter and its signed readings; each aggregator's readings anchored
 * in a Merkle tree. {@code POST /api/settlements} settles an order as the chaincode does (the market's
 * rule over the presented readings) unless the test made that order fail. Thread-safe.
 */
public final class FakeMarket implements AutoCloseable {
    /** The market day. */
    public static final LocalDate DAY = LocalDate.of(2026, 11, 28);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SALT = "00112233445566778899aabbccddeeff";
    private static final String DSO = "DsoMSP";

    private final Map<String, ObjectNode> offers = new LinkedHashMap<>();
    private final Map<String, ObjectNode> orders = new LinkedHashMap<>();
    private final Map<String, ObjectNode> settlements = new LinkedHashMap<>();
    private final Map<String, ObjectNode> details = new LinkedHashMap<>();
    private final Map<String, Baseline> baselines = new LinkedHashMap<>();
    private final Map<String, ObjectNode> devices = new LinkedHashMap<>();
    private final Map<String, List<SignedReading>> readings = new LinkedHashMap<>();
    private final Map<String, String> aggregatorOf = new LinkedHashMap<>();
    private final Map<String, MerkleTree> trees = new LinkedHashMap<>();
    private final Map<String, List<SignedReading>> leaves = new LinkedHashMap<>();
    private final Set<String> failing = new HashSet<>();
    /** Homes whose readings the bridge answers with a reading of another home slipped in: home to the other. */
    private final Map<String, String> slipped = new HashMap<>();
    /** Community trades of the day by community: {@code {orderId, homeId, slot, side, kw, price}}. */
    private final Map<String, ArrayNode> communityTrades = new LinkedHashMap<>();
    /** Members' statements by {@code community|home}. */
    private final Map<String, ObjectNode> statements = new LinkedHashMap<>();

    private int transactions;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    public FakeMarket() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** This fake's address (every instance's marketplace-api and the bridge alike). */
    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The ledger through this fake (marketplace-api and bridge alike), with no retries. */
    public MarketLedger ledger() {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        HttpClient http = HttpClient.newHttpClient();
        RetryPolicy once = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
        TokenSource token = TokenSource.fixed("test");
        return new MarketLedger(
                new MarketplaceClient(base, token, http, once, Duration.ofSeconds(30)),
                new MarketplaceClient(base, token, http, once, Duration.ofSeconds(30)));
    }

    /**
     * Adds home {@code i} of {@code aggregatorMsp}: it sells 2 kW in slots 68-71 at 0.20 EUR/kWh (order
     * {@code ord-o-i}, accepted), has a 3 kW baseline and delivers {@code deliveredShare} of the order.
     *
     * @return the order id
     */
    public synchronized String addHome(int i, String aggregatorMsp, double deliveredShare) throws Exception {
        String asset = "home-" + i;
        String offerId = "o-" + i;
        String orderId = "ord-" + offerId;
        ObjectNode offer = JSON.createObjectNode()
                .put("id", offerId)
                .put("aggregatorMsp", aggregatorMsp)
                .put("congestionPointId", "F1")
                .put("assetId", asset)
                .put("day", DAY.toString())
                .put("price", "0.20")
                .put("minActivation", "0")
                .put("state", "ORDERED");
        ObjectNode kw = offer.putObject("kwBySlot");
        for (int s = 68; s <= 71; s++) {
            kw.put(Integer.toString(s), "2");
        }
        offers.put(offerId, offer);
        // The order record as the chaincode writes it, with what it buys copied from the offer.
        FlexOffer stored = MarketRecords.storedOffer(MarketRecords.stored(offer.toString()));
        FlexOrder order = new FlexOrder(orderId, DSO, offerId, BigDecimal.ONE, FlexOrderState.ACCEPTED);
        orders.put(orderId, (ObjectNode) JSON.readTree(CanonicalJson.write(
                MarketRecords.order(order, stored, Instant.parse("2026-11-27T12:00:00Z"), "tx-order-" + i))));
        MarketPeriod period = MarketPeriod.of(DAY);
        List<Kilowatts> base = new ArrayList<>();
        for (int s = 0; s < period.slotCount(); s++) {
            base.add(Kilowatts.of("3"));
        }
        baselines.put(asset, new Baseline(asset, period, base));
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = g.generateKeyPair();
        String meter = "m-" + i;
        ObjectNode page = JSON.createObjectNode();
        page.putArray("records")
                .addObject()
                .put("id", meter)
                .put("assetId", asset)
                .put("kind", "METER")
                .put("state", "ACTIVE")
                .put("keyAlgorithm", "EC")
                .put(
                        "publicKeyBase64",
                        Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        devices.put(asset, page);
        List<SignedReading> signed = new ArrayList<>();
        for (int s = 64; s < 76; s++) {
            // 3 kW baseline; in ordered slots the home runs at 3 - 2 x share kW.
            double kwh = (s >= 68 && s <= 71 ? 3 - 2 * deliveredShare : 3) * 0.25;
            signed.add(SignedReading.sign(
                    new MeterReading(meter, asset, DAY, s, KilowattHours.of(String.format("%.3f", kwh)), s + 1L),
                    keys.getPrivate()));
        }
        readings.put(asset, signed);
        aggregatorOf.put(asset, aggregatorMsp);
        return orderId;
    }

    /**
     * Records a community trade of home {@code i} (added before) in slot {@code slot} of its aggregator's
     * community: 2 kW at 0.15 EUR/kWh.
     */
    public synchronized void communityTrade(int i, int slot, String side) {
        String home = "home-" + i;
        communityTrades
                .computeIfAbsent(aggregatorOf.get(home), c -> JSON.createArrayNode())
                .addObject()
                .put("orderId", "c-" + i + "-" + slot)
                .put("homeId", home)
                .put("slot", slot)
                .put("side", side)
                .put("kw", "2")
                .put("price", "0.15");
    }

    /** The homes with a community statement, {@code community|home}. */
    public synchronized Set<String> statementKeys() {
        return Set.copyOf(statements.keySet());
    }

    /** Anchors the readings of {@code aggregatorMsp}'s homes on the ledger (one Merkle tree over all of them). */
    public synchronized void anchor(String aggregatorMsp) {
        List<SignedReading> all = readings.entrySet().stream()
                .filter(e -> aggregatorOf.get(e.getKey()).equals(aggregatorMsp))
                .flatMap(e -> e.getValue().stream())
                .sorted(Comparator.comparing((SignedReading r) -> r.reading().assetId())
                        .thenComparingInt(r -> r.reading().slot()))
                .toList();
        leaves.put(aggregatorMsp, all);
        trees.put(
                aggregatorMsp,
                MerkleTree.of(all.stream().map(SignedReading::leafHash).toList()));
    }

    /** Settling {@code orderId} fails (409) until {@link #heal}. */
    /**
     * From now on the bridge answers {@code asset}'s readings with the first reading of {@code other} slipped in
     * (validly signed and proven, but another home's).
     */
    public synchronized void slipReading(String asset, String other) {
        slipped.put(asset, other);
    }

    public synchronized void fail(String orderId) {
        failing.add(orderId);
    }

    /** Settling {@code orderId} works again. */
    public synchronized void heal(String orderId) {
        failing.remove(orderId);
    }

    /** Sets an order's state on the ledger. */
    public synchronized void setOrderState(String orderId, String state) {
        orders.get(orderId).put("state", state);
    }

    /** An order's state on the ledger. */
    public synchronized String orderState(String orderId) {
        return orders.get(orderId).path("state").asText();
    }

    /** The settlements on the ledger, by id. */
    public synchronized Set<String> settlementIds() {
        return Set.copyOf(settlements.keySet());
    }

    /** A billing store in memory, keeping what {@link BillingStore} keeps. */
    public static final class Billing implements SettlementBilling {
        private final Map<String, Map<String, String>> rows = new ConcurrentHashMap<>();

        @Override
        public void record(Map<String, String> s) {
            Map<String, String> row = new TreeMap<>();
            BillingStore.FIELDS.forEach(f -> row.put(f, s.get(f)));
            rows.put(s.get("id"), row);
        }

        @Override
        public Optional<Map<String, String>> find(String settlementId) {
            return Optional.ofNullable(rows.get(settlementId)).map(Map::copyOf);
        }

        /** Forgets a row, as if the store had lost it. */
        public void lose(String settlementId) {
            rows.remove(settlementId);
        }

        /** The settlement ids with a row. */
        public Set<String> ids() {
            return Set.copyOf(rows.keySet());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String[] p = ex.getRequestURI().getPath().substring(1).split("/");
            String method = ex.getRequestMethod();
            Answer a;
            synchronized (this) {
                if (method.equals("POST") && ex.getRequestURI().getPath().equals("/api/settlements")) {
                    a = settle(JSON.readTree(ex.getRequestBody()));
                } else if (method.equals("POST") && p.length == 4 && p[1].equals("community")) {
                    a = settleMember(JSON.readTree(ex.getRequestBody()));
                } else {
                    a = method.equals("GET") ? get(p) : null;
                }
            }
            if (a == null) {
                a = problem(404, "no resource at " + ex.getRequestURI().getPath());
            }
            byte[] bytes = a.body.toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders()
                    .set("Content-Type", a.status >= 400 ? "application/problem+json" : "application/json");
            a.headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            ex.sendResponseHeaders(a.status, bytes.length);
            ex.getResponseBody().write(bytes);
        } catch (RuntimeException e) {
            e.printStackTrace();
            throw e;
        }
    }

    private record Answer(int status, JsonNode body, Map<String, String> headers) {}

    private static Answer ok(JsonNode body) {
        return body == null ? null : new Answer(200, body, Map.of());
    }

    private static Answer problem(int status, String detail) {
        return new Answer(
                status,
                JSON.createObjectNode()
                        .put("title", "refused")
                        .put("status", status)
                        .put("detail", detail),
                Map.of());
    }

    private static Answer problem(int status, String code, String detail) {
        Answer a = problem(status, detail);
        ((ObjectNode) a.body).put("code", code);
        return a;
    }

    /**
     * {@code POST /api/community/statements/{day}} as the operator's instance answers it: one reading of the
     * home per traded slot, once per home; the statement's totals here are only the energies.
     */
    private Answer settleMember(JsonNode body) {
        String home = body.path("homeId").asText();
        String community = aggregatorOf.get(home);
        String key = community + "|" + home;
        if (statements.containsKey(key)) {
            return problem(409, "COMMUNITY_STATEMENT_EXISTS", "home " + home + " is settled already");
        }
        Set<Integer> traded = new java.util.TreeSet<>();
        communityTrades.getOrDefault(community, JSON.createArrayNode()).forEach(t -> {
            if (t.path("homeId").asText().equals(home)) {
                traded.add(t.path("slot").asInt());
            }
        });
        Set<Integer> presented = new java.util.TreeSet<>();
        body.path("readings").forEach(r -> presented.add(r.path("slot").asInt()));
        if (traded.isEmpty() || !traded.equals(presented)) {
            return problem(400, "READING_SLOT_MISSING", "readings of " + presented + ", traded " + traded);
        }
        ObjectNode st = JSON.createObjectNode().put("community", community).put("homeId", home);
        st.putObject("totals").put("netEur", "0.0000");
        st.set("readings", body.path("readings"));
        statements.put(key, st);
        return new Answer(201, st, Map.of());
    }

    private static ObjectNode page(Iterable<ObjectNode> records) {
        ObjectNode page = JSON.createObjectNode().put("bookmark", "");
        ArrayNode list = page.putArray("records");
        records.forEach(list::add);
        return page;
    }

    private Answer get(String[] p) {
        String first = p[0];
        if (first.equals("bridge") && p.length == 4 && p[1].equals("readings")) {
            return ok(homeReadings(p[3]));
        }
        if (!first.equals("api") || p.length < 2) {
            return null;
        }
        String kind = p[1];
        if (kind.equals("community") && p.length == 5) {
            String community = p[3];
            if (p[2].equals("clearing")) {
                ArrayNode trades = communityTrades.get(community);
                if (trades == null) {
                    return problem(404, "COMMUNITY_CLEARING_NOT_FOUND", "no clearing of " + community);
                }
                ObjectNode c = JSON.createObjectNode().put("community", community);
                c.set("trades", trades);
                return ok(c);
            }
            if (p[2].equals("statements")) {
                return ok(page(statements.entrySet().stream()
                        .filter(e -> e.getKey().startsWith(community + "|"))
                        .map(Map.Entry::getValue)
                        .toList()));
            }
        }
        if (p.length == 2) {
            // ?day=… lists: every record of the one day this fake knows, on one short page.
            return switch (kind) {
                case "orders" -> ok(page(orders.values()));
                case "settlements" -> ok(page(settlements.values()));
                default -> null;
            };
        }
        String id = p[2];
        return switch (kind) {
            case "offers" -> ok(offers.get(id));
            case "orders" -> ok(orders.get(id));
            case "settlements" -> {
                if (p.length == 4 && p[3].equals("details")) {
                    yield ok(details.get(id));
                }
                ObjectNode s = settlements.get(id);
                yield s == null
                        ? null
                        : new Answer(
                                200,
                                s,
                                Map.of("Ledger-Transaction-Id", s.path("txId").asText(), "Ledger-Block-Number", "7"));
            }
            case "anchors" -> {
                MerkleTree tree = trees.get(p[3]);
                yield tree == null
                        ? null
                        : ok(JSON.createObjectNode()
                                .put("day", DAY.toString())
                                .put("aggregatorMsp", p[3])
                                .put("rootHex", tree.rootHex())
                                .put("leafCount", tree.leafCount()));
            }
            case "baselines" -> {
                Baseline b = baselines.get(p[3]);
                if (b == null) {
                    yield null;
                }
                if (p.length == 5 && p[4].equals("values")) {
                    ObjectNode v = JSON.createObjectNode()
                            .put("assetId", b.assetId())
                            .put("day", DAY.toString())
                            .put("salt", SALT);
                    ArrayNode kw = v.putArray("kwBySlot");
                    b.kwBySlot().forEach(k -> kw.add(k.toString()));
                    yield ok(v);
                }
                yield ok(JSON.createObjectNode().put("hashHex", b.commitmentHash(SALT)));
            }
            case "assets" -> p.length == 4 && p[3].equals("devices") ? ok(devices.get(id)) : null;
            default -> null;
        };
    }

    /** The bridge's answer for a home: its readings with proofs against its aggregator's tree. */
    private ObjectNode homeReadings(String asset) {
        String aggregator = aggregatorOf.get(asset);
        MerkleTree tree = aggregator == null ? null : trees.get(aggregator);
        if (tree == null) {
            return null;
        }
        ObjectNode h = JSON.createObjectNode()
                .put("day", DAY.toString())
                .put("assetId", asset)
                .put("aggregatorMsp", aggregator);
        h.putObject("anchor").put("rootHex", tree.rootHex()).put("leafCount", tree.leafCount());
        ArrayNode list = h.putArray("readings");
        List<SignedReading> all = leaves.get(aggregator);
        List<SignedReading> served = new ArrayList<>(readings.get(asset));
        if (slipped.containsKey(asset)) {
            served.add(readings.get(slipped.get(asset)).get(0));
        }
        for (SignedReading r : served) {
            MeterReading m = r.reading();
            ObjectNode o = list.addObject()
                    .put("deviceId", m.deviceId())
                    .put("assetId", m.assetId())
                    .put("day", m.day().toString())
                    .put("slot", m.slot())
                    .put("netKwh", m.netKwh().toString())
                    .put("sequence", m.sequence())
                    .put("signature", r.signatureBase64());
            MerkleProof proof = tree.proof(all.indexOf(r));
            ObjectNode po =
                    o.putObject("proof").put("leafIndex", proof.leafIndex()).put("leafCount", proof.leafCount());
            ArrayNode siblings = po.putArray("siblings");
            proof.siblingsHex().forEach(siblings::add);
        }
        return h;
    }

    /** SettleOrder: the market's rule over the presented readings, recorded with its details. */
    private Answer settle(JsonNode input) {
        String orderId = input.path("orderId").asText();
        ObjectNode orderJson = orders.get(orderId);
        if (orderJson == null) {
            return problem(404, "order " + orderId + " does not exist");
        }
        if (failing.contains(orderId)) {
            return problem(409, "the aggregator's peer did not endorse the settlement of " + orderId);
        }
        String state = orderJson.path("state").asText();
        if (!state.equals("ACCEPTED") && !state.equals("ACTIVATED")) {
            return problem(409, "order " + orderId + " is " + state);
        }
        FlexOffer offer = MarketRecords.storedOffer(MarketRecords.stored(
                offers.get(orderJson.path("offerId").asText()).toString()));
        if (!trees.containsKey(offer.aggregatorMsp())) {
            return problem(409, "no reading anchor of " + offer.aggregatorMsp() + " for " + DAY);
        }
        FlexOrder order = MarketRecords.storedOrder(MarketRecords.stored(orderJson.toString()));
        Baseline baseline = baselines.get(offer.assetId());
        List<MeterReading> presented = new ArrayList<>();
        input.path("readings")
                .forEach(r -> presented.add(LedgerRecords.signedReading(r).reading()));
        presented.sort(Comparator.comparingInt(MeterReading::slot));
        FlexSettlement s = SettlementRule.DEFAULT.settle(offer, order, baseline, presented);

        ObjectNode d = JSON.createObjectNode().put("id", s.id());
        ArrayNode lines = d.putArray("lines");
        for (SettlementLine l : s.lines()) {
            lines.addObject()
                    .put("slot", l.slot())
                    .put("orderedKwh", l.orderedKwh().toString())
                    .put("baselineKwh", l.baselineKwh().toString())
                    .put("meteredKwh", l.meteredKwh().toString())
                    .put("deliveredKwh", l.deliveredKwh().toString())
                    .put("creditedKwh", l.creditedKwh().toString())
                    .put("shortfallKwh", l.shortfallKwh().toString());
        }
        String tx = "tx-" + (++transactions);
        ObjectNode pub = JSON.createObjectNode()
                .put("id", s.id())
                .put("orderId", s.orderId())
                .put("offerId", s.offerId())
                .put("aggregatorMsp", s.aggregatorMsp())
                .put("dsoMsp", s.dsoMsp())
                .put("assetId", s.assetId())
                .put("day", s.day().toString())
                .put("creditedKwh", s.creditedKwh().toString())
                .put("shortfallKwh", s.shortfallKwh().toString())
                .put("paymentEur", s.paymentEur().toString())
                .put("penaltyEur", s.penaltyEur().toString())
                .put("netEur", s.netEur().toString())
                .put("anchorRootHex", trees.get(offer.aggregatorMsp()).rootHex())
                .put("baselineHash", baseline.commitmentHash(SALT))
                .put("detailsHash", Baseline.sha256Hex(d.toString()))
                .put("state", "SETTLED")
                .put("txId", tx)
                .put(
                        "settledAt",
                        DAY.plusDays(1)
                                .atStartOfDay(java.time.ZoneOffset.UTC)
                                .toInstant()
                                .toString());
        details.put(s.id(), d);
        settlements.put(s.id(), pub);
        orderJson.put("state", "SETTLED").put("settlementId", s.id());
        return new Answer(201, pub, Map.of("Ledger-Transaction-Id", tx));
    }
}
