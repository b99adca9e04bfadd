package io.flexledger.ittests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.units.Kilowatts;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * A market day played through the real stack for a few homes: each home registers a meter with a
 * P-256 key (which the DSO approves), commits a baseline before gate closure, sells 2 kW in slots 68-71, the DSO orders it,
 * the meter publishes its signed readings of the whole day over MQTT, the DSO seals the day at the
 * bridge (which anchors one Merkle root per aggregator on the ledger) and the aggregators reveal the
 * baselines. What each home really delivers is its {@code share} of the order.
 */
final class DeliveryDay {
    static final String BRIDGE = FlexStack.url(8090);
    static final String MQTT_HOST = "127.0.0.1";
    static final int MQTT_PORT = FlexStack.port(1883);
    /** The flat baseline of every home, kW. */
    static final String BASELINE_KW = "3.000";
    /** Ordered slots and kW per slot. */
    static final List<Integer> SLOTS = List.of(68, 69, 70, 71);

    static final String OFFER_KW = "2.0";
    static final String PRICE = "0.20";

    /** One home of the day. */
    record Home(String msp, String assetId, String meterId, KeyPair keys, double share, String offerId, String salt) {
        String orderId() {
            return "ord-" + offerId;
        }

        String settlementId() {
            return "stl-" + orderId();
        }
    }

    final LocalDate day;
    final List<Home> homes = java.util.Collections.synchronizedList(new ArrayList<>());

    DeliveryDay(LocalDate day) {
        this.day = day;
    }

    /** A far day of its own: no earlier run on a reused ledger has anchored readings of it. */
    static LocalDate freshDay() {
        Random random = new Random();
        for (int attempt = 0; attempt < 50; attempt++) {
            LocalDate d = LocalDate.now(java.time.ZoneId.of("Europe/London")).plusDays(30 + random.nextInt(3000));
            int anchored = Api.as("DsoMSP")
                    .get("/api/anchors?day={day}", d.toString())
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("records")
                    .size();
            if (anchored == 0) {
                return d;
            }
        }
        throw new IllegalStateException("no unanchored day found in 50 tries");
    }

    /** A fresh P-256 key pair, as a meter makes its own. */
    static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** A public key as devices register it: base64 of the X.509 SubjectPublicKeyInfo. */
    static String publicKey(KeyPair keys) {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    /** The body registering meter {@code meter} of {@code asset} with {@code keys}. */
    static String meterBody(String meter, String asset, KeyPair keys) {
        return """
                {"id":"%s","assetId":"%s","kind":"METER","keyAlgorithm":"EC","publicKeyBase64":"%s"}""".formatted(meter, asset, publicKey(keys));
    }

    /**
     * The home's aggregator registers its meter: PROPOSED, its readings refused until the DSO approves it.
     * Returns once the DSO's peer shows it (the DSO approves it, and the bridge reads it, there).
     */
    static void registerMeter(String msp, String asset, String meter, KeyPair keys) {
        Api.post(msp)
                .body(meterBody(meter, asset, keys))
                .post("/api/devices")
                .then()
                .statusCode(201)
                .body("state", org.hamcrest.Matchers.equalTo("PROPOSED"));
        awaitDevice("DsoMSP", meter, "state", "PROPOSED");
    }

    /**
     * Waits until {@code msp}'s peer, read through its API, shows {@code field} of device {@code meter} as
     * {@code value}: a transaction committed through one organisation's peer reaches the others' a moment
     * later.
     */
    static void awaitDevice(String msp, String meter, String field, Object value) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> Api.as(msp)
                        .get("/api/devices/{id}", meter)
                        .then()
                        .statusCode(200)
                        .body(field, org.hamcrest.Matchers.equalTo(value)));
    }

    /**
     * Waits until {@code msp}'s peer, read through its API, shows offer {@code offerId}: an offer committed
     * through the aggregator's peer reaches the others' a moment later.
     */
    static void awaitOffer(String msp, String offerId) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() ->
                        Api.as(msp).get("/api/offers/{id}", offerId).then().statusCode(200));
    }

    /** The DSO approves the meter's key (or its proposed new key), having checked that it is {@code keys}'. */
    static io.restassured.response.ValidatableResponse approveMeter(String meter, KeyPair keys) {
        return Api.post("DsoMSP")
                .body("{\"publicKeyBase64\":\"%s\"}".formatted(publicKey(keys)))
                .post("/api/devices/{id}/approval", meter)
                .then();
    }

    /**
     * Registers a home with a meter in {@code msp}'s portfolio (approved by the DSO right after its
     * aggregator registered it), commits its baseline and offers.
     */
    Home addHome(String msp, double share) throws Exception {
        Home prepared = addHomeWithoutOffer(msp, share);
        homes.remove(prepared);
        String offer = Market.uniqueId("o-settle");
        Api.post(msp)
                .body("""
                        {"id":"%s","congestionPointId":"F1","assetId":"%s","day":"%s",
                         "kwBySlot":{"68":%s,"69":%s,"70":%s,"71":%s},"price":%s,"minActivation":0.5}""".formatted(offer, prepared.assetId(), day, OFFER_KW, OFFER_KW, OFFER_KW, OFFER_KW, PRICE))
                .post("/api/offers")
                .then()
                .statusCode(201);
        Home h = new Home(msp, prepared.assetId(), prepared.meterId(), prepared.keys(), share, offer, prepared.salt());
        homes.add(h);
        return h;
    }

    /**
     * Registers a home with an approved meter in {@code msp}'s portfolio and commits its baseline; its
     * offer is made elsewhere (the home's {@code offerId} is null).
     */
    Home addHomeWithoutOffer(String msp, double share) throws Exception {
        String asset = Market.home(msp);
        KeyPair keys = p256();
        String meter = "meter-" + asset;
        registerMeter(msp, asset, meter, keys);
        approveMeter(meter, keys).statusCode(201).body("state", org.hamcrest.Matchers.equalTo("ACTIVE"));
        byte[] s = new byte[16];
        new SecureRandom().nextBytes(s);
        String salt = HexFormat.of().formatHex(s);
        Api.post(msp)
                .body("{\"assetId\":\"%s\",\"day\":\"%s\",\"hashHex\":\"%s\"}"
                        .formatted(asset, day, baseline(asset).commitmentHash(salt)))
                .post("/api/baselines")
                .then()
                .statusCode(201);
        Home h = new Home(msp, asset, meter, keys, share, null, salt);
        homes.add(h);
        return h;
    }

    Baseline baseline(String asset) {
        MarketPeriod p = MarketPeriod.of(day);
        List<Kilowatts> kw = new ArrayList<>();
        for (int i = 0; i < p.slotCount(); i++) {
            kw.add(Kilowatts.of(BASELINE_KW));
        }
        return new Baseline(asset, p, kw);
    }

    /**
     * The DSO orders every offer in full, each once its own peer shows the offer (committed through the
     * aggregator's peer, it reaches the DSO's a moment later; an order before that is refused with 404).
     */
    void orderAll() {
        for (Home h : homes) {
            awaitOffer("DsoMSP", h.offerId());
            Api.post("DsoMSP")
                    .body("{\"id\":\"%s\",\"offerId\":\"%s\",\"activation\":1}".formatted(h.orderId(), h.offerId()))
                    .post("/api/orders")
                    .then()
                    .statusCode(201);
        }
    }

    /** The signed reading of a home's meter in a slot: baseline minus its share of the order. */
    SignedReading reading(Home h, int slot) {
        double kw =
                Double.parseDouble(BASELINE_KW) - (SLOTS.contains(slot) ? h.share() * Double.parseDouble(OFFER_KW) : 0);
        return SignedReading.sign(
                new MeterReading(
                        h.meterId(),
                        h.assetId(),
                        day,
                        slot,
                        KilowattHours.of(String.format(java.util.Locale.ROOT, "%.6f", kw * 0.25)),
                        slot + 1L),
                h.keys().getPrivate());
    }

    /** The wire form of a signed reading. */
    static String json(SignedReading s) {
        MeterReading r = s.reading();
        return """
                {"deviceId":"%s","assetId":"%s","day":"%s","slot":%d,"netKwh":"%s","sequence":%d,"signature":"%s"}""".formatted(
                        r.deviceId(),
                        r.assetId(),
                        r.day(),
                        r.slot(),
                        r.netKwh().value().toPlainString(),
                        r.sequence(),
                        s.signatureBase64());
    }

    /** A connected MQTT client (clean session) for publishing. */
    static Mqtt5BlockingClient mqtt(String clientId) {
        Mqtt5BlockingClient c = Mqtt5Client.builder()
                .identifier(clientId)
                .serverHost(MQTT_HOST)
                .serverPort(MQTT_PORT)
                .buildBlocking();
        c.connect();
        return c;
    }

    /** Publishes one payload at QoS 1 on the device's topic. */
    static void publish(Mqtt5BlockingClient c, String deviceId, String payload) {
        c.publishWith()
                .topic("flexledger/readings/" + deviceId)
                .qos(MqttQos.AT_LEAST_ONCE)
                .payload(payload.getBytes(StandardCharsets.UTF_8))
                .send();
    }

    /** Every home's meter publishes the readings of every slot of the day; waits until all are stored. */
    void meterTheDay() {
        int slots = MarketPeriod.of(day).slotCount();
        long before = accepted();
        Mqtt5BlockingClient c = mqtt(Market.uniqueId("it-meters"));
        try {
            for (Home h : homes) {
                for (int slot = 0; slot < slots; slot++) {
                    publish(c, h.meterId(), json(reading(h, slot)));
                }
            }
        } finally {
            c.disconnect();
        }
        long expected = before + (long) slots * homes.size();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> accepted() >= expected);
    }

    /** The bridge's count of accepted readings since it started. */
    static long accepted() {
        return stat("accepted");
    }

    /** The bridge's count of readings received again after they were stored. */
    static long resent() {
        return stat("resent");
    }

    /** A bridge counter of rejections for one reason. */
    static long rejected(String reason) {
        return stat("rejected." + reason);
    }

    private static long stat(String path) {
        return given().baseUri(BRIDGE)
                .get("/bridge/stats")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong(path);
    }

    /** The DSO seals the day: the bridge anchors a root per aggregator on the ledger. */
    void seal() {
        given().baseUri(BRIDGE)
                .auth()
                .oauth2(Tokens.of("dso-agent"))
                .post("/bridge/anchors/{day}", day.toString())
                .then()
                .statusCode(200);
    }

    /** Each aggregator reveals its homes' baselines. */
    void reveal() {
        for (Home h : homes) {
            Baseline b = baseline(h.assetId());
            StringBuilder kw = new StringBuilder();
            for (Kilowatts k : b.kwBySlot()) {
                kw.append(kw.isEmpty() ? "" : ",").append(k);
            }
            Api.post(h.msp())
                    .body("{\"assetId\":\"%s\",\"day\":\"%s\",\"kwBySlot\":[%s],\"salt\":\"%s\"}"
                            .formatted(h.assetId(), day, kw, h.salt()))
                    .post("/api/baselines/reveal")
                    .then()
                    .statusCode(201);
        }
    }
}
