package io.flexledger.settlement.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.client.MarketplaceClient;
import io.flexledger.client.reading.DayReadings;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.SettlementRecords.ProvenReading;
import io.flexledger.contract.codec.SettlementRecords.StoredSettlement;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.domain.participants.DeviceRegistration;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What settlement and audit read from and write to the ledger through one organisation's
 * marketplace-api (which answers from its own peer; settlement writes through the DSO's, which signs
 * with the DSO's Fabric identity), and the readings from the device bridge.
 */
public final class MarketLedger {
    private final MarketplaceClient api;
    private final MarketplaceClient privateApi;
    private final MarketplaceClient bridge;

    /**
     * @param api the DSO's marketplace-api with a token of the DSO (or an auditor)
     * @param bridge the device bridge with a token allowed to read readings
     */
    public MarketLedger(MarketplaceClient api, MarketplaceClient bridge) {
        this(api, api, bridge);
    }

    /**
     * @param api the marketplace-api whose peer gives the public records and the blocks
     * @param privateApi the marketplace-api whose peer holds the private data (settlement details,
     *     revealed baselines), which the audit checks against the public hashes read through {@code api}
     * @param bridge the device bridge with a token allowed to read readings
     */
    public MarketLedger(MarketplaceClient api, MarketplaceClient privateApi, MarketplaceClient bridge) {
        this.api = api;
        this.privateApi = privateApi;
        this.bridge = bridge;
    }

    /**
     * The community market endpoints of the instance the public records come from (the auditing
     * organisation's own: a community's private data are read through one of its organisations).
     */
    public io.flexledger.client.CommunityClient community() {
        return api.community();
    }

    /** Every order of a day, each with what it buys (read strictly by the ledger contract's codec). */
    public List<MarketRecords.StoredOrder> orders(LocalDate day) {
        return api.orderRecords(day);
    }

    /** The ids of every settlement of a day (each read in full by {@link #settlement}). */
    public List<String> settlementIds(LocalDate day) {
        return api.settlements(day).stream().map(s -> s.path("id").asText()).toList();
    }

    /** One offer (read strictly by the ledger contract's codec). */
    public FlexOffer offer(String id) {
        return api.offerRecord(id);
    }

    /** One order with what it buys (read strictly by the ledger contract's codec). */
    public MarketRecords.StoredOrder order(String id) {
        return api.orderRecord(id);
    }

    /** A settlement with its private details and where it was recorded. */
    public SettlementRecord settlement(String id) {
        MarketplaceClient.Answer pub = api.settlement(id);
        JsonNode details = privateApi.settlementDetails(id).body();
        return new SettlementRecord(
                LedgerRecords.fields(pub.body()),
                details.toString(),
                LedgerRecords.lines(details),
                pub.transactionId() != null
                        ? pub.transactionId()
                        : pub.body().path("txId").asText(),
                pub.blockNumber());
    }

    /** A dispute with every committed version of it, if the ledger has it. */
    public Optional<DisputeRecord> dispute(String id) {
        return api.dispute(id).map(LedgerRecords::dispute);
    }

    /** The public baseline commitment of a home's day. */
    public JsonNode baselineCommitment(LocalDate day, String assetId) {
        return api.baseline(day, assetId).body();
    }

    /** The revealed baseline values of a home's day (DSO and the home's aggregator only). */
    public JsonNode baselineValues(LocalDate day, String assetId) {
        return privateApi.baselineValues(day, assetId);
    }

    /** The reading anchor of a day and aggregator, if anchored. */
    public Optional<ReadingAnchor> anchor(LocalDate day, String aggregatorMsp) {
        return api.anchor(day, aggregatorMsp).map(a -> LedgerRecords.anchor(a.body()));
    }

    /** The devices registered for a home, each with its state and every key it had. */
    public List<DeviceRegistration> devices(String assetId) {
        return api.assetDevices(assetId);
    }

    /** The ids of a home's meters. */
    public List<String> meters(String assetId) {
        return devices(assetId).stream()
                .filter(d -> d.device().kind() == DeviceKind.METER)
                .map(DeviceRegistration::id)
                .toList();
    }

    /**
     * The bridge's readings of a home's day with their Merkle proofs, read strictly: an answer that is not
     * well-formed, or holds a reading of another home or day, is refused ({@link
     * io.flexledger.contract.codec.InputRefusal} naming the JSON path).
     */
    public DayReadings readings(LocalDate day, String assetId) {
        DayReadings d = DayReadings.read(
                bridge.get("/bridge/readings/" + day + "/" + enc(assetId)).toString());
        if (!d.day().equals(day) || !d.assetId().equals(assetId)) {
            throw new IllegalStateException("the bridge answered with the readings of " + d.assetId() + " on " + d.day()
                    + " when asked for " + assetId + " on " + day);
        }
        return d;
    }

    /**
     * Block {@code number} as the instance's own peer stores it (a serialized Fabric {@code
     * common.Block}).
     */
    public byte[] block(long number) {
        return api.block(number);
    }

    /**
     * Where transaction {@code txId} was committed, as the instance's peer says: {@code {txId,
     * blockNumber, validationCode}}; empty if the peer does not know it.
     */
    public Optional<JsonNode> transaction(String txId) {
        return api.transaction(txId);
    }

    /** The instance's peer's chain: {@code {height, currentBlockHash, previousBlockHash}} (hex). */
    public JsonNode chainInfo() {
        return api.chainInfo();
    }

    /**
     * Settles order {@code orderId} with the home's readings and their proofs, one per ordered slot; the API
     * has it endorsed by the DSO and the aggregator. Returns the settlement's public record as the ledger
     * wrote it, read strictly by the ledger contract's codec.
     */
    public StoredSettlement settle(String orderId, List<ProvenReading> readings, String idempotencyKey) {
        JsonNode body = api.settleOrder(orderId, readings, idempotencyKey, Duration.ofSeconds(60))
                .body();
        return StoredSettlement.read(MarketRecords.stored(body.toString()));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
