package io.flexledger.ittests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.lessThan;

import com.sun.net.httpserver.HttpServer;
import io.flexledger.contract.Baselines;
import io.flexledger.contract.Uftp;
import io.flexledger.domain.time.MarketRules;
import io.flexledger.uftp.AcceptedDisputed;
import io.flexledger.uftp.AvailableRequested;
import io.flexledger.uftp.Cs1;
import io.flexledger.uftp.Cs1KeyPair;
import io.flexledger.uftp.DPrognosis;
import io.flexledger.uftp.DPrognosisIsp;
import io.flexledger.uftp.FlexMessage;
import io.flexledger.uftp.FlexOffer;
import io.flexledger.uftp.FlexOfferOption;
import io.flexledger.uftp.FlexOfferOptionIsp;
import io.flexledger.uftp.FlexOfferRevocation;
import io.flexledger.uftp.FlexOrder;
import io.flexledger.uftp.FlexOrderIsp;
import io.flexledger.uftp.FlexOrderSettlementStatus;
import io.flexledger.uftp.FlexRequest;
import io.flexledger.uftp.FlexRequestIsp;
import io.flexledger.uftp.FlexSettlement;
import io.flexledger.uftp.FlexSettlementResponse;
import io.flexledger.uftp.PayloadMessage;
import io.flexledger.uftp.SignedMessage;
import io.flexledger.uftp.UftpXml;
import io.flexledger.uftp.UsefRole;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A DSO and an aggregator that speak only UFTP (their own XML, their own Ed25519 keys, plain HTTP to
 * their own organisation's edge) trade on the ledger: the DSO's FlexRequest, the aggregator's offers and
 * a revocation, the DSO's order; every message is on the ledger with the SHA-256 of its signed XML, and
 * each way of breaking the rules is refused without a 5xx.
 */
@ExtendWith(FlexStack.class)
class UftpDayIT {
    static final String PATH = "/shapeshifter/api/v3/message";
    static final String DSO_DOMAIN = "dso.flexledger.test";
    static final String AGR1_DOMAIN = "agr1.flexledger.test";
    static final String EDGE_DOMAIN = "edge.agr1.flexledger.test";
    static final String DSO_EDGE_DOMAIN = "edge.dso.flexledger.test";
    static final String CP = "ea1.2026-12.flexledger.local:F1";
    static final Cs1KeyPair DSO_KEY = Cs1.generate();
    static final Cs1KeyPair AGR1_KEY = Cs1.generate();
    static final UUID CONVERSATION = UUID.randomUUID();
    static String home;

    @BeforeAll
    static void participants() throws Exception {
        Market.congestionPoints();
        home = Market.home("Aggregator1MSP");
        // Each organisation registers its own participant (a rerun on a kept stack replaces the key).
        try (Gateways dso = Gateways.connect("dso", "DsoMSP", FlexStack.port(7051));
                Gateways agg = Gateways.connect("aggregator1", "Aggregator1MSP", FlexStack.port(8051))) {
            dso.contract()
                    .submitTransaction(Uftp.REGISTER_PARTICIPANT.fullName(), participant(DSO_DOMAIN, "DSO", DSO_KEY));
            agg.contract()
                    .submitTransaction(Uftp.REGISTER_PARTICIPANT.fullName(), participant(AGR1_DOMAIN, "AGR", AGR1_KEY));
        }
    }

    static String participant(String domain, String role, Cs1KeyPair key) {
        return "{\"domain\":\"" + domain + "\",\"role\":\"" + role + "\",\"publicKey\":\"" + key.publicKeyString()
                + "\",\"endpoint\":\"http://127.0.0.1:1/shapeshifter/api/v3/message\"}";
    }

    static <T extends PayloadMessage> T meta(T m, String from, String to) {
        m.setVersion(PayloadMessage.VERSION)
                .setSenderDomain(from)
                .setRecipientDomain(to)
                .setTimeStamp(OffsetDateTime.now(ZoneOffset.UTC).withNano(0))
                .setMessageId(UUID.randomUUID())
                .setConversationId(CONVERSATION);
        return m;
    }

    static <T extends FlexMessage> T day(T m) {
        m.setIspDuration(Duration.ofMinutes(15))
                .setTimeZone("Europe/London")
                .setPeriod(Market.DAY)
                .setCongestionPoint(CP);
        return m;
    }

    static FlexRequest request() {
        FlexRequest r = day(meta(new FlexRequest(), DSO_DOMAIN, AGR1_DOMAIN));
        r.setRevision(1L)
                .setExpirationDateTime(
                        OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0));
        r.getIsps()
                .add(new FlexRequestIsp()
                        .setDisposition(AvailableRequested.REQUESTED)
                        .setMinPower(-50_000L)
                        .setMaxPower(-2_000L)
                        .setStart(69)
                        .setDuration(2));
        return r;
    }

    static FlexOffer offer(UUID requestId) {
        FlexOffer o = day(meta(new FlexOffer(), AGR1_DOMAIN, DSO_DOMAIN));
        o.setExpirationDateTime(OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0))
                .setCurrency("EUR");
        if (requestId == null) {
            o.setUnsolicited(true);
        } else {
            o.setUnsolicited(false).setFlexRequestMessageId(requestId);
        }
        FlexOfferOption option = new FlexOfferOption()
                .setOptionReference(home)
                .setPrice(new BigDecimal("0.21"))
                .setMinActivationFactor(new BigDecimal("0.5"));
        option.getIsps()
                .add(new FlexOfferOptionIsp().setPower(-2_000L).setStart(69).setDuration(2));
        o.getOfferOptions().add(option);
        return o;
    }

    static byte[] signed(PayloadMessage m, UsefRole role, Cs1KeyPair key) {
        byte[] inner = UftpXml.standard().write(m);
        return UftpXml.standard()
                .write(new SignedMessage(m.getSenderDomain(), role, Cs1.sign(inner, key.signingKey())));
    }

    static ValidatableResponse post(String msp, byte[] body) {
        return given().baseUri(FlexStack.API.get(msp))
                .contentType("text/xml")
                .body(body)
                .when()
                .post(PATH)
                .then()
                .statusCode(lessThan(500));
    }

    static void accepted(String msp, byte[] body) {
        assertThat(responseXml(post(msp, body).statusCode(200).extract().asByteArray()))
                .contains("Result=\"Accepted\"");
    }

    /** The response XML of an edge's answer: as it is, or inside the SignedMessage of an edge with a key. */
    static String responseXml(byte[] answer) {
        String text = new String(answer, StandardCharsets.UTF_8);
        if (!text.contains("<SignedMessage")) {
            return text;
        }
        try {
            byte[] body = UftpXml.standard().read(answer, SignedMessage.class).getBody();
            return new String(java.util.Arrays.copyOfRange(body, 64, body.length), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new AssertionError("an unreadable SignedMessage: " + text, e);
        }
    }

    /** Registers a participant through its organisation's REST route, as that organisation's agent. */
    static void registerByRest(String msp, String domain, String role, Cs1KeyPair key, String endpoint) {
        Api.as(msp)
                .contentType("application/json")
                .body("{\"domain\":\"" + domain + "\",\"role\":\"" + role + "\",\"publicKey\":\""
                        + key.publicKeyString() + "\",\"endpoint\":\"" + endpoint + "\"}")
                .when()
                .post("/api/uftp/participants")
                .then()
                .statusCode(201);
    }

    static JsonPath recorded(PayloadMessage m) throws Exception {
        try (Gateways dso = Gateways.connect("dso", "DsoMSP", FlexStack.port(7051))) {
            return JsonPath.from(new String(
                    dso.contract()
                            .evaluateTransaction(
                                    Uftp.READ_MESSAGE.fullName(),
                                    m.getSenderDomain(),
                                    m.getMessageId().toString()),
                    StandardCharsets.UTF_8));
        }
    }

    static String sha256(PayloadMessage m) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(UftpXml.standard().write(m)));
    }

    @Test
    void aDayInUftpOnlyRequestOffersRevocationAndOrderEachWithItsMessageOnTheLedger() throws Exception {
        FlexRequest request = request();
        accepted("DsoMSP", signed(request, UsefRole.DSO, DSO_KEY));
        String requestId = request.getMessageId().toString();
        Api.as("DsoMSP").get("/api/requests/{id}", requestId).then().statusCode(200);

        FlexOffer kept = offer(request.getMessageId());
        FlexOffer withdrawn = offer(request.getMessageId());
        accepted("Aggregator1MSP", signed(kept, UsefRole.AGR, AGR1_KEY));
        accepted("Aggregator1MSP", signed(withdrawn, UsefRole.AGR, AGR1_KEY));
        DeliveryDay.awaitOffer("DsoMSP", kept.getMessageId().toString());
        DeliveryDay.awaitOffer("DsoMSP", withdrawn.getMessageId().toString());
        JsonPath offer = Api.as("DsoMSP")
                .get("/api/offers/{id}", kept.getMessageId().toString())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(offer.getString("assetId")).isEqualTo(home);
        assertThat(offer.getString("requestId")).isEqualTo(requestId);

        FlexOfferRevocation revocation = meta(new FlexOfferRevocation(), AGR1_DOMAIN, DSO_DOMAIN)
                .setFlexOfferMessageId(withdrawn.getMessageId());
        accepted("Aggregator1MSP", signed(revocation, UsefRole.AGR, AGR1_KEY));
        // The DSO's peer commits Aggregator1's block a moment later.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(200))
                .untilAsserted(() -> Api.as("DsoMSP")
                        .get("/api/offers/{id}", withdrawn.getMessageId().toString())
                        .then()
                        .statusCode(200)
                        .body(containsString("REVOKED")));

        FlexOrder order = day(meta(new FlexOrder(), DSO_DOMAIN, AGR1_DOMAIN));
        order.setFlexOfferMessageId(kept.getMessageId())
                .setPrice(new BigDecimal("0.21"))
                .setCurrency("EUR")
                .setOrderReference(UUID.randomUUID().toString())
                .setActivationFactor(BigDecimal.ONE);
        order.getIsps().add(new FlexOrderIsp().setPower(-2_000L).setStart(69).setDuration(2));
        accepted("DsoMSP", signed(order, UsefRole.DSO, DSO_KEY));
        Api.as("DsoMSP")
                .get("/api/orders/{id}", order.getMessageId().toString())
                .then()
                .statusCode(200)
                .body(containsString(kept.getMessageId().toString()));

        // Every message is on the ledger with the hash of exactly the XML its sender signed.
        for (PayloadMessage m : new PayloadMessage[] {request, kept, withdrawn, revocation, order}) {
            JsonPath r = recorded(m);
            assertThat(r.getString("sha256")).as(m.elementName()).isEqualTo(sha256(m));
            assertThat(r.getString("messageType")).isEqualTo(m.elementName());
            assertThat(Base64.getDecoder().decode(r.getString("signature"))).hasSize(64);
        }
    }

    /** The Result line of an edge's answer to {@code body}. */
    static String answer(String msp, byte[] body) {
        return responseXml(post(msp, body).statusCode(200).extract().asByteArray());
    }

    static DPrognosis prognosis(String congestionPoint, int isps) {
        DPrognosis p = day(meta(new DPrognosis(), AGR1_DOMAIN, DSO_DOMAIN));
        p.setRevision(1L);
        p.setCongestionPoint("ea1.2026-12.flexledger.local:" + congestionPoint);
        for (int i = 1; i <= isps; i++) {
            p.getIsps().add(new DPrognosisIsp().setPower(900L + 10L * (i % 7)).setStart(i));
        }
        return p;
    }

    @Test
    void aDPrognosisOfACongestionPointWithOneHomeIsThatHomesRevealedBaseline() throws Exception {
        // A feeder of its own with exactly one home of Aggregator1's: there prognosis and baseline coincide.
        String feeder = Market.uniqueId("F");
        Api.post("DsoMSP")
                .body("{\"id\":\"" + feeder + "\",\"kind\":\"FEEDER\",\"parentId\":\"TX1\",\"capacityKw\":10}")
                .post("/api/congestion-points")
                .then()
                .statusCode(201);
        String only = Market.uniqueId("home");
        Api.post("Aggregator1MSP")
                .body(Market.homeBody(only).replace("\"F1\"", "\"" + feeder + "\""))
                .post("/api/assets")
                .then()
                .statusCode(201);
        int isps = MarketRules.DEFAULT.period(Market.DAY).slotCount();

        // Refused with the reason, nothing committed: an ISP short, and a congestion point the ledger lacks.
        assertThat(answer("Aggregator1MSP", signed(prognosis(feeder, isps - 1), UsefRole.AGR, AGR1_KEY)))
                .contains("Result=\"Rejected\"", "all " + isps + " ISPs");
        assertThat(answer("Aggregator1MSP", signed(prognosis("NOWHERE", isps), UsefRole.AGR, AGR1_KEY)))
                .contains("Result=\"Rejected\"", "NOWHERE is not registered");
        // F1 holds several homes of Aggregator1's without revealed baselines: which share is whose is not
        // in the message, so it is no home's baseline and not yet their sum.
        Market.home("Aggregator1MSP");
        Market.home("Aggregator1MSP");
        assertThat(answer("Aggregator1MSP", signed(prognosis("F1", isps), UsefRole.AGR, AGR1_KEY)))
                .contains("Result=\"Rejected\"", "has no revealed baseline");
        Api.as("DsoMSP")
                .get("/api/baselines/{day}/{asset}", Market.DAY.toString(), only)
                .then()
                .statusCode(404);

        DPrognosis p = prognosis(feeder, isps);
        byte[] body = signed(p, UsefRole.AGR, AGR1_KEY);
        assertThat(answer("Aggregator1MSP", body)).contains("Result=\"Accepted\"");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(200))
                .untilAsserted(() -> Api.as("DsoMSP")
                        .get("/api/baselines/{day}/{asset}", Market.DAY.toString(), only)
                        .then()
                        .statusCode(200)
                        .body(containsString("REVEALED")));
        // The DSO reads the values the aggregator forecast: W as kW, ISP n as slot n-1.
        JsonPath values = Api.as("DsoMSP")
                .get("/api/baselines/{day}/{asset}/values", Market.DAY.toString(), only)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> kw = values.getList("kwBySlot", String.class);
        assertThat(kw).hasSize(isps);
        assertThat(new BigDecimal(kw.get(0))).isEqualByComparingTo("0.91");
        assertThat(new BigDecimal(kw.get(6))).isEqualByComparingTo("0.90");
        JsonPath r = recorded(p);
        assertThat(r.getString("transaction")).isEqualTo(Baselines.COMMIT_BASELINE.fullName());
        assertThat(r.getString("sha256")).isEqualTo(sha256(p));

        // A replay commits nothing; a later revision meets a final, revealed baseline.
        assertThat(answer("Aggregator1MSP", body)).contains("Result=\"Rejected\"", "UFTP_MESSAGE_REPLAYED");
        assertThat(answer("Aggregator1MSP", signed(prognosis(feeder, isps), UsefRole.AGR, AGR1_KEY)))
                .contains("Result=\"Rejected\"", "BASELINE_ALREADY_REVEALED");
    }

    static final String SALT = "00112233445566778899aabbccddeeff";

    /** Commits (and, with {@code reveal}, reveals) {@code asset}'s baseline of {@code watts(slot)} W over REST. */
    static void baselineByRest(String asset, java.util.function.IntUnaryOperator watts, boolean reveal) {
        io.flexledger.domain.time.MarketPeriod period = MarketRules.DEFAULT.period(Market.DAY);
        List<io.flexledger.domain.units.Kilowatts> kw = new java.util.ArrayList<>();
        for (int slot = 0; slot < period.slotCount(); slot++) {
            kw.add(new io.flexledger.domain.units.Kilowatts(
                    BigDecimal.valueOf(watts.applyAsInt(slot)).movePointLeft(3)));
        }
        io.flexledger.domain.market.Baseline b = new io.flexledger.domain.market.Baseline(asset, period, kw);
        Api.post("Aggregator1MSP")
                .body("{\"assetId\":\"%s\",\"day\":\"%s\",\"hashHex\":\"%s\"}"
                        .formatted(asset, Market.DAY, b.commitmentHash(SALT)))
                .post("/api/baselines")
                .then()
                .statusCode(201);
        if (!reveal) {
            return;
        }
        String values =
                kw.stream().map(k -> k.value().toPlainString()).collect(java.util.stream.Collectors.joining(","));
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(300))
                .untilAsserted(() -> Api.post("Aggregator1MSP")
                        .body("{\"assetId\":\"%s\",\"day\":\"%s\",\"kwBySlot\":[%s],\"salt\":\"%s\"}"
                                .formatted(asset, Market.DAY, values, SALT))
                        .post("/api/baselines/reveal")
                        .then()
                        .statusCode(lessThan(300)));
        // Both endorsers read the revealed baseline: wait until the DSO's peer shows it.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(200))
                .untilAsserted(() -> Api.as("DsoMSP")
                        .get("/api/baselines/{day}/{asset}", Market.DAY.toString(), asset)
                        .then()
                        .statusCode(200)
                        .body(containsString("REVEALED")));
    }

    @Test
    void aDPrognosisOfACongestionPointWithSeveralHomesIsTheSumOfTheirRevealedBaselinesOnce() throws Exception {
        String feeder = Market.uniqueId("F");
        Api.post("DsoMSP")
                .body("{\"id\":\"" + feeder + "\",\"kind\":\"FEEDER\",\"parentId\":\"TX1\",\"capacityKw\":10}")
                .post("/api/congestion-points")
                .then()
                .statusCode(201);
        String a = Market.uniqueId("home");
        String b = Market.uniqueId("home");
        for (String home : List.of(a, b)) {
            Api.post("Aggregator1MSP")
                    .body(Market.homeBody(home).replace("\"F1\"", "\"" + feeder + "\""))
                    .post("/api/assets")
                    .then()
                    .statusCode(201);
        }
        int isps = MarketRules.DEFAULT.period(Market.DAY).slotCount();
        // The prognosis gives 900 + 10 * (n % 7) W in ISP n: home a 500 W, home b the rest.
        baselineByRest(a, slot -> 500, true);
        baselineByRest(b, slot -> 400 + 10 * ((slot + 1) % 7), false);
        assertThat(answer("Aggregator1MSP", signed(prognosis(feeder, isps), UsefRole.AGR, AGR1_KEY)))
                .contains("Result=\"Rejected\"", "home " + b, "no revealed baseline");

        // Revealed, and the prognosis is their sum to the watt: recorded with its message, bound to the day.
        String values = java.util.stream.IntStream.range(0, isps)
                .mapToObj(slot -> BigDecimal.valueOf(400 + 10 * ((slot + 1) % 7))
                        .movePointLeft(3)
                        .toPlainString())
                .collect(java.util.stream.Collectors.joining(","));
        Api.post("Aggregator1MSP")
                .body("{\"assetId\":\"%s\",\"day\":\"%s\",\"kwBySlot\":[%s],\"salt\":\"%s\"}"
                        .formatted(b, Market.DAY, values, SALT))
                .post("/api/baselines/reveal")
                .then()
                .statusCode(lessThan(300));
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(200))
                .untilAsserted(() -> Api.as("DsoMSP")
                        .get("/api/baselines/{day}/{asset}", Market.DAY.toString(), b)
                        .then()
                        .statusCode(200)
                        .body(containsString("REVEALED")));
        DPrognosis p = prognosis(feeder, isps);
        assertThat(answer("Aggregator1MSP", signed(p, UsefRole.AGR, AGR1_KEY))).contains("Result=\"Accepted\"");
        JsonPath r = recorded(p);
        assertThat(r.getString("transaction")).isEqualTo(Baselines.RECORD_PROGNOSIS.fullName());
        try (Gateways dso = Gateways.connect("dso", "DsoMSP", FlexStack.port(7051))) {
            JsonPath record = JsonPath.from(new String(
                    dso.contract()
                            .evaluateTransaction(
                                    Baselines.READ_PROGNOSIS.fullName(),
                                    feeder,
                                    Market.DAY.toString(),
                                    "Aggregator1MSP"),
                    StandardCharsets.UTF_8));
            assertThat(record.getString("messageId")).isEqualTo(p.getMessageId().toString());
            assertThat(record.getString("sha256")).isEqualTo(sha256(p));
            assertThat(record.getList("baselines.assetId", String.class)).containsExactlyInAnyOrder(a, b);
        }
        // The first is final.
        assertThat(answer("Aggregator1MSP", signed(prognosis(feeder, isps), UsefRole.AGR, AGR1_KEY)))
                .contains("Result=\"Rejected\"", "PROGNOSIS_EXISTS");
    }

    static FlexOffer twoOptions(String first, String second) {
        FlexOffer o = offer(null);
        FlexOfferOption b = new FlexOfferOption()
                .setOptionReference(second)
                .setPrice(new BigDecimal("0.30"))
                .setMinActivationFactor(BigDecimal.ONE);
        b.getIsps().add(new FlexOfferOptionIsp().setPower(-3_000L).setStart(69).setDuration(2));
        o.getOfferOptions().get(0).setOptionReference(first);
        o.getOfferOptions().add(b);
        return o;
    }

    @Test
    void aFlexOfferOfTwoOptionsIsTwoOffersOfWhichTheDsoOrdersOne() throws Exception {
        String a = Market.home("Aggregator1MSP");
        String b = Market.home("Aggregator1MSP");
        FlexOffer offer = twoOptions(a, b);
        accepted("Aggregator1MSP", signed(offer, UsefRole.AGR, AGR1_KEY));
        String optionA = offer.getMessageId() + "." + a;
        String optionB = offer.getMessageId() + "." + b;
        DeliveryDay.awaitOffer("DsoMSP", optionA);
        DeliveryDay.awaitOffer("DsoMSP", optionB);
        assertThat(Api.as("DsoMSP")
                        .get("/api/offers/{id}", optionB)
                        .then()
                        .extract()
                        .jsonPath()
                        .getString("assetId"))
                .isEqualTo(b);
        assertThat(recorded(offer).getString("transaction")).isEqualTo(Uftp.CREATE_OFFERS.fullName());

        FlexOrder unknown = day(meta(new FlexOrder(), DSO_DOMAIN, AGR1_DOMAIN));
        unknown.setFlexOfferMessageId(offer.getMessageId())
                .setOptionReference("home-nowhere")
                .setPrice(new BigDecimal("0.30"))
                .setCurrency("EUR")
                .setOrderReference(UUID.randomUUID().toString());
        unknown.getIsps().add(new FlexOrderIsp().setPower(-3_000L).setStart(69).setDuration(2));
        assertThat(answer("DsoMSP", signed(unknown, UsefRole.DSO, DSO_KEY)))
                .contains("Result=\"Rejected\"", "has no option home-nowhere");

        FlexOrder order = day(meta(new FlexOrder(), DSO_DOMAIN, AGR1_DOMAIN));
        order.setFlexOfferMessageId(offer.getMessageId())
                .setOptionReference(b)
                .setPrice(new BigDecimal("0.30"))
                .setCurrency("EUR")
                .setOrderReference(UUID.randomUUID().toString());
        order.getIsps().add(new FlexOrderIsp().setPower(-3_000L).setStart(69).setDuration(2));
        accepted("DsoMSP", signed(order, UsefRole.DSO, DSO_KEY));
        Api.as("DsoMSP")
                .get("/api/orders/{id}", order.getMessageId().toString())
                .then()
                .statusCode(200)
                .body(containsString(optionB));

        // The attack: the DSO orders the other option of the same FlexOffer as well.
        FlexOrder second = day(meta(new FlexOrder(), DSO_DOMAIN, AGR1_DOMAIN));
        second.setFlexOfferMessageId(offer.getMessageId())
                .setOptionReference(a)
                .setPrice(new BigDecimal("0.21"))
                .setCurrency("EUR")
                .setOrderReference(UUID.randomUUID().toString());
        second.getIsps().add(new FlexOrderIsp().setPower(-2_000L).setStart(69).setDuration(2));
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .pollInterval(java.time.Duration.ofMillis(300))
                .untilAsserted(() ->
                        Api.as("DsoMSP").get("/api/offers/{id}", optionB).then().body(containsString("ORDERED")));
        assertThat(answer("DsoMSP", signed(second, UsefRole.DSO, DSO_KEY)))
                .contains("Result=\"Rejected\"", "is ordered already");
        // An ordered FlexOffer is a commitment: its revocation is refused, and no option is revoked.
        FlexOfferRevocation late =
                meta(new FlexOfferRevocation(), AGR1_DOMAIN, DSO_DOMAIN).setFlexOfferMessageId(offer.getMessageId());
        assertThat(answer("Aggregator1MSP", signed(late, UsefRole.AGR, AGR1_KEY)))
                .contains("Result=\"Rejected\"", "REVOCATION_OFFER_NOT_LIVE");
    }

    @Test
    void aRevocationOfAFlexOfferOfTwoOptionsRevokesBoth() throws Exception {
        FlexOffer offer = twoOptions(Market.home("Aggregator1MSP"), Market.home("Aggregator1MSP"));
        accepted("Aggregator1MSP", signed(offer, UsefRole.AGR, AGR1_KEY));
        FlexOfferRevocation revocation =
                meta(new FlexOfferRevocation(), AGR1_DOMAIN, DSO_DOMAIN).setFlexOfferMessageId(offer.getMessageId());
        accepted("Aggregator1MSP", signed(revocation, UsefRole.AGR, AGR1_KEY));
        for (FlexOfferOption option : offer.getOfferOptions()) {
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .pollInterval(java.time.Duration.ofMillis(200))
                    .untilAsserted(() -> Api.as("DsoMSP")
                            .get("/api/offers/{id}", offer.getMessageId() + "." + option.getOptionReference())
                            .then()
                            .statusCode(200)
                            .body(containsString("REVOKED")));
        }
        assertThat(recorded(revocation).getString("transaction")).isEqualTo(Uftp.REVOKE_OFFERS.fullName());
    }

    static FlexOffer offerFor(DeliveryDay day, DeliveryDay.Home h) {
        FlexOffer o = day(meta(new FlexOffer(), AGR1_DOMAIN, DSO_DOMAIN));
        o.setPeriod(day.day);
        o.setExpirationDateTime(OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).withNano(0))
                .setCurrency("EUR")
                .setUnsolicited(true);
        // 2 kW in slots 68-71 (ISPs 69-72) is 2 kWh; 0.40 EUR in all is DeliveryDay's 0.20 EUR/kWh.
        FlexOfferOption option = new FlexOfferOption()
                .setOptionReference(h.assetId())
                .setPrice(new BigDecimal("0.40"))
                .setMinActivationFactor(new BigDecimal("0.5"));
        option.getIsps()
                .add(new FlexOfferOptionIsp().setPower(-2_000L).setStart(69).setDuration(4));
        o.getOfferOptions().add(option);
        return o;
    }

    static FlexOrder orderOf(DeliveryDay day, FlexOffer offer) {
        FlexOrder order = day(meta(new FlexOrder(), DSO_DOMAIN, AGR1_DOMAIN));
        order.setPeriod(day.day);
        order.setFlexOfferMessageId(offer.getMessageId())
                .setPrice(new BigDecimal("0.40"))
                .setCurrency("EUR")
                .setOrderReference(UUID.randomUUID().toString())
                .setActivationFactor(BigDecimal.ONE);
        order.getIsps().add(new FlexOrderIsp().setPower(-2_000L).setStart(69).setDuration(4));
        return order;
    }

    @Test
    void aMeteredDaySettledWithOneDisputedLineInUftpIsAudited() throws Exception {
        DeliveryDay day = new DeliveryDay(DeliveryDay.freshDay());
        DeliveryDay.Home full = day.addHomeWithoutOffer("Aggregator1MSP", 1.0);
        DeliveryDay.Home half = day.addHomeWithoutOffer("Aggregator1MSP", 0.5);
        FlexOffer fullOffer = offerFor(day, full);
        FlexOffer halfOffer = offerFor(day, half);
        accepted("Aggregator1MSP", signed(fullOffer, UsefRole.AGR, AGR1_KEY));
        accepted("Aggregator1MSP", signed(halfOffer, UsefRole.AGR, AGR1_KEY));
        DeliveryDay.awaitOffer("DsoMSP", fullOffer.getMessageId().toString());
        DeliveryDay.awaitOffer("DsoMSP", halfOffer.getMessageId().toString());
        FlexOrder fullOrder = orderOf(day, fullOffer);
        FlexOrder halfOrder = orderOf(day, halfOffer);
        accepted("DsoMSP", signed(fullOrder, UsefRole.DSO, DSO_KEY));
        accepted("DsoMSP", signed(halfOrder, UsefRole.DSO, DSO_KEY));

        day.meterTheDay();
        day.seal();
        day.reveal();
        // The DSO's outbox, with an edge domain and key of its own, announces each settlement to the
        // participant that offered (Aggregator1's, whose endpoint is this test's listener).
        Cs1KeyPair dsoEdgeKey = Cs1.generate();
        Recorder listener = Recorder.start();
        List<byte[]> received = listener.received;
        Path dsoOutbox = FlexStack.home().resolve("uftp/dso/outbox");
        FlexSettlement announced;
        String halfSettlement = "stl-" + halfOrder.getMessageId();
        try {
            String endpoint = listener.endpoint();
            registerByRest("Aggregator1MSP", AGR1_DOMAIN, "AGR", AGR1_KEY, endpoint);
            registerByRest("DsoMSP", DSO_EDGE_DOMAIN, "DSO", dsoEdgeKey, "http://127.0.0.1:1" + PATH);
            Files.createDirectories(dsoOutbox);
            Files.writeString(
                    dsoOutbox.resolve("settings.properties"),
                    "sender-domain=" + DSO_EDGE_DOMAIN + "\nsigning-key=" + dsoEdgeKey.signingKeyString()
                            + "\nentity-prefix=ea1.2026-12.flexledger.local\n");
            FlexStack.Result settle = FlexStack.flex(300, "settle", "--day", day.day.toString());
            assertThat(settle.exit()).as(settle.output()).isZero();
            Api.as("DsoMSP")
                    .get("/api/settlements/{id}", halfSettlement)
                    .then()
                    .statusCode(200)
                    .body(containsString("\"shortfallKwh\":\"1.000000\""));
            String halfId = halfOrder.getMessageId().toString();
            announced = org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(
                            () -> received.stream()
                                    .map(b -> {
                                        try {
                                            SignedMessage m = UftpXml.standard().read(b, SignedMessage.class);
                                            return UftpXml.standard()
                                                    .read(Cs1.open(m, dsoEdgeKey.verifyKey()), FlexSettlement.class);
                                        } catch (Exception e) {
                                            return null;
                                        }
                                    })
                                    .filter(m -> m != null
                                            && halfId.equals(m.getFlexOrderSettlements()
                                                    .get(0)
                                                    .getOrderReference()))
                                    .findFirst(),
                            java.util.Optional::isPresent)
                    .orElseThrow();
        } finally {
            Files.deleteIfExists(dsoOutbox.resolve("settings.properties"));
            listener.close();
        }
        assertThat(announced.getSenderDomain()).isEqualTo(DSO_EDGE_DOMAIN);
        assertThat(announced.getRecipientDomain()).isEqualTo(AGR1_DOMAIN);
        JsonPath settled = Api.as("DsoMSP")
                .get("/api/settlements/{id}", halfSettlement)
                .then()
                .extract()
                .jsonPath();
        assertThat(announced.getFlexOrderSettlements().get(0).getNetSettlement())
                .isEqualByComparingTo(settled.getString("netEur"));
        assertThat(announced.getFlexOrderSettlements().get(0).getIsps()).isNotEmpty();
        assertThat(recorded(announced).getString("sha256")).isEqualTo(sha256(announced));

        // The aggregator accepts the full home's line and disputes the half one, in UFTP, answering
        // the FlexSettlement it was sent.
        FlexSettlementResponse response = meta(new FlexSettlementResponse(), AGR1_DOMAIN, DSO_EDGE_DOMAIN);
        response.setFlexSettlementMessageId(announced.getMessageId());
        response.accept();
        response.getFlexOrderSettlementStatuses()
                .add(new FlexOrderSettlementStatus()
                        .setOrderReference(fullOrder.getMessageId().toString())
                        .setDisposition(AcceptedDisputed.ACCEPTED));
        response.getFlexOrderSettlementStatuses()
                .add(new FlexOrderSettlementStatus()
                        .setOrderReference(halfOrder.getMessageId().toString())
                        .setDisposition(AcceptedDisputed.DISPUTED)
                        .setDisputeReason("the home's own meter shows the full 2 kW"));
        post("Aggregator1MSP", signed(response, UsefRole.AGR, AGR1_KEY))
                .statusCode(200)
                .body(org.hamcrest.Matchers.not(containsString("Rejected")));
        JsonPath dispute = Api.as("Aggregator1MSP")
                .get("/api/disputes/{id}", "uftp-" + response.getMessageId())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(dispute.getString("dispute.settlementId")).isEqualTo(halfSettlement);
        assertThat(dispute.getString("dispute.claim.netEur")).isEqualTo("0.4000");
        assertThat(dispute.getString("dispute.evidenceHash")).isEqualTo(sha256(response));

        FlexStack.Result audit = FlexStack.flex(300, "audit", "--period", day.day.toString());
        assertThat(audit.exit()).as(audit.output()).isZero();
        assertThat(audit.output()).contains("VERIFIED").doesNotContain("DISCREPANCY");
        for (PayloadMessage m : new PayloadMessage[] {fullOffer, halfOffer, fullOrder, halfOrder, response}) {
            assertThat(recorded(m).getString("sha256")).as(m.elementName()).isEqualTo(sha256(m));
        }
    }

    @Test
    void anOrderReachesTheAggregatorsOwnParticipantAsAFlexOrderSignedByItsEdge() throws Exception {
        Cs1KeyPair edgeKey = Cs1.generate();
        Recorder listener = Recorder.start();
        List<byte[]> received = listener.received;
        try (Gateways agg = Gateways.connect("aggregator1", "Aggregator1MSP", FlexStack.port(8051))) {
            // The participant's endpoint is the listener; the edge's domain and key are registered too.
            String endpoint = listener.endpoint();
            agg.contract()
                    .submitTransaction(
                            Uftp.REGISTER_PARTICIPANT.fullName(),
                            participant(AGR1_DOMAIN, "AGR", AGR1_KEY).replace("http://127.0.0.1:1" + PATH, endpoint));
            // The edge's domain and key through the organisation's REST route.
            registerByRest("Aggregator1MSP", EDGE_DOMAIN, "AGR", edgeKey, endpoint);
            Api.as("Aggregator1MSP")
                    .get("/api/uftp/participants")
                    .then()
                    .statusCode(200)
                    .body(containsString(EDGE_DOMAIN));
            Path outbox = FlexStack.home().resolve("uftp/aggregator1/outbox");
            Files.createDirectories(outbox);
            Files.writeString(
                    outbox.resolve("settings.properties"),
                    "sender-domain=" + EDGE_DOMAIN + "\nsigning-key=" + edgeKey.signingKeyString()
                            + "\nparticipant-domain=" + AGR1_DOMAIN + "\nentity-prefix=ea1.2026-12.flexledger.local\n");
            try {
                FlexOffer offer = offer(null);
                // A home of its own: the other tests' orders sold the shared one's slots.
                offer.getOfferOptions().get(0).setOptionReference(Market.home("Aggregator1MSP"));
                // The edge, now with a key, answers with a SignedMessage the participant verifies with
                // the key registered for the edge's domain.
                byte[] answer = post("Aggregator1MSP", signed(offer, UsefRole.AGR, AGR1_KEY))
                        .statusCode(200)
                        .extract()
                        .asByteArray();
                SignedMessage signedAnswer = UftpXml.standard().read(answer, SignedMessage.class);
                assertThat(signedAnswer.getSenderDomain()).isEqualTo(EDGE_DOMAIN);
                assertThat(new String(Cs1.open(signedAnswer, edgeKey.verifyKey()), StandardCharsets.UTF_8))
                        .contains("<FlexOfferResponse")
                        .contains("Result=\"Accepted\"");
                DeliveryDay.awaitOffer("DsoMSP", offer.getMessageId().toString());
                FlexOrder order = day(meta(new FlexOrder(), DSO_DOMAIN, AGR1_DOMAIN));
                order.setFlexOfferMessageId(offer.getMessageId())
                        .setPrice(new BigDecimal("0.21"))
                        .setCurrency("EUR")
                        .setOrderReference(UUID.randomUUID().toString())
                        .setActivationFactor(BigDecimal.ONE);
                order.getIsps()
                        .add(new FlexOrderIsp().setPower(-2_000L).setStart(69).setDuration(2));
                accepted("DsoMSP", signed(order, UsefRole.DSO, DSO_KEY));
                String orderId = order.getMessageId().toString();
                FlexOrder arrived = org.awaitility.Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .until(
                                () -> received.stream()
                                        .map(b -> edgeOrder(b, edgeKey))
                                        .filter(m -> m != null && orderId.equals(m.getOrderReference()))
                                        .findFirst(),
                                java.util.Optional::isPresent)
                        .orElseThrow();
                assertThat(arrived.getSenderDomain()).isEqualTo(EDGE_DOMAIN);
                assertThat(arrived.getRecipientDomain()).isEqualTo(AGR1_DOMAIN);
                assertThat(arrived.getFlexOfferMessageId()).isEqualTo(offer.getMessageId());
                assertThat(arrived.getIsps()).hasSize(2);
                // The message sent is on the ledger, as the edge signed it, under a MessageID of the order.
                JsonPath log = recorded(arrived);
                assertThat(log.getString("sha256")).isEqualTo(sha256(arrived));
                assertThat(log.getString("senderMsp")).isEqualTo("Aggregator1MSP");
                assertThat(log.getString("transaction")).endsWith(Uftp.Names.RECORD_MESSAGE);
                // Sent once: the start-up and periodic scans find it recorded.
                Thread.sleep(2_000);
                assertThat(received.stream()
                                .map(b -> edgeOrder(b, edgeKey))
                                .filter(m -> m != null && orderId.equals(m.getOrderReference()))
                                .count())
                        .isEqualTo(1);
            } finally {
                Files.delete(outbox.resolve("settings.properties"));
            }
        } finally {
            listener.close();
        }
    }

    @Test
    void anOfferIsAnnouncedToTheDsosOwnParticipantWhichOrdersItInUftp() throws Exception {
        Cs1KeyPair edgeKey = Cs1.generate();
        Recorder listener = Recorder.start();
        List<byte[]> received = listener.received;
        Path outbox = FlexStack.home().resolve("uftp/aggregator1/outbox");
        try {
            // The DSO speaks UFTP through a participant of its own, whose endpoint is the listener.
            String endpoint = listener.endpoint();
            announceThroughAggregator1sEdge(outbox, edgeKey, endpoint);
            FlexRequest request = request();
            accepted("DsoMSP", signed(request, UsefRole.DSO, DSO_KEY));
            FlexOffer made = offer(request.getMessageId());
            made.getOfferOptions().get(0).setOptionReference(Market.home("Aggregator1MSP"));
            accepted("Aggregator1MSP", signed(made, UsefRole.AGR, AGR1_KEY));
            String offerId = made.getMessageId().toString();
            // Aggregator1's outbox announces the offer it recorded to the participant whose request it answers.
            FlexOffer announced = org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(
                            () -> received.stream()
                                    .map(b -> edgeMessage(b, edgeKey, FlexOffer.class))
                                    .filter(m -> m != null
                                            && offerId.equals(
                                                    m.getOfferOptions().get(0).getOptionReference()))
                                    .findFirst(),
                            java.util.Optional::isPresent)
                    .orElseThrow();
            assertThat(announced.getSenderDomain()).isEqualTo(EDGE_DOMAIN);
            assertThat(announced.getRecipientDomain()).isEqualTo(DSO_DOMAIN);
            assertThat(announced.getFlexRequestMessageId()).isEqualTo(request.getMessageId());
            assertThat(announced.getConversationId()).isEqualTo(request.getConversationId());
            assertThat(announced.getOfferOptions().get(0).getIsps()).hasSize(2);
            assertThat(recorded(announced).getString("sha256")).isEqualTo(sha256(announced));

            // The DSO's participant orders the option of the FlexOffer it was sent.
            FlexOrder order = day(meta(new FlexOrder(), DSO_DOMAIN, EDGE_DOMAIN));
            order.setFlexOfferMessageId(announced.getMessageId())
                    .setOptionReference(offerId)
                    .setPrice(announced.getOfferOptions().get(0).getPrice())
                    .setCurrency("EUR")
                    .setOrderReference(UUID.randomUUID().toString())
                    .setActivationFactor(BigDecimal.ONE);
            order.getIsps()
                    .add(new FlexOrderIsp().setPower(-2_000L).setStart(69).setDuration(2));
            accepted("DsoMSP", signed(order, UsefRole.DSO, DSO_KEY));
            Api.as("DsoMSP")
                    .get("/api/orders/{id}", order.getMessageId().toString())
                    .then()
                    .statusCode(200)
                    .body(containsString(offerId));
            // Announced once: the scans find it recorded.
            Thread.sleep(2_000);
            assertThat(received.stream()
                            .map(b -> edgeMessage(b, edgeKey, FlexOffer.class))
                            .filter(m -> m != null && announced.getMessageId().equals(m.getMessageId()))
                            .count())
                    .isEqualTo(1);
        } finally {
            stopAnnouncing(outbox);
            listener.close();
        }
    }

    /** The outbox's name-based MessageID of the {@code type} message about {@code recordId}. */
    static UUID outboxMessageId(String type, String recordId) {
        return UUID.nameUUIDFromBytes((type + "|" + recordId).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aFlexOfferOfTwoOptionsIsAnnouncedAsOneItsOrderOrdersOneAndAWithdrawalIsRevokedInUftp() throws Exception {
        Cs1KeyPair edgeKey = Cs1.generate();
        Recorder listener = Recorder.start();
        List<byte[]> received = listener.received;
        Path outbox = FlexStack.home().resolve("uftp/aggregator1/outbox");
        try {
            String endpoint = listener.endpoint();
            announceThroughAggregator1sEdge(outbox, edgeKey, endpoint);
            FlexRequest request = request();
            accepted("DsoMSP", signed(request, UsefRole.DSO, DSO_KEY));
            FlexOffer made = twoOptions(Market.home("Aggregator1MSP"), Market.home("Aggregator1MSP"));
            made.setUnsolicited(false).setFlexRequestMessageId(request.getMessageId());
            byte[] answer = post("Aggregator1MSP", signed(made, UsefRole.AGR, AGR1_KEY))
                    .statusCode(200)
                    .extract()
                    .asByteArray();
            // The edge's signed answer is on the ledger as well: its MessageID under the edge's domain,
            // with the hash of exactly what the participant received.
            String responseXml = responseXml(answer);
            assertThat(responseXml).contains("Result=\"Accepted\"");
            io.flexledger.uftp.FlexOfferResponse response = UftpXml.standard()
                    .read(responseXml.getBytes(StandardCharsets.UTF_8), io.flexledger.uftp.FlexOfferResponse.class);
            assertThat(response.getSenderDomain()).isEqualTo(EDGE_DOMAIN);
            JsonPath responseRecord = recorded(response);
            assertThat(responseRecord.getString("messageType")).isEqualTo("FlexOfferResponse");
            assertThat(responseRecord.getString("sha256"))
                    .isEqualTo(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256")
                                    .digest(responseXml.getBytes(StandardCharsets.UTF_8))));
            assertThat(responseRecord.getString("senderMsp")).isEqualTo("Aggregator1MSP");

            String optionA =
                    made.getMessageId() + "." + made.getOfferOptions().get(0).getOptionReference();
            String optionB =
                    made.getMessageId() + "." + made.getOfferOptions().get(1).getOptionReference();
            UUID announcedId = outboxMessageId("FlexOffer", made.getMessageId().toString());
            FlexOffer announced = awaitEdge(received, edgeKey, FlexOffer.class, announcedId);
            // ONE FlexOffer carrying both options, each named by its ledger offer, to the requester.
            assertThat(announced.getOfferOptions())
                    .extracting(FlexOfferOption::getOptionReference)
                    .containsExactly(optionA, optionB);
            assertThat(announced.getRecipientDomain()).isEqualTo(DSO_DOMAIN);
            assertThat(announced.getFlexRequestMessageId()).isEqualTo(request.getMessageId());
            assertThat(recorded(announced).getString("sha256")).isEqualTo(sha256(announced));

            // The DSO's participant orders option B of the FlexOffer it was sent.
            FlexOrder order = day(meta(new FlexOrder(), DSO_DOMAIN, EDGE_DOMAIN));
            order.setFlexOfferMessageId(announced.getMessageId())
                    .setOptionReference(optionB)
                    .setPrice(announced.getOfferOptions().get(1).getPrice())
                    .setCurrency("EUR")
                    .setOrderReference(UUID.randomUUID().toString())
                    .setActivationFactor(BigDecimal.ONE);
            order.getIsps()
                    .add(new FlexOrderIsp().setPower(-3_000L).setStart(69).setDuration(2));
            accepted("DsoMSP", signed(order, UsefRole.DSO, DSO_KEY));
            Api.as("DsoMSP")
                    .get("/api/orders/{id}", order.getMessageId().toString())
                    .then()
                    .statusCode(200)
                    .body(containsString(optionB));

            // A second FlexOffer of two options, announced, then withdrawn by the aggregator's participant.
            FlexOffer withdrawn = twoOptions(Market.home("Aggregator1MSP"), Market.home("Aggregator1MSP"));
            withdrawn.setUnsolicited(false).setFlexRequestMessageId(request.getMessageId());
            accepted("Aggregator1MSP", signed(withdrawn, UsefRole.AGR, AGR1_KEY));
            UUID withdrawnId =
                    outboxMessageId("FlexOffer", withdrawn.getMessageId().toString());
            awaitEdge(received, edgeKey, FlexOffer.class, withdrawnId);
            FlexOfferRevocation revocation = meta(new FlexOfferRevocation(), AGR1_DOMAIN, DSO_DOMAIN)
                    .setFlexOfferMessageId(withdrawn.getMessageId());
            accepted("Aggregator1MSP", signed(revocation, UsefRole.AGR, AGR1_KEY));
            UUID revocationId = outboxMessageId(
                    "FlexOfferRevocation", withdrawn.getMessageId().toString());
            FlexOfferRevocation told = awaitEdge(received, edgeKey, FlexOfferRevocation.class, revocationId);
            assertThat(told.getFlexOfferMessageId()).isEqualTo(withdrawnId);
            assertThat(told.getRecipientDomain()).isEqualTo(DSO_DOMAIN);
            assertThat(recorded(told).getString("sha256")).isEqualTo(sha256(told));

            // Each once; the first FlexOffer, ordered, is not revoked although its option A was.
            Thread.sleep(2_000);
            UUID firstRevocation =
                    outboxMessageId("FlexOfferRevocation", made.getMessageId().toString());
            assertThat(received.stream()
                            .map(b -> edgeMessage(b, edgeKey, PayloadMessage.class))
                            .filter(m -> m != null)
                            .map(PayloadMessage::getMessageId)
                            .filter(id -> List.of(announcedId, withdrawnId, revocationId, firstRevocation)
                                    .contains(id))
                            .toList())
                    .containsExactlyInAnyOrder(announcedId, withdrawnId, revocationId);
        } finally {
            stopAnnouncing(outbox);
            listener.close();
        }
    }

    /** The edge's message {@code messageId} of type {@code type} once the listener received it. */
    static <T extends PayloadMessage> T awaitEdge(
            List<byte[]> received, Cs1KeyPair edgeKey, Class<T> type, UUID messageId) {
        return org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> received.stream()
                                .map(b -> edgeMessage(b, edgeKey, type))
                                .filter(m -> m != null && messageId.equals(m.getMessageId()))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
    }

    /** The message of type {@code type} in a SignedMessage the edge signed, or null. */
    static <T extends PayloadMessage> T edgeMessage(byte[] body, Cs1KeyPair edgeKey, Class<T> type) {
        try {
            SignedMessage m = UftpXml.standard().read(body, SignedMessage.class);
            return UftpXml.standard().read(Cs1.open(m, edgeKey.verifyKey()), type);
        } catch (Exception e) {
            return null;
        }
    }

    /** The FlexOrder in a SignedMessage the edge signed, or null. */
    static FlexOrder edgeOrder(byte[] body, Cs1KeyPair edgeKey) {
        try {
            SignedMessage m = UftpXml.standard().read(body, SignedMessage.class);
            return UftpXml.standard().read(Cs1.open(m, edgeKey.verifyKey()), FlexOrder.class);
        } catch (Exception e) {
            return null;
        }
    }

    @Test
    void aReplayedMessageIdIsRejectedAndNothingHappensTwice() {
        byte[] body = signed(offer(null), UsefRole.AGR, AGR1_KEY);
        accepted("Aggregator1MSP", body);
        post("Aggregator1MSP", body)
                .statusCode(200)
                .body(containsString("Result=\"Rejected\""))
                .body(containsString("UFTP_MESSAGE_REPLAYED"));
    }

    @Test
    void badSignaturesUnknownSendersAndForeignDomainsAreUnauthorised() {
        // Signed with the DSO's key in the aggregator's name.
        post("Aggregator1MSP", signed(offer(null), UsefRole.AGR, DSO_KEY)).statusCode(401);
        // A domain nobody registered.
        FlexOffer ghost = offer(null);
        ghost.setSenderDomain("ghost.flexledger.test");
        post("Aggregator1MSP", signed(ghost, UsefRole.AGR, AGR1_KEY)).statusCode(401);
        // The DSO forwarding the aggregator's own signed offer through the DSO's edge.
        post("DsoMSP", signed(offer(null), UsefRole.AGR, AGR1_KEY)).statusCode(403);
    }

    @Test
    void aWrongRecipientIsRejected() {
        FlexOffer o = offer(null);
        o.setRecipientDomain("nobody.flexledger.test");
        post("Aggregator1MSP", signed(o, UsefRole.AGR, AGR1_KEY))
                .statusCode(200)
                .body(containsString("Result=\"Rejected\""));
        FlexOffer self = offer(null);
        self.setRecipientDomain(AGR1_DOMAIN);
        post("Aggregator1MSP", signed(self, UsefRole.AGR, AGR1_KEY))
                .statusCode(200)
                .body(containsString("Result=\"Rejected\""));
    }

    @Test
    void malformedXmlAndABillionLaughsAreBadRequests() {
        post("Aggregator1MSP", "<SignedMessage SenderDomain=".getBytes(StandardCharsets.UTF_8))
                .statusCode(400);
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
                + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">"
                + "<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">]>"
                + "<SignedMessage SenderDomain=\"&lol5;\" SenderRole=\"AGR\" Body=\"AAAA\"/>";
        post("Aggregator1MSP", laughs.getBytes(StandardCharsets.UTF_8)).statusCode(400);
    }

    @Test
    void theChaincodeRefusesWhatAnEdgeMustNotDo() throws Exception {
        try (Gateways dso = Gateways.connect("dso", "DsoMSP", FlexStack.port(7051));
                Gateways agg = Gateways.connect("aggregator1", "Aggregator1MSP", FlexStack.port(8051))) {
            // Aggregator1 registering its own key for the DSO's domain.
            assertThatThrownBy(() -> agg.contract()
                            .submitTransaction(
                                    Uftp.REGISTER_PARTICIPANT.fullName(), participant(DSO_DOMAIN, "AGR", AGR1_KEY)))
                    .hasStackTraceContaining("UFTP_PARTICIPANT_MSP_NOT_ALLOWED");
            // The same through Aggregator1's REST route: the chaincode's refusal as problem+json.
            Api.as("Aggregator1MSP")
                    .contentType("application/json")
                    .body("{\"domain\":\"" + DSO_DOMAIN + "\",\"role\":\"AGR\",\"publicKey\":\""
                            + AGR1_KEY.publicKeyString() + "\",\"endpoint\":\"http://127.0.0.1:1/x\"}")
                    .when()
                    .post("/api/uftp/participants")
                    .then()
                    .statusCode(403)
                    .body(containsString("UFTP_PARTICIPANT_MSP_NOT_ALLOWED"));
            // The DSO recording, as its own transaction, a message that Aggregator1 signed.
            FlexOffer o = offer(null);
            byte[] inner = UftpXml.standard().write(o);
            String envelope = "{\"messageId\":\"" + o.getMessageId() + "\",\"conversationId\":\"" + CONVERSATION
                    + "\",\"senderDomain\":\"" + AGR1_DOMAIN + "\",\"recipientDomain\":\"" + DSO_DOMAIN
                    + "\",\"messageType\":\"FlexOffer\",\"signedBody\":\""
                    + Base64.getEncoder().encodeToString(Cs1.sign(inner, AGR1_KEY.signingKey())) + "\"}";
            assertThatThrownBy(() -> dso.contract()
                            .newProposal(Uftp.RECORD_MESSAGE.fullName())
                            .putAllTransient(Map.of(
                                    io.flexledger.contract.Uftp.MESSAGE_TRANSIENT,
                                    envelope.getBytes(StandardCharsets.UTF_8)))
                            .build()
                            .endorse()
                            .submit())
                    .hasStackTraceContaining("UFTP_SENDER_NOT_CALLER");
        }
    }

    /**
     * Aggregator1's outbox announces through an edge domain and key of its own ({@code edgeKey}) to the DSO,
     * whose participant's endpoint is {@code endpoint}.
     */
    private static void announceThroughAggregator1sEdge(Path outbox, Cs1KeyPair edgeKey, String endpoint)
            throws Exception {
        registerByRest("DsoMSP", DSO_DOMAIN, "DSO", DSO_KEY, endpoint);
        registerByRest("Aggregator1MSP", EDGE_DOMAIN, "AGR", edgeKey, "http://127.0.0.1:1" + PATH);
        Files.createDirectories(outbox);
        Files.writeString(
                outbox.resolve("settings.properties"),
                "sender-domain=" + EDGE_DOMAIN + "\nsigning-key=" + edgeKey.signingKeyString() + "\nparticipant-domain="
                        + AGR1_DOMAIN + "\nentity-prefix=ea1.2026-12.flexledger.local\n");
    }

    /** Undoes {@link #announceThroughAggregator1sEdge}: no settings, the DSO's endpoint unreachable again. */
    private static void stopAnnouncing(Path outbox) throws Exception {
        Files.deleteIfExists(outbox.resolve("settings.properties"));
        registerByRest("DsoMSP", DSO_DOMAIN, "DSO", DSO_KEY, "http://127.0.0.1:1" + PATH);
    }

    /** A UFTP participant's endpoint on loopback that answers 200 and keeps every body it receives. */
    static final class Recorder implements AutoCloseable {
        final List<byte[]> received = new CopyOnWriteArrayList<>();
        private final HttpServer server;

        private Recorder(HttpServer server) {
            this.server = server;
        }

        static Recorder start() throws java.io.IOException {
            Recorder recorder = new Recorder(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0));
            recorder.server.createContext(PATH, exchange -> {
                try (exchange) {
                    recorder.received.add(exchange.getRequestBody().readAllBytes());
                    exchange.sendResponseHeaders(200, -1);
                }
            });
            recorder.server.start();
            return recorder;
        }

        String endpoint() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
