package io.flexledger.marketplaceapi.api;

import static io.flexledger.marketplaceapi.api.OfferSuccessPathsTest.offer;
import static io.flexledger.marketplaceapi.api.OfferSuccessPathsTest.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.contract.codec.SettlementRecords.ProvenReading;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.market.BaselineCommitment;
import io.flexledger.domain.market.BaselineState;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.domain.settlement.DisputeOutcome;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.marketplaceapi.ledger.InMemoryLedger;
import io.flexledger.marketplaceapi.ledger.InMemoryLedgerProfile;
import io.flexledger.marketplaceapi.ledger.InMemoryRegistry;
import io.flexledger.marketplaceapi.ledger.InMemorySettlements;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DSO settles an accepted order through the whole API, with the ledger in memory: Aggregator1's home
 * with its approved meter, its offer of two slots and its revealed baseline, the DSO's anchor of the
 * meter's signed readings and the order are seeded; the settlement is computed by the settlement rule from
 * the proven readings, and disputed by one party and resolved by the other.
 */
@QuarkusTest
@TestProfile(InMemoryLedgerProfile.Dso.class)
@TestSecurity(user = "dso-operator", roles = "dso", attributes = @SecurityAttribute(key = "msp", value = "DsoMSP"))
class SettlementSuccessPathsTest {
    private static final LocalDate DAY = LocalDate.parse("2030-06-01");
    private static final String HOME = "home-001";
    private static final String SALT = "00112233445566778899aabbccddeeff";
    private static final KeyPair METER_KEY = ecKeyPair();
    private static final KeyPair OTHER_KEY = ecKeyPair();

    @Inject
    InMemoryLedger ledger;

    @Inject
    InMemoryRegistry registry;

    @Inject
    InMemorySettlements settlements;

    /** The meter's readings of slots 67..70 (the order covers 68 and 69), each 0.25 kWh imported. */
    private List<SignedReading> leaves;

    private MerkleTree tree;

    @BeforeEach
    void anAcceptedOrderWithItsBaselineAndAnchoredReadings() {
        ledger.clear();
        registry.clear();
        settlements.clear();
        registry.as("DsoMSP").registerCongestionPoint("seed-tx1", InMemoryRegistry.transformer("TX1", "500"));
        registry.seedAsset("Aggregator1MSP", HOME, "TX1");
        String key = Base64.getEncoder().encodeToString(METER_KEY.getPublic().getEncoded());
        registry.as("Aggregator1MSP")
                .registerDevice("seed-meter", new Device("meter-1", HOME, DeviceKind.METER, "EC", key));
        registry.as("DsoMSP").approveMeter("seed-approval", "meter-1", key);

        // Offer o-1: 2.0 kW in slot 68 and 2.5 kW in slot 69 at 0.21 EUR/kWh.
        ledger.as("Aggregator1MSP")
                .createOffer("seed-offer", InMemoryLedger.offerInput(offer("o-1"), "Aggregator1MSP"));
        // A baseline of 3 kW (0.75 kWh) in every slot, committed and revealed before the day.
        MarketPeriod period = MarketRecords.RULES.period(DAY);
        Baseline baseline =
                new Baseline(HOME, period, new ArrayList<>(Collections.nCopies(period.slotCount(), Kilowatts.of("3"))));
        var aggregator = settlements.as("Aggregator1MSP");
        aggregator.commitBaseline(
                "seed-commit",
                new BaselineCommitment(
                        HOME,
                        "Aggregator1MSP",
                        period,
                        baseline.commitmentHash(SALT),
                        Instant.now(),
                        BaselineState.COMMITTED));
        aggregator.revealBaseline("seed-reveal", new MarketRecords.Reveal(baseline, SALT));

        leaves = new ArrayList<>();
        for (int slot = 67; slot <= 70; slot++) {
            leaves.add(SignedReading.sign(
                    new MeterReading("meter-1", HOME, DAY, slot, KilowattHours.of("0.25"), 100 + slot),
                    METER_KEY.getPrivate()));
        }
        tree = MerkleTree.of(leaves.stream().map(SignedReading::leafHash).toList());
        settlements
                .as("DsoMSP")
                .anchorReadings("seed-anchor", new ReadingAnchor(DAY, "Aggregator1MSP", tree.rootHex(), leaves.size()));

        post("/api/orders", "k-order", "{\"id\":\"ord-1\",\"offerId\":\"o-1\",\"activation\":1}")
                .statusCode(201)
                .body("state", equalTo("ACCEPTED"));
    }

    /** The settle request of order {@code orderId} with the anchored readings of leaves {@code indexes}. */
    private String settle(String orderId, int... indexes) {
        List<ProvenReading> readings = new ArrayList<>();
        for (int i : indexes) {
            readings.add(new ProvenReading(leaves.get(i), tree.proof(i)));
        }
        return CanonicalJson.write(SettlementRecords.settleInput(orderId, readings));
    }

    @Test
    void anAcceptedOrderIsSettledFromItsProvenReadingsAndRead() {
        // Slot 68: 0.75 - 0.25 = 0.5 kWh delivered of 0.5 ordered; slot 69: 0.5 of 0.625, 0.125 short.
        String written = post("/api/settlements", "k-settle", settle("ord-1", 1, 2))
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/settlements/stl-ord-1"))
                .body("id", equalTo("stl-ord-1"))
                .body("state", equalTo("SETTLED"))
                .body("aggregatorMsp", equalTo("Aggregator1MSP"))
                .body("creditedKwh", equalTo("1.000000"))
                .body("shortfallKwh", equalTo("0.125000"))
                .body("paymentEur", equalTo("0.2100"))
                // 0.125 kWh x 0.21 EUR/kWh x 0.5 = 0.013125, rounded half-even to 0.0131.
                .body("penaltyEur", equalTo("0.0131"))
                .body("netEur", equalTo("0.1969"))
                .body("anchorRootHex", equalTo(tree.rootHex()))
                .extract()
                .asString();

        // The record read is the record written, text for text.
        String read = given().when()
                .get("/api/settlements/stl-ord-1")
                .then()
                .statusCode(200)
                .header(LedgerResponses.TX_HEADER, org.hamcrest.Matchers.notNullValue())
                .body("netEur", equalTo("0.1969"))
                .extract()
                .asString();
        org.assertj.core.api.Assertions.assertThat(read).isEqualTo(written);
        String details = given().when()
                .get("/api/settlements/stl-ord-1/details")
                .then()
                .statusCode(200)
                .header(LedgerResponses.TX_HEADER, nullValue())
                .body("lines", hasSize(2))
                .body("lines.slot", contains(68, 69))
                .body("lines.shortfallKwh", contains("0.000000", "0.125000"))
                .body("lines.sequence", contains(168, 169))
                .extract()
                .asString();
        // The lines answered are the very text the public record's detailsHash commits to.
        given().when()
                .get("/api/settlements/stl-ord-1")
                .then()
                .body("detailsHash", equalTo(Baseline.sha256Hex(details)));
        given().when()
                .get("/api/settlements?day=2030-06-01&state=settled")
                .then()
                .statusCode(200)
                .body("records.id", contains("stl-ord-1"));
        // The state filter keeps only the settlements in that state.
        given().when()
                .get("/api/settlements?day=2030-06-01&state=disputed")
                .then()
                .statusCode(200)
                .body("records", hasSize(0));
        given().when()
                .get("/api/settlements?day=2030-06-02")
                .then()
                .statusCode(200)
                .body("records", hasSize(0));
        given().when().get("/api/orders/ord-1").then().statusCode(200).body("state", equalTo("SETTLED"));
        // The same request under the same key answers the first settlement.
        post("/api/settlements", "k-settle", settle("ord-1", 1, 2))
                .statusCode(201)
                .header(LedgerResponses.REPLAYED_HEADER, "true")
                .body("id", equalTo("stl-ord-1"));
    }

    @Test
    void anOrderIsSettledOnceEvenWithOtherReadings() {
        post("/api/settlements", "k-first", settle("ord-1", 1, 2)).statusCode(201);
        // A second settlement, the more favourable readings presented in another order, is refused.
        post("/api/settlements", "k-second", settle("ord-1", 2, 1))
                .statusCode(409)
                .body("code", equalTo("ORDER_NOT_SETTLEABLE"));
    }

    @Test
    void readingsThatDoNotProveTheOrderedSlotsAreRefused() {
        // A reading of a slot the order does not cover (67) in place of slot 68.
        post("/api/settlements", "k-slot", settle("ord-1", 0, 2))
                .statusCode(400)
                .body("code", equalTo("READING_OUT_OF_ORDER_SLOT"));
        // One ordered slot without its reading.
        post("/api/settlements", "k-missing", settle("ord-1", 1))
                .statusCode(400)
                .body("code", equalTo("READING_SLOT_MISSING"));
        // A reading whose energy was lowered after the meter signed it.
        String tampered = settle("ord-1", 1, 2).replaceFirst("\"netKwh\":\"0.250000\"", "\"netKwh\":\"0.000000\"");
        post("/api/settlements", "k-tampered", tampered).statusCode(400).body("code", equalTo("READING_BAD_SIGNATURE"));
        // Readings signed by a key that is not the meter's, anchored under their own root.
        List<SignedReading> forged = new ArrayList<>();
        for (int slot = 68; slot <= 69; slot++) {
            forged.add(SignedReading.sign(
                    new MeterReading("meter-1", HOME, DAY, slot, KilowattHours.of("0"), 500 + slot),
                    OTHER_KEY.getPrivate()));
        }
        MerkleTree forgedTree =
                MerkleTree.of(forged.stream().map(SignedReading::leafHash).toList());
        String forgedBody = CanonicalJson.write(SettlementRecords.settleInput(
                "ord-1",
                List.of(
                        new ProvenReading(forged.get(0), forgedTree.proof(0)),
                        new ProvenReading(forged.get(1), forgedTree.proof(1)))));
        post("/api/settlements", "k-forged", forgedBody).statusCode(400).body("code", equalTo("READING_BAD_SIGNATURE"));
        given().when().get("/api/settlements/stl-ord-1").then().statusCode(404);
        given().when().get("/api/orders/ord-1").then().statusCode(200).body("state", equalTo("ACCEPTED"));
    }

    private static final String DISPUTE = """
            {"id":"d-1","settlementId":"stl-ord-1","reason":"the meter was replaced","evidenceHash":"%s",
             "claim":{"creditedKwh":"1.125","shortfallKwh":"0","netEur":"0.2362"}}""".formatted("ab".repeat(32));

    @Test
    void theDsosDisputeIsResolvedByTheAggregatorOnly() {
        post("/api/settlements", "k-settle", settle("ord-1", 1, 2)).statusCode(201);
        io.restassured.response.Response opened = post("/api/disputes", "k-d1", DISPUTE)
                .statusCode(201)
                .body("id", equalTo("d-1"))
                .body("state", equalTo("OPEN"))
                .body("openedBy", equalTo("DsoMSP"))
                .extract()
                .response();
        given().when()
                .get("/api/settlements/stl-ord-1")
                .then()
                .statusCode(200)
                .body("state", equalTo("DISPUTED"))
                .body("disputeId", equalTo("d-1"));
        // The opener does not decide its own dispute.
        post("/api/disputes/d-1/resolution", "k-self", "{\"outcome\":\"UPHELD\"}")
                .statusCode(403)
                .body("code", equalTo("DISPUTE_MSP_NOT_ALLOWED"));
        // A disputed settlement is not disputed again.
        post("/api/disputes", "k-d2", DISPUTE.replace("\"d-1\"", "\"d-2\""))
                .statusCode(409)
                .body("code", equalTo("SETTLEMENT_STATE_INVALID"));

        io.flexledger.marketplaceapi.ledger.LedgerReceipt resolved = settlements
                .as("Aggregator1MSP")
                .resolveDispute("k-agg", "d-1", DisputeOutcome.REJECTED, "readings hold");
        String resolvedJson = new String(resolved.payload(), java.nio.charset.StandardCharsets.UTF_8);
        String openTx = opened.header(LedgerResponses.TX_HEADER);
        // The dispute as its last transaction wrote it, and every version newest first, each as written.
        given().when()
                .get("/api/disputes/d-1")
                .then()
                .statusCode(200)
                .header(LedgerResponses.TX_HEADER, resolved.transactionId())
                .body("dispute.state", equalTo("RESOLVED"))
                .body("dispute.outcome", equalTo("REJECTED"))
                .body("dispute.resolvedBy", equalTo("Aggregator1MSP"))
                .body("history.value.state", contains("RESOLVED", "OPEN"))
                .body(equalTo("{\"dispute\":" + resolvedJson + ",\"history\":[{\"isDelete\":false,"
                        + "\"timestamp\":\"1970-01-01T00:00:00Z\",\"txId\":\"" + resolved.transactionId()
                        + "\",\"value\":" + resolvedJson
                        + "},{\"isDelete\":false,\"timestamp\":\"1970-01-01T00:00:00Z\","
                        + "\"txId\":\"" + openTx + "\",\"value\":" + opened.asString() + "}]}"));
        given().when()
                .get("/api/settlements/stl-ord-1")
                .then()
                .statusCode(200)
                .body("state", equalTo("RESOLVED"))
                .body("netEur", equalTo("0.1969"))
                .body("originalNetEur", nullValue());
    }

    @Test
    void anUpheldDisputeAppliesTheOpenersFiguresExactly() {
        post("/api/settlements", "k-settle", settle("ord-1", 1, 2)).statusCode(201);
        settlements
                .as("Aggregator1MSP")
                .openDispute("k-agg", SettlementRecords.dispute(MarketRecords.stored(DISPUTE), "Aggregator1MSP"));

        post("/api/disputes/d-1/resolution", "k-uphold", "{\"outcome\":\"UPHELD\",\"note\":\"agreed\"}")
                .statusCode(201)
                .body("state", equalTo("RESOLVED"))
                .body("outcome", equalTo("UPHELD"))
                .body("resolvedBy", equalTo("DsoMSP"));
        given().when()
                .get("/api/settlements/stl-ord-1")
                .then()
                .statusCode(200)
                .body("state", equalTo("RESOLVED"))
                .body("netEur", equalTo("0.2362"))
                .body("originalNetEur", equalTo("0.1969"))
                .body("disputeOutcome", equalTo("UPHELD"));
        given().when()
                .get("/api/settlements?day=2030-06-01&state=resolved")
                .then()
                .statusCode(200)
                .body("records.netEur", contains("0.2362"))
                .body("records.updatedAt", contains(org.hamcrest.Matchers.notNullValue()));
        given().when()
                .get("/api/settlements?day=2030-06-01&state=settled")
                .then()
                .statusCode(200)
                .body("records", hasSize(0));
        // A resolved dispute is not resolved again.
        post("/api/disputes/d-1/resolution", "k-again", "{\"outcome\":\"REJECTED\"}")
                .statusCode(409)
                .body("code", equalTo("DISPUTE_NOT_OPEN"));
    }

    @Test
    void aClaimBeyondWhatTheOrderCanBeWorthIsRefused() {
        post("/api/settlements", "k-settle", settle("ord-1", 1, 2)).statusCode(201);
        // More energy credited than was ever ordered (1.125 kWh).
        post("/api/disputes", "k-big", DISPUTE.replace("\"1.125\"", "\"9\"").replace("\"0.2362\"", "\"1.89\""))
                .statusCode(400)
                .body("code", equalTo("DISPUTE_CLAIM_OUT_OF_BOUNDS"));
        // Figures that do not follow from each other by the settlement rule.
        post("/api/disputes", "k-odd", DISPUTE.replace("\"0.2362\"", "\"0.2000\""))
                .statusCode(400)
                .body("code", equalTo("DISPUTE_CLAIM_INVALID"));
        given().when().get("/api/settlements/stl-ord-1").then().statusCode(200).body("state", equalTo("SETTLED"));
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
