package io.flexledger.ittests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import io.flexledger.contract.Baselines;
import io.flexledger.contract.Disputes;
import io.flexledger.contract.Offers;
import io.flexledger.contract.Orders;
import io.flexledger.contract.Registry;
import io.flexledger.contract.Requests;
import io.flexledger.contract.Settlements;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.settlement.evm.AggregatorAccounts;
import io.flexledger.settlement.evm.EvmConfig;
import io.flexledger.settlement.evm.EvmIds;
import io.flexledger.settlement.evm.EvmSettlementChain;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.Proposal;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each rule of the market attacked by the party that would profit from breaking it, on the local
 * network: straight through a peer's gateway with the attacker's own Fabric identity (a proposal
 * built by hand, with the timestamp and the endorsers the attacker chooses), or through the services
 * with the attacker's own token. Each attack must be refused, or leave nothing on the ledger.
 */
@ExtendWith(FlexStack.class)
class AttacksIT {
    /** A day already delivered: its gate closed long ago. */
    private static final LocalDate PAST_DAY = LocalDate.now(ZoneOffset.UTC).minusDays(2);
    /** A timestamp before the past day's gate closure, as a backdating client would write it. */
    private static final Instant BEFORE_ITS_GATE =
            PAST_DAY.minusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC);

    private Gateways connection;

    @BeforeAll
    static void registry() {
        Market.congestionPoints();
    }

    @AfterEach
    void close() throws InterruptedException {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    private Gateways as(String org, String msp, int demoPort) throws Exception {
        connection = Gateways.connect(org, msp, FlexStack.port(demoPort));
        return connection;
    }

    private Gateways aggregator1() throws Exception {
        return as("aggregator1", "Aggregator1MSP", 8051);
    }

    private Gateways dso() throws Exception {
        return as("dso", "DsoMSP", 7051);
    }

    private static String hash(char c) {
        return String.valueOf(c).repeat(64);
    }

    private static String commitment(String home, LocalDate day, String hashHex) {
        return "{\"assetId\":\"%s\",\"day\":\"%s\",\"hashHex\":\"%s\"}".formatted(home, day, hashHex);
    }

    private static String pastOffer(String id, String home) {
        return Market.offer(id, home).replace(Market.DAY.toString(), PAST_DAY.toString());
    }

    /** A live offer of a new Aggregator1 home, posted through the aggregator's API; returns its id. */
    private static String liveOffer() {
        String offerId = Market.uniqueId("o");
        Api.post("Aggregator1MSP")
                .body(Market.offer(offerId, Market.home("Aggregator1MSP")))
                .post("/api/offers")
                .then()
                .statusCode(201);
        return offerId;
    }

    /** A CreateOrder argument ordering all of {@code offerId}. */
    private static String orderOf(String offerId) {
        return "{\"id\":\"%s\",\"offerId\":\"%s\",\"activation\":1}".formatted(Market.uniqueId("ord"), offerId);
    }

    private static String messages(GatewayException e) {
        return e.getMessage() + " "
                + e.getDetails().stream().map(d -> d.getMessage()).collect(Collectors.joining(" | "));
    }

    /** The refusal of a forged proposal at endorsement, with every endorser's message. */
    private static String refusedAtEndorsement(Proposal forged) {
        EndorseException e = catchThrowableOfType(EndorseException.class, forged::endorse);
        assertThat(e).as("the forged proposal must not be endorsed").isNotNull();
        return messages(e);
    }

    /** Endorses and submits; the commit must be marked invalid with {@code code}. */
    private static void invalidAtCommit(Proposal proposal, TxValidationCode code) throws Exception {
        CommitException e = catchThrowableOfType(
                CommitException.class, () -> proposal.endorse().submit());
        assertThat(e).as("the transaction must not commit as valid").isNotNull();
        assertThat(e.getCode()).isEqualTo(code);
    }

    private static String evaluate(Gateways g, String transaction, String... args) throws GatewayException {
        return new String(g.contract().evaluateTransaction(transaction, args), StandardCharsets.UTF_8);
    }

    // ---- backdating

    @Test
    void aBaselineCommitmentBackdatedAfterTheDayIsRefusedByTheEndorsingPeers() throws Exception {
        String home = Market.home("Aggregator1MSP");
        String refused = refusedAtEndorsement(aggregator1()
                .forged(
                        Baselines.COMMIT_BASELINE.fullName(),
                        BEFORE_ITS_GATE,
                        Map.of(),
                        List.of(),
                        commitment(home, PAST_DAY, hash('a'))));
        assertThat(refused).contains("PROPOSAL_TIME_OUT_OF_BOUNDS", "behind the clock of the endorsing peer");
        assertThat(catchThrowableOfType(
                        GatewayException.class,
                        () -> evaluate(connection, Baselines.READ_BASELINE.fullName(), home, PAST_DAY.toString())))
                .isNotNull();
    }

    @Test
    void aBackdatedOfferIsRefused() throws Exception {
        String home = Market.home("Aggregator1MSP");
        String refused = refusedAtEndorsement(aggregator1()
                .forged(
                        Offers.CREATE_OFFER.fullName(),
                        BEFORE_ITS_GATE,
                        Map.of(),
                        List.of(),
                        pastOffer(Market.uniqueId("o"), home)));
        assertThat(refused).contains("PROPOSAL_TIME_OUT_OF_BOUNDS");
    }

    @Test
    void aBackdatedRequestIsRefused() throws Exception {
        String request = """
                {"id":"%s","congestionPointId":"F1","day":"%s","kwBySlot":{"68":5},"unservedPenalty":2}
                """.formatted(Market.uniqueId("r"), PAST_DAY);
        String refused = refusedAtEndorsement(
                dso().forged(Requests.CREATE_REQUEST.fullName(), BEFORE_ITS_GATE, Map.of(), List.of(), request));
        assertThat(refused).contains("PROPOSAL_TIME_OUT_OF_BOUNDS");
    }

    @Test
    void aBackdatedOrderIsRefused() throws Exception {
        String offerId = liveOffer();
        String order = orderOf(offerId);
        String refused = refusedAtEndorsement(dso().forged(
                        Orders.CREATE_ORDER.fullName(),
                        Instant.now().minus(Duration.ofHours(6)),
                        Map.of(),
                        List.of(),
                        order));
        assertThat(refused).contains("PROPOSAL_TIME_OUT_OF_BOUNDS");
        assertThat(evaluate(connection, Offers.READ_OFFER.fullName(), offerId)).contains("\"state\":\"OFFERED\"");
    }

    // ---- a rule the counterparty's peer must check cannot be passed by two other organisations

    @Test
    void aBaselineEndorsedByTheAggregatorAndAThirdOrganisationWithoutTheDsoIsInvalid() throws Exception {
        String home = Market.home("Aggregator1MSP");
        invalidAtCommit(
                aggregator1()
                        .forged(
                                Baselines.COMMIT_BASELINE.fullName(),
                                Instant.now(),
                                Map.of(),
                                List.of("Aggregator1MSP", "CommunityMSP"),
                                commitment(home, Market.DAY, hash('b'))),
                TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        assertThat(catchThrowableOfType(
                        GatewayException.class,
                        () -> evaluate(connection, Baselines.READ_BASELINE.fullName(), home, Market.DAY.toString())))
                .as("no commitment on the ledger")
                .isNotNull();
    }

    @Test
    void anOfferEndorsedWithoutTheDsoIsInvalid() throws Exception {
        String home = Market.home("Aggregator1MSP");
        String offerId = Market.uniqueId("o");
        invalidAtCommit(
                aggregator1()
                        .forged(
                                Offers.CREATE_OFFER.fullName(),
                                Instant.now(),
                                Map.of(),
                                List.of("Aggregator1MSP", "CommunityMSP"),
                                Market.offer(offerId, home)),
                TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        assertThat(catchThrowableOfType(
                        GatewayException.class, () -> evaluate(connection, Offers.READ_OFFER.fullName(), offerId)))
                .isNotNull();
    }

    @Test
    void anOrderEndorsedByTheDsoAndAThirdOrganisationWithoutTheAggregatorIsInvalid() throws Exception {
        String offerId = liveOffer();
        String order = orderOf(offerId);
        invalidAtCommit(
                dso().forged(
                                Orders.CREATE_ORDER.fullName(),
                                Instant.now(),
                                Map.of(),
                                List.of("DsoMSP", "CommunityMSP"),
                                order),
                TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        assertThat(evaluate(connection, Offers.READ_OFFER.fullName(), offerId)).contains("\"state\":\"OFFERED\"");
    }

    // ---- commitments are written once

    @Test
    void aCorrectedBaselineIsANewVersionAndTheFirstStaysAsItWas() throws Exception {
        String home = Market.home("Aggregator1MSP");
        for (char c : new char[] {'c', 'd'}) {
            Api.post("Aggregator1MSP")
                    .body(commitment(home, Market.DAY, hash(c)))
                    .post("/api/baselines")
                    .then()
                    .statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        }
        String versions = evaluate(
                aggregator1(), Baselines.LIST_BASELINE_VERSIONS.fullName(), home, Market.DAY.toString(), "10", "");
        assertThat(versions)
                .contains("\"version\":1", "\"version\":2", hash('c'), hash('d'))
                .containsSubsequence(hash('c'), hash('d'));
        assertThat(evaluate(connection, Baselines.READ_BASELINE.fullName(), home, Market.DAY.toString()))
                .contains("\"version\":2", hash('d'));
    }

    // ---- reach across organisations

    @Test
    void anotherOrganisationsAdminCannotSealADayNorReadAHome() {
        String home = Market.home("Aggregator1MSP");
        io.restassured.RestAssured.given()
                .baseUri(FlexStack.url(8090))
                .auth()
                .oauth2(Tokens.of("agg1-admin"))
                .post("/bridge/anchors/{day}", Market.DAY.toString())
                .then()
                .statusCode(403);
        io.restassured.RestAssured.given()
                .baseUri(FlexStack.url(8090))
                .auth()
                .oauth2(Tokens.of("agg2-trader"))
                .get("/bridge/readings/{day}/{asset}", Market.DAY.toString(), home)
                .then()
                .statusCode(403);
        io.restassured.RestAssured.given()
                .baseUri(FlexStack.url(8090))
                .auth()
                .oauth2(Tokens.of("community-admin"))
                .get("/bridge/readings/{day}/{asset}", Market.DAY.toString(), home)
                .then()
                .statusCode(403);
    }

    // ---- settlement: refused before the day is sealed; what the DSO's run or its operator key
    // could do wrong is named by the audit

    private static EvmSettlementChain chain() {
        return EvmSettlementChain.connect(EvmConfig.from(
                        name -> "flexledger.evm.rpc-url".equals(name) ? FlexStack.url(8545) : System.getProperty(name),
                        System.getenv())
                .withContractsFile(FlexStack.home().resolve("evm/contracts.json")));
    }

    private static String orderState(DeliveryDay.Home h) {
        return Api.as("DsoMSP")
                .get("/api/orders/{id}", h.orderId())
                .then()
                .statusCode(200)
                .extract()
                .path("state");
    }

    @Test
    void aDayIsNotSettledBeforeItIsSealedAndARerunAfterTheSealFinishesIt() throws Exception {
        Market.congestionPoints();
        DeliveryDay day = new DeliveryDay(DeliveryDay.freshDay());
        DeliveryDay.Home home = day.addHome("Aggregator1MSP", 1.0);
        day.orderAll();
        day.meterTheDay();
        day.reveal();

        FlexStack.Result early = FlexStack.flex(300, "settle", "--day", day.day.toString());
        assertThat(early.exit()).as(early.output()).isNotZero();
        assertThat(orderState(home)).isEqualTo("ACCEPTED");
        try (EvmSettlementChain evm = chain()) {
            assertThat(evm.anchoredRoot(day.day))
                    .as("no EVM anchor for an unsettled day")
                    .isEmpty();

            day.seal();
            FlexStack.Result rerun = FlexStack.flex(300, "settle", "--day", day.day.toString());
            assertThat(rerun.exit()).as(rerun.output()).isZero();
            assertThat(orderState(home)).isEqualTo("SETTLED");
            assertThat(evm.anchoredRoot(day.day)).isPresent();
        }
        FlexStack.Result audit = FlexStack.flex(300, "audit", "--period", day.day.toString());
        assertThat(audit.exit()).as(audit.output()).isZero();
        assertThat(audit.output()).contains("VERIFIED");
    }

    @Test
    void anUnsettledOrderAWrongPayoutAndAMissingBillingRowAreNamedByTheAudit() throws Exception {
        Market.congestionPoints();
        DeliveryDay day = new DeliveryDay(DeliveryDay.freshDay());
        DeliveryDay.Home full = day.addHome("Aggregator1MSP", 1.0);
        DeliveryDay.Home none = day.addHome("Aggregator1MSP", 0.0);
        DeliveryDay.Home other = day.addHome("Aggregator2MSP", 1.0);
        DeliveryDay.Home silent = day.addHome("Aggregator1MSP", 1.0);
        day.orderAll();
        // The silent home's meter never reports: its order cannot be settled.
        day.homes.remove(silent);
        day.meterTheDay();
        day.homes.add(silent);
        day.seal();
        day.reveal();

        // The DSO's EVM operator key pays first: ten times the net, to the other aggregator's
        // account; and a payout for a home that owes a penalty.
        try (EvmSettlementChain evm = chain()) {
            evm.payout(AggregatorAccounts.GANACHE_ACCOUNT_2, 400, EvmIds.settlementId(full.settlementId()));
            evm.payout(AggregatorAccounts.GANACHE_ACCOUNT_1, 500, EvmIds.settlementId(none.settlementId()));
        }
        FlexStack.Result settle = FlexStack.flex(300, "settle", "--day", day.day.toString());
        assertThat(settle.exit())
                .as("one order is left unsettled: " + settle.output())
                .isNotZero();
        assertThat(settle.output()).contains("left unsettled");
        // The billing copy of one settlement disappears.
        try (Connection db = DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + FlexStack.port(5433) + "/flexledger",
                        "flexledger",
                        "flexledger-demo");
                PreparedStatement delete =
                        db.prepareStatement("DELETE FROM billing.billing_settlement WHERE settlement_id = ?")) {
            delete.setString(1, other.settlementId());
            assertThat(delete.executeUpdate()).isEqualTo(1);
        }

        FlexStack.Result audit = FlexStack.flex(300, "audit", "--period", day.day.toString());
        assertThat(audit.exit()).as(audit.output()).isEqualTo(1);
        assertThat(audit.output())
                .contains("order " + silent.orderId() + ": accepted, never settled")
                .contains("payout of " + full.settlementId() + ": paid 400 cents")
                .contains("payout of " + full.settlementId() + ": paid to "
                        + AggregatorAccounts.GANACHE_ACCOUNT_2.value())
                .contains("payout of " + none.settlementId() + ": paid out 500 cents")
                .contains("billing row of " + other.settlementId() + ": missing")
                .contains("EVM anchor of " + day.day + ": no root anchored for the period")
                .contains("DISCREPANCIES FOUND");
        // The settled transactions themselves are found valid in the DSO peer's blocks, endorsed by
        // the DSO and the aggregator, and chained to the genesis block.
        assertThat(audit.output())
                .containsPattern("blocks +3 transaction\\(s\\) valid in their blocks, 6 endorsement signature\\(s\\)"
                        + " verified against the channel's MSP certificates, [0-9]+ block\\(s\\) hash-chained");
    }

    // ---- readings, disputes and events of a settled day

    /**
     * A fresh day with one Aggregator1 home that delivers {@code share} of its order: ordered, metered,
     * sealed by the DSO and its baseline revealed, ready to settle.
     */
    private static DeliveryDay sealedDay(double share) throws Exception {
        Market.congestionPoints();
        DeliveryDay day = new DeliveryDay(DeliveryDay.freshDay());
        day.addHome("Aggregator1MSP", share);
        day.orderAll();
        day.meterTheDay();
        day.seal();
        day.reveal();
        return day;
    }

    /** The bridge's readings of a home's day, with their Merkle proofs, as the DSO reads them. */
    private static io.restassured.path.json.JsonPath bridgeReadings(DeliveryDay day, DeliveryDay.Home h) {
        return io.restassured.RestAssured.given()
                .baseUri(DeliveryDay.BRIDGE)
                .auth()
                .oauth2(Tokens.of("dso-agent"))
                .get("/bridge/readings/{day}/{asset}", day.day.toString(), h.assetId())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void aReadingSignedWithAKeyTheLedgerNeverRegisteredCannotSettleAnOrder() throws Exception {
        // The DSO collects a penalty when a home delivers less: it settles the order itself, straight
        // through its peer's gateway, with one ordered slot's reading raised (no delivery) and signed
        // with a key of its own making, kept at the proof of the honest reading.
        DeliveryDay day = sealedDay(1.0);
        DeliveryDay.Home home = day.homes.get(0);
        KeyPair own = DeliveryDay.p256();
        List<Map<String, Object>> readings = bridgeReadings(day, home).getList("readings");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode input =
                json.createObjectNode().put("orderId", home.orderId());
        com.fasterxml.jackson.databind.node.ArrayNode sent = input.putArray("readings");
        for (Map<String, Object> r : readings) {
            int slot = ((Number) r.get("slot")).intValue();
            if (!DeliveryDay.SLOTS.contains(slot)) {
                continue;
            }
            com.fasterxml.jackson.databind.node.ObjectNode copy = sent.addObject();
            for (String f : List.of("deviceId", "assetId", "day", "slot", "netKwh", "sequence", "signature", "proof")) {
                copy.set(f, json.valueToTree(r.get(f)));
            }
            if (slot == DeliveryDay.SLOTS.get(0)) {
                SignedReading raised = SignedReading.sign(
                        new MeterReading(
                                home.meterId(),
                                home.assetId(),
                                day.day,
                                slot,
                                KilowattHours.of("0.750000"),
                                ((Number) r.get("sequence")).longValue()),
                        own.getPrivate());
                copy.put("netKwh", "0.750000").put("signature", raised.signatureBase64());
            }
        }
        assertThat(sent).hasSize(DeliveryDay.SLOTS.size());

        String refused = refusedAtEndorsement(dso().forged(
                        Settlements.SETTLE_ORDER.fullName(),
                        Instant.now(),
                        Map.of(),
                        List.of("DsoMSP", "Aggregator1MSP"),
                        json.writeValueAsString(input)));
        assertThat(refused).contains("READING_BAD_SIGNATURE").contains(home.meterId());
        assertThat(orderState(home)).isEqualTo("ACCEPTED");
    }

    @Test
    void aDisputeCannotBeResolvedOnFiguresItsOpenerNeverStatedNorByItsOpener() throws Exception {
        DeliveryDay day = sealedDay(0.0);
        DeliveryDay.Home none = day.homes.get(0);
        FlexStack.Result settle = FlexStack.flex(300, "settle", "--day", day.day.toString());
        assertThat(settle.exit()).as(settle.output()).isZero();
        // The aggregator disputes its penalty, claiming half was delivered (net 0.1000).
        String dispute = Market.uniqueId("d");
        Api.post("Aggregator1MSP")
                .body("""
                        {"id":"%s","settlementId":"%s","reason":"meter replaced","evidenceHash":"%s",
                         "claim":{"creditedKwh":"1","shortfallKwh":"1","netEur":"0.1000"}}""".formatted(dispute, none.settlementId(), hash('e')))
                .post("/api/disputes")
                .then()
                .statusCode(201);

        // The DSO, straight through its gateway, upholds it with an amount of its own.
        String withAmount = refusedAtEndorsement(dso().forged(
                        Disputes.RESOLVE_DISPUTE.fullName(),
                        Instant.now(),
                        Map.of(),
                        List.of("DsoMSP", "Aggregator1MSP"),
                        "{\"id\":\"%s\",\"outcome\":\"UPHELD\",\"adjustedNetEur\":\"-40\"}".formatted(dispute)));
        assertThat(withAmount).contains("DISPUTE_RESOLUTION_AMOUNT_NOT_ALLOWED");
        connection.close();
        connection = null;
        // The aggregator, straight through its own gateway, upholds its own claim.
        String ownClaim = refusedAtEndorsement(aggregator1()
                .forged(
                        Disputes.RESOLVE_DISPUTE.fullName(),
                        Instant.now(),
                        Map.of(),
                        List.of("DsoMSP", "Aggregator1MSP"),
                        "{\"id\":\"%s\",\"outcome\":\"UPHELD\"}".formatted(dispute)));
        assertThat(ownClaim).contains("DISPUTE_MSP_NOT_ALLOWED");

        io.restassured.path.json.JsonPath s = Api.as("DsoMSP")
                .get("/api/settlements/{id}", none.settlementId())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(s.getString("state")).isEqualTo("DISPUTED");
        assertThat(s.getString("netEur")).isEqualTo("-0.2000");
    }

    @Test
    void aProsumerAndAnotherAggregatorHearNoneOfASettlementsEvents() throws Exception {
        DeliveryDay day = sealedDay(1.0);
        DeliveryDay.Home home = day.homes.get(0);
        // Each listens on its own organisation's instance while the day is settled.
        try (EventStream dso = EventStream.open("dso-agent", "DsoMSP");
                EventStream aggregator = EventStream.open("aggregator1-agent", "Aggregator1MSP");
                EventStream prosumer = EventStream.open("agg1-prosumer", "Aggregator1MSP");
                EventStream competitor = EventStream.open("aggregator2-agent", "Aggregator2MSP");
                EventStream community = EventStream.open("community-prosumer", "CommunityMSP")) {
            FlexStack.Result settle = FlexStack.flex(300, "settle", "--day", day.day.toString());
            assertThat(settle.exit()).as(settle.output()).isZero();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> dso.mentions(home.settlementId()) && aggregator.mentions(home.settlementId()));
            // What reaches the parties has had time to reach everyone else too.
            Thread.sleep(3_000);
            assertThat(prosumer.mentions(home.settlementId()))
                    .as("the prosumer")
                    .isFalse();
            assertThat(competitor.mentions(home.settlementId()))
                    .as("the other aggregator")
                    .isFalse();
            assertThat(community.mentions(home.settlementId()))
                    .as("the community")
                    .isFalse();
        }
    }

    // ---- meter keys: the aggregator is paid for what its homes' meters measure

    /** A new home of Aggregator1 with a meter its aggregator registered (PROPOSED); returns the meter id. */
    private static String proposedMeter(String home, KeyPair keys) {
        String meter = "meter-" + home;
        DeliveryDay.registerMeter("Aggregator1MSP", home, meter, keys);
        return meter;
    }

    private static String approval(String meter, KeyPair keys) {
        return "{\"deviceId\":\"%s\",\"publicKeyBase64\":\"%s\"}".formatted(meter, DeliveryDay.publicKey(keys));
    }

    @Test
    void aMeterItsAggregatorRegisteredAloneCountsForNothingAndTheAggregatorCannotApproveIt() throws Exception {
        String home = Market.home("Aggregator1MSP");
        KeyPair keys = DeliveryDay.p256();
        String meter = proposedMeter(home, keys);
        Api.as("DsoMSP")
                .get("/api/devices/{id}", meter)
                .then()
                .statusCode(200)
                .body("state", equalTo("PROPOSED"))
                .body("aggregatorMsp", equalTo("Aggregator1MSP"));
        // Its readings are refused at the bridge: none of them can be anchored, hence settled.
        long refused = DeliveryDay.rejected("METER_NOT_APPROVED");
        Mqtt5BlockingClient c = DeliveryDay.mqtt(Market.uniqueId("it-unapproved"));
        try {
            LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
            DeliveryDay.publish(
                    c,
                    meter,
                    DeliveryDay.json(SignedReading.sign(
                            new MeterReading(meter, home, today, 0, KilowattHours.of("0.1"), 1), keys.getPrivate())));
        } finally {
            c.disconnect();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> DeliveryDay.rejected("METER_NOT_APPROVED") > refused);
        // The aggregator approving its own meter: through its own API, through the DSO's, and straight
        // at the peers with its own identity.
        Api.post("Aggregator1MSP")
                .body("{\"publicKeyBase64\":\"%s\"}".formatted(DeliveryDay.publicKey(keys)))
                .post("/api/devices/{id}/approval", meter)
                .then()
                .statusCode(403);
        Api.as("aggregator1-agent", "DsoMSP")
                .contentType("application/json")
                .header("Idempotency-Key", Market.uniqueId("k"))
                .body("{\"publicKeyBase64\":\"%s\"}".formatted(DeliveryDay.publicKey(keys)))
                .post("/api/devices/{id}/approval", meter)
                .then()
                .statusCode(403);
        String refusedByPeers = refusedAtEndorsement(aggregator1()
                .forged(Registry.APPROVE_METER.fullName(), Instant.now(), Map.of(), List.of(), approval(meter, keys)));
        assertThat(refusedByPeers).contains("METER_MSP_NOT_ALLOWED");
        assertThat(evaluate(connection, Registry.READ_DEVICE.fullName(), meter)).contains("\"state\":\"PROPOSED\"");
    }

    @Test
    void anAggregatorReplacingAMeterKeyAloneOnlyProposesItAndTheOldKeyStaysCurrent() throws Exception {
        String home = Market.home("Aggregator1MSP");
        KeyPair keys = DeliveryDay.p256();
        String meter = proposedMeter(home, keys);
        DeliveryDay.approveMeter(meter, keys).statusCode(201).body("keyVersion", equalTo(1));
        DeliveryDay.awaitDevice("Aggregator1MSP", meter, "keyVersion", 1);
        KeyPair replacement = DeliveryDay.p256();
        String newKey =
                "{\"keyAlgorithm\":\"EC\",\"publicKeyBase64\":\"%s\"}".formatted(DeliveryDay.publicKey(replacement));
        // The DSO does not propose keys.
        Api.post("DsoMSP")
                .body(newKey)
                .post("/api/devices/{id}/key", meter)
                .then()
                .statusCode(403);
        // The aggregator's key waits for the DSO's approval; the approved key stays the meter's.
        Api.post("Aggregator1MSP")
                .body(newKey)
                .post("/api/devices/{id}/key", meter)
                .then()
                .statusCode(201)
                .body("pendingKey.publicKeyBase64", equalTo(DeliveryDay.publicKey(replacement)));
        DeliveryDay.awaitDevice("DsoMSP", meter, "pendingKey.publicKeyBase64", DeliveryDay.publicKey(replacement));
        Api.as("DsoMSP")
                .get("/api/devices/{id}", meter)
                .then()
                .statusCode(200)
                .body("publicKeyBase64", equalTo(DeliveryDay.publicKey(keys)))
                .body("keyVersion", equalTo(1));
        // Endorsed by the aggregator and a third organisation without the DSO, a change of the meter's
        // record (here a proposal) is invalid: the device's key-level policy names both.
        DeliveryDay.awaitDevice(
                "CommunityMSP", meter, "pendingKey.publicKeyBase64", DeliveryDay.publicKey(replacement));
        invalidAtCommit(
                aggregator1()
                        .forged(
                                Registry.PROPOSE_METER_KEY.fullName(),
                                Instant.now(),
                                Map.of(),
                                List.of("Aggregator1MSP", "CommunityMSP"),
                                "{\"deviceId\":\"%s\",\"keyAlgorithm\":\"EC\",\"publicKeyBase64\":\"%s\"}"
                                        .formatted(meter, DeliveryDay.publicKey(DeliveryDay.p256()))),
                TxValidationCode.ENDORSEMENT_POLICY_FAILURE);
        // The aggregator cannot approve its own key either.
        assertThat(refusedAtEndorsement(connection.forged(
                        Registry.APPROVE_METER.fullName(),
                        Instant.now(),
                        Map.of(),
                        List.of(),
                        approval(meter, replacement))))
                .contains("METER_MSP_NOT_ALLOWED");
        assertThat(evaluate(connection, Registry.READ_DEVICE.fullName(), meter))
                .contains("\"keyVersion\":1", DeliveryDay.publicKey(replacement));
        // Once the DSO approves it, the new key is version 2 and the old one is kept with its end.
        DeliveryDay.approveMeter(meter, replacement)
                .statusCode(201)
                .body("keyVersion", equalTo(2))
                .body("publicKeyBase64", equalTo(DeliveryDay.publicKey(replacement)))
                .body("previousKeys[0].publicKeyBase64", equalTo(DeliveryDay.publicKey(keys)))
                .body("previousKeys[0].validUntil", notNullValue());
        // Every version is on the ledger: registered, approved, new key proposed, new key approved.
        DeliveryDay.awaitDevice("Aggregator1MSP", meter, "keyVersion", 2);
        Api.as("Aggregator1MSP")
                .get("/api/devices/{id}/history", meter)
                .then()
                .statusCode(200)
                .body("device.keyVersion", equalTo(2))
                .body("history.size()", equalTo(4))
                .body("history.value.state", hasItems("PROPOSED", "ACTIVE"))
                .body("history.value.keyVersion", hasItems(1, 2))
                .body("history.value.pendingKey.publicKeyBase64", hasItem(DeliveryDay.publicKey(replacement)));
    }

    @Test
    void aSecondMeterForAHomeWithAnApprovedMeterIsRefused() throws Exception {
        String home = Market.home("Aggregator1MSP");
        KeyPair keys = DeliveryDay.p256();
        String meter = proposedMeter(home, keys);
        DeliveryDay.approveMeter(meter, keys).statusCode(201);
        DeliveryDay.awaitDevice("Aggregator1MSP", meter, "state", "ACTIVE");
        Api.post("Aggregator1MSP")
                .body(DeliveryDay.meterBody(meter + "-b", home, DeliveryDay.p256()))
                .post("/api/devices")
                .then()
                .statusCode(409)
                .body("code", equalTo("METER_ACTIVE_EXISTS"));
    }
}
