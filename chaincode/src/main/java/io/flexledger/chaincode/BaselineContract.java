package io.flexledger.chaincode;

import static io.flexledger.chaincode.failures.Failures.fail;

import io.flexledger.chaincode.codec.JsonInput;
import io.flexledger.chaincode.codec.MarketJson;
import io.flexledger.chaincode.codec.RegistryJson;
import io.flexledger.chaincode.support.Caller;
import io.flexledger.chaincode.support.Keys;
import io.flexledger.chaincode.support.Ledger;
import io.flexledger.chaincode.support.PrivateCollections;
import io.flexledger.chaincode.support.UftpMessages;
import io.flexledger.chaincode.support.UftpPrognosis;
import io.flexledger.contract.Baselines;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.domain.market.BaselineCommitment;
import io.flexledger.domain.market.BaselineState;
import io.flexledger.domain.market.PrognosisRule;
import io.flexledger.domain.participants.Asset;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.time.MarketRules;
import io.flexledger.domain.units.Kilowatts;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Baselines (D-prognoses) by commit and reveal: before gate closure the home's aggregator commits the
 * SHA-256 of the baseline's canonical text (values and a salt); later it reveals values and salt in a
 * transient field, the chaincode checks that they hash to the commitment and keeps the values in the
 * private collection the aggregator shares with the DSO.
 */
@Contract(
        name = Baselines.CONTRACT,
        info = @Info(title = "FlexLedger baselines", description = "Commit and reveal of D-prognoses", version = "1"))
public final class BaselineContract implements MarketContract {
    /**
     * Commits the hash of a home's baseline before the day's gate closes. A commitment is written once:
     * committing again before gate closure adds a new version (1, 2, ...), each kept under its own key
     * and never changed; the day's record names the last version, which is the one revealed and settled
     * against. Every version needs the endorsement of the aggregator's and the DSO's peers (the DSO's
     * countersignature), so the DSO's peer checks gate closure against its own clock.
     */
    @Transaction(name = Baselines.Names.COMMIT_BASELINE, intent = Transaction.TYPE.SUBMIT)
    public String commitBaseline(Context ctx, String commitmentJson) {
        String caller = Caller.requireAggregator(ctx, ErrorCode.BASELINE_MSP_NOT_ALLOWED, "commit baselines");
        Ledger ledger = new Ledger(ctx);
        BaselineCommitment c = MarketJson.commitment(
                JsonInput.parse(commitmentJson).onlyFields(MarketJson.COMMIT_INPUT), caller, ledger.now());
        requireOwnAsset(ledger, c.assetId(), caller);
        // Commitments are made before the day's gate closes (transaction time, checked by each endorser's clock).
        if (!c.period().isOpenAt(ledger.now())) {
            throw fail(
                    ErrorCode.BASELINE_GATE_CLOSED,
                    "gate closure for %s was at %s; transaction time is %s",
                    c.period().day(),
                    c.period().gateClosure(),
                    ledger.now());
        }
        String day = c.period().day().toString();
        String key = ledger.key(Keys.BASELINE, day, c.assetId());
        int version = 1;
        Optional<String> stored = ledger.get(key);
        if (stored.isPresent()) {
            BaselineCommitment existing = MarketJson.storedCommitment(JsonInput.parse(stored.get()));
            // A revealed baseline is final.
            if (existing.state() == BaselineState.REVEALED) {
                throw fail(
                        ErrorCode.BASELINE_ALREADY_REVEALED,
                        "the baseline of %s for %s is already revealed",
                        c.assetId(),
                        c.period().day());
            }
            version = MarketJson.commitmentVersion(JsonInput.parse(stored.get())) + 1;
        }
        String versionTag = Keys.version(version);
        String versionKey = ledger.key(Keys.BASELINE_VERSION, day, c.assetId(), versionTag);
        // A commitment version is written once, never replaced.
        if (ledger.exists(versionKey)) {
            throw fail(
                    ErrorCode.BASELINE_VERSION_EXISTS,
                    "version %d of the baseline of %s for %s exists",
                    version,
                    c.assetId(),
                    day);
        }
        Map<String, Object> record = MarketJson.commitment(c, ledger.txId(), version);
        String json = ledger.put(key, record);
        ledger.put(versionKey, record);
        // Any later change of the day's record (the reveal) needs both parties' peers; versions never change.
        ledger.requireEndorsers(key, caller, Organisation.DSO_MSP);
        ledger.requireEndorsers(versionKey, caller, Organisation.DSO_MSP);
        ledger.countersignByDso(caller, Keys.BASELINE_VERSION, List.of(day, c.assetId(), versionTag), json);
        ledger.emit("BaselineCommitted", record);
        return json;
    }

    /** Every committed version of a home's baseline for a day, oldest first. */
    @Transaction(name = Baselines.Names.LIST_BASELINE_VERSIONS, intent = Transaction.TYPE.EVALUATE)
    public String listBaselineVersions(Context ctx, String assetId, String day, int pageSize, String bookmark) {
        return new Ledger(ctx)
                .page(Keys.BASELINE_VERSION, List.of(day(day), assetId), pageSize, bookmark, json -> json);
    }

    /**
     * Reveals a committed baseline: transient field {@code baseline} holds
     * {@code {assetId, day, kwBySlot:[…one per slot…], salt}}; the hash must match the commitment.
     */
    @Transaction(name = Baselines.Names.REVEAL_BASELINE, intent = Transaction.TYPE.SUBMIT)
    public String revealBaseline(Context ctx) {
        String caller = Caller.requireAggregator(ctx, ErrorCode.BASELINE_MSP_NOT_ALLOWED, "reveal baselines");
        Ledger ledger = new Ledger(ctx);
        String revealJson = ledger.transientField(Baselines.BASELINE_TRANSIENT)
                .orElseThrow(() -> fail(
                        ErrorCode.PRIVATE_DATA_INVALID,
                        "the baseline is required in the transient field '%s'",
                        Baselines.BASELINE_TRANSIENT));
        MarketRecords.Reveal reveal =
                MarketJson.reveal(JsonInput.parse(revealJson).onlyFields(MarketJson.REVEAL_INPUT));
        String day = reveal.baseline().period().day().toString();
        String key = ledger.key(Keys.BASELINE, day, reveal.baseline().assetId());
        BaselineCommitment c = ledger.read(key, MarketJson::storedCommitment)
                .orElseThrow(() -> fail(
                        ErrorCode.BASELINE_NOT_FOUND,
                        "no baseline of %s committed for %s",
                        reveal.baseline().assetId(),
                        day));
        // Only the committing aggregator reveals.
        if (!c.aggregatorMsp().equals(caller)) {
            throw fail(
                    ErrorCode.BASELINE_MSP_NOT_ALLOWED,
                    "the baseline of %s was committed by %s (caller %s)",
                    c.assetId(),
                    c.aggregatorMsp(),
                    caller);
        }
        // A baseline is revealed once.
        if (c.state() == BaselineState.REVEALED) {
            throw fail(
                    ErrorCode.BASELINE_ALREADY_REVEALED,
                    "the baseline of %s for %s is already revealed",
                    c.assetId(),
                    day);
        }
        // The revealed values and salt hash to what was committed.
        if (!c.matches(reveal.baseline(), reveal.salt())) {
            throw fail(
                    ErrorCode.BASELINE_HASH_MISMATCH,
                    "the revealed baseline hashes to %s, the commitment is %s",
                    reveal.baseline().commitmentHash(reveal.salt()),
                    c.hashHex());
        }
        ledger.putPrivate(PrivateCollections.forAggregator(caller), key, MarketRecords.revealInput(reveal));
        Map<String, Object> record = MarketRecords.commitment(new MarketRecords.StoredCommitment(
                c.withState(BaselineState.REVEALED),
                ledger.txId(),
                MarketJson.commitmentVersion(JsonInput.parse(ledger.get(key).orElseThrow())),
                ledger.now()));
        String json = ledger.put(key, record);
        ledger.emit("BaselineRevealed", record);
        return json;
    }

    /** Reads a home's public baseline commitment for a day. */
    @Transaction(name = Baselines.Names.READ_BASELINE, intent = Transaction.TYPE.EVALUATE)
    public String readBaseline(Context ctx, String assetId, String day) {
        Ledger ledger = new Ledger(ctx);
        return ledger.get(ledger.key(Keys.BASELINE, day(day), assetId))
                .orElseThrow(
                        () -> fail(ErrorCode.BASELINE_NOT_FOUND, "no baseline of %s committed for %s", assetId, day));
    }

    /** Reads a revealed baseline's values: only the home's aggregator and the DSO. */
    @Transaction(name = Baselines.Names.READ_BASELINE_VALUES, intent = Transaction.TYPE.EVALUATE)
    public String readBaselineValues(Context ctx, String assetId, String day) {
        String caller = Caller.msp(ctx);
        Ledger ledger = new Ledger(ctx);
        String key = ledger.key(Keys.BASELINE, day(day), assetId);
        BaselineCommitment c = ledger.read(key, MarketJson::storedCommitment)
                .orElseThrow(
                        () -> fail(ErrorCode.BASELINE_NOT_FOUND, "no baseline of %s committed for %s", assetId, day));
        // Baseline values are for the home's aggregator and the DSO only.
        if (!caller.equals(c.aggregatorMsp()) && !Organisation.isDso(caller)) {
            throw fail(
                    ErrorCode.BASELINE_MSP_NOT_ALLOWED,
                    "only %s and the DSO may read this baseline (caller %s)",
                    c.aggregatorMsp(),
                    caller);
        }
        return ledger.getPrivate(PrivateCollections.forAggregator(c.aggregatorMsp()), key)
                .orElseThrow(() ->
                        fail(ErrorCode.BASELINE_NOT_FOUND, "the baseline of %s for %s is not revealed", assetId, day));
    }

    /** Lists the commitments of a day, one page at a time. */
    @Transaction(name = Baselines.Names.LIST_BASELINES, intent = Transaction.TYPE.EVALUATE)
    public String listBaselines(Context ctx, String day, int pageSize, String bookmark) {
        return new Ledger(ctx).page(Keys.BASELINE, List.of(day(day)), pageSize, bookmark, json -> json);
    }

    /** The fields of {@link #recordPrognosis}'s input. */
    public static final java.util.Set<String> PROGNOSIS_INPUT = java.util.Set.of("congestionPointId", "day");

    /**
     * Records the caller's D-Prognosis of a congestion point where it has several homes ({@code
     * {congestionPointId, day}}, the signed message as the transient field {@code uftpMessage}). The
     * ledger's baselines are per home, UFTP's prognosis per congestion point: the prognosis stands when
     * it is exactly what the aggregator has committed and revealed home by home. Both endorsers check,
     * from the signed XML itself, that its Period and CongestionPoint are the input's, that the day's gate
     * has not closed, that every home of the caller at the congestion point has a revealed baseline for
     * the day (whose stored values hash to its commitment), and that every ISP of the day is given once
     * with a Power (W) equal to the sum of those homes' kW times 1000 (baselines have 3 decimals, so the
     * sum is exact: no tolerance). Only the caller's own homes count. Once per aggregator, congestion point
     * and day: the first is final ({@code PROGNOSIS_EXISTS}).
     */
    @Transaction(name = Baselines.Names.RECORD_PROGNOSIS, intent = Transaction.TYPE.SUBMIT)
    public String recordPrognosis(Context ctx, String prognosisJson) {
        String caller = Caller.requireAggregator(ctx, ErrorCode.BASELINE_MSP_NOT_ALLOWED, "record D-Prognoses");
        Ledger ledger = new Ledger(ctx);
        JsonInput in = JsonInput.parse(prognosisJson).onlyFields(PROGNOSIS_INPUT);
        String cp = in.string("congestionPointId");
        String dayText = in.string("day");
        in.done();
        String day = day(dayText);
        UftpMessages.Inbound message = UftpMessages.carried(ctx)
                .orElseThrow(() -> fail(
                        ErrorCode.MALFORMED_INPUT,
                        "$: the transient field %s holds the signed D-Prognosis",
                        UftpMessages.TRANSIENT_FIELD));
        UftpPrognosis.Figures figures = UftpPrognosis.read(message.xml());
        String address = figures.congestionPoint();
        // The record is of the day and congestion point the signed message names.
        if (!day.equals(figures.period().toString())
                || address == null
                || !address.startsWith("ea1.")
                || !address.substring(address.indexOf(':') + 1).equals(cp)
                || address.indexOf(':') < 0) {
            throw fail(
                    ErrorCode.INVALID_FIELD,
                    "$: the signed D-Prognosis is of %s at %s, not of %s at %s",
                    figures.period(),
                    address,
                    day,
                    cp);
        }
        // A prognosis is of a registered congestion point.
        if (!ledger.exists(ledger.key(Keys.CONGESTION_POINT, cp))) {
            throw fail(ErrorCode.CONGESTION_POINT_NOT_FOUND, "$.congestionPointId: %s is not registered", cp);
        }
        MarketPeriod period = MarketRules.DEFAULT.period(figures.period());
        // A prognosis comes before the day's gate closes (transaction time, checked by each endorser's clock).
        if (!period.isOpenAt(ledger.now())) {
            throw fail(
                    ErrorCode.BASELINE_GATE_CLOSED,
                    "gate closure for %s was at %s; transaction time is %s",
                    day,
                    period.gateClosure(),
                    ledger.now());
        }
        String key = ledger.key(Keys.UFTP_PROGNOSIS, day, cp, caller);
        // The first D-Prognosis of an aggregator's congestion point and day is final.
        Optional<String> first = ledger.get(key);
        if (first.isPresent()) {
            throw fail(
                    ErrorCode.PROGNOSIS_EXISTS,
                    "%s's D-Prognosis of %s for %s is recorded already (message %s)",
                    caller,
                    cp,
                    day,
                    JsonInput.parse(first.get()).string("messageId"));
        }
        // Every ISP of the day, once.
        int slots = period.slotCount();
        if (figures.wattsBySlot().size() != slots
                || figures.wattsBySlot().keySet().stream().anyMatch(n -> n >= slots)) {
            throw fail(
                    ErrorCode.INVALID_FIELD,
                    "$: a D-Prognosis gives each of the %d ISPs of %s once, not %d",
                    slots,
                    day,
                    figures.wattsBySlot().size());
        }
        List<String> homes = new java.util.ArrayList<>();
        for (String index : ledger.allInSubmission(Keys.ASSET_BY_AGGREGATOR, List.of(caller))) {
            String assetKey = JsonInput.parse(index).string("key");
            ledger.read(assetKey, a -> RegistryJson.asset(a, null))
                    .filter(a -> cp.equals(a.congestionPointId()))
                    .ifPresent(a -> homes.add(a.id()));
        }
        if (homes.isEmpty()) {
            throw fail(ErrorCode.PROGNOSIS_BASELINE_MISSING, "%s has no home at congestion point %s", caller, cp);
        }
        List<List<Kilowatts>> revealed = new java.util.ArrayList<>();
        List<Object> baselines = new java.util.ArrayList<>();
        for (String home : homes) {
            String baselineKey = ledger.key(Keys.BASELINE, day, home);
            BaselineCommitment c = ledger.read(baselineKey, MarketJson::storedCommitment)
                    .filter(x -> x.state() == BaselineState.REVEALED)
                    .orElseThrow(() -> fail(
                            ErrorCode.PROGNOSIS_BASELINE_MISSING,
                            "home %s of %s at %s has no revealed baseline for %s (POST /api/baselines)",
                            home,
                            caller,
                            cp,
                            day));
            MarketRecords.Reveal values = ledger.getPrivate(PrivateCollections.forAggregator(caller), baselineKey)
                    .map(v -> MarketJson.reveal(JsonInput.parse(v)))
                    // The stored values are exactly what was committed.
                    .filter(r -> c.matches(r.baseline(), r.salt()))
                    .orElseThrow(() -> fail(
                            ErrorCode.PROGNOSIS_BASELINE_MISSING,
                            "this peer holds no revealed values of the baseline of %s for %s that match its"
                                    + " commitment",
                            home,
                            day));
            revealed.add(values.baseline().kwBySlot());
            Map<String, Object> one = new java.util.LinkedHashMap<>();
            one.put("assetId", home);
            one.put("hashHex", c.hashHex());
            baselines.add(one);
        }
        long[] stated = new long[slots];
        for (int slot = 0; slot < slots; slot++) {
            stated[slot] = figures.wattsBySlot().get(slot);
        }
        // Each ISP's Power is the sum of the homes' revealed baselines, to the watt.
        PrognosisRule.firstMismatch(stated, revealed).ifPresent(m -> {
            throw fail(
                    ErrorCode.PROGNOSIS_MISMATCH,
                    "ISP %d: the D-Prognosis gives %d W, the revealed baselines of %s's homes %s at %s sum to %d W",
                    m.slot() + 1,
                    m.stated(),
                    caller,
                    homes,
                    cp,
                    m.sum());
        });
        Map<String, Object> record = new java.util.LinkedHashMap<>();
        record.put("congestionPointId", cp);
        record.put("day", day);
        record.put("aggregatorMsp", caller);
        record.put("baselines", baselines);
        record.put("senderDomain", message.senderDomain());
        record.put("messageId", message.messageId());
        record.put("sha256", UftpMessages.sha256Hex(message.xml()));
        record.put("txId", ledger.txId());
        record.put("at", ledger.now().toString());
        String json = ledger.put(key, record);
        ledger.requireEndorsers(key, caller, Organisation.DSO_MSP);
        ledger.countersignByDso(caller, Keys.UFTP_PROGNOSIS, List.of(day, cp, caller), json);
        return json;
    }

    /** Reads an aggregator's recorded D-Prognosis of a congestion point for a day (anyone). */
    @Transaction(name = Baselines.Names.READ_PROGNOSIS, intent = Transaction.TYPE.EVALUATE)
    public String readPrognosis(Context ctx, String congestionPointId, String day, String aggregatorMsp) {
        Ledger ledger = new Ledger(ctx);
        return ledger.get(ledger.key(Keys.UFTP_PROGNOSIS, day(day), congestionPointId, aggregatorMsp))
                .orElseThrow(() -> fail(
                        ErrorCode.BASELINE_NOT_FOUND,
                        "no D-Prognosis of %s at %s for %s is recorded",
                        aggregatorMsp,
                        congestionPointId,
                        day));
    }

    /** The asset, refused unless registered in the caller's portfolio. */
    static Asset requireOwnAsset(Ledger ledger, String assetId, String caller) {
        Asset asset = ledger.read(ledger.key(Keys.ASSET, assetId), in -> RegistryJson.asset(in, null))
                .orElseThrow(() -> fail(ErrorCode.ASSET_NOT_FOUND, "$.assetId: asset %s does not exist", assetId));
        // Baselines are committed by the aggregator of the home.
        if (!asset.aggregatorMsp().equals(caller)) {
            throw fail(
                    ErrorCode.ASSET_NOT_OWNED,
                    "$.assetId: asset %s belongs to %s, not %s",
                    assetId,
                    asset.aggregatorMsp(),
                    caller);
        }
        return asset;
    }

    /** A day argument, refused unless {@code YYYY-MM-DD}. */
    static String day(String day) {
        try {
            if (day != null && day.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(day).toString();
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw fail(ErrorCode.INVALID_FIELD, "$.day: must be a day such as 2026-11-27, was %s", day);
    }
}
