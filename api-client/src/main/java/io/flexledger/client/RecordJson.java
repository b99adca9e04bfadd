package io.flexledger.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.client.reading.DayReadings;
import io.flexledger.contract.codec.AnchorRecords;
import io.flexledger.contract.codec.InputRefusal;
import io.flexledger.contract.codec.JsonFields;
import io.flexledger.contract.codec.JsonReader;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.RegistryRecords;
import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.contract.codec.SettlementRecords.StoredSettlement;
import io.flexledger.domain.grid.CongestionPoint;
import io.flexledger.domain.market.BaselineCommitment;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexRequest;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.participants.Asset;
import io.flexledger.domain.settlement.SettlementLine;
import io.flexledger.domain.validation.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the ledger records marketplace-api answers (it gives each record as the ledger holds it) and
 * device-bridge's proven readings with the ledger contract's codec ({@link MarketRecords}, {@link
 * SettlementRecords}, {@link RegistryRecords}), strictly: a field the codec does not write, a field of the
 * wrong type or form, or a record the domain refuses (a negative kW, an activation above 1) is refused as
 * an {@link IllegalArgumentException} whose message names the field by its JSON path
 * ({@code $.records[2].kwBySlot.68: ...}).
 */
public final class RecordJson {
    /** A page of a day's records, or a device-bridge answer: larger than one ledger input. */
    private static final JsonReader.Limits ANSWER = new JsonReader.Limits(8 * 1024 * 1024, 16, 1000);

    /** The fields of an offer as the ledger writes it (the codec's {@link MarketRecords#OFFER_RECORD_FIELDS}). */
    public static final Set<String> OFFER_FIELDS = MarketRecords.OFFER_RECORD_FIELDS;
    /** The fields of a request as the ledger writes it (the codec's). */
    public static final Set<String> REQUEST_FIELDS = MarketRecords.REQUEST_RECORD_FIELDS;
    /** The fields of an order as the ledger writes it, the settlement's id once settled (the codec's). */
    public static final Set<String> ORDER_FIELDS = MarketRecords.ORDER_RECORD_FIELDS;
    /** The fields of a settlement's private details. */
    public static final Set<String> DETAILS_FIELDS = SettlementRecords.StoredSettlementDetails.FIELDS;
    /** The fields of one line of a settlement's private details. */
    public static final Set<String> LINE_FIELDS = SettlementRecords.DetailLine.FIELDS;
    /** The fields of a baseline commitment. */
    public static final Set<String> COMMITMENT_FIELDS =
            Set.of("assetId", "aggregatorMsp", "day", "hashHex", "committedAt", "state", "txId", "version");
    /** The fields of a congestion point: the input's and its transaction. */
    public static final Set<String> CONGESTION_POINT_FIELDS =
            union(RegistryRecords.CONGESTION_POINT_INPUT, Set.of("txId"));
    /** The fields of a reading anchor. */
    public static final Set<String> ANCHOR_FIELDS =
            Set.of("day", "aggregatorMsp", "rootHex", "leafCount", "anchoredBy", "anchoredAt", "txId");
    /** The fields of a registered home's public record. */
    public static final Set<String> ASSET_FIELDS = union(RegistryRecords.ASSET_INPUT, Set.of("detailsHash", "txId"));

    private RecordJson() {}

    /**
     * A page of a day's records ({@code {"records": [...], "bookmark": "..."}}).
     *
     * @param records the page's records, decoded
     * @param bookmark where the next page starts; empty at the end
     */
    public record Page<T>(List<T> records, String bookmark) {}

    /** An offer. */
    public static FlexOffer offer(JsonNode record) {
        return one(record, "an offer", RecordJson::offer);
    }

    /** A request. */
    public static FlexRequest request(JsonNode record) {
        return one(record, "a request", RecordJson::request);
    }

    /** An order. */
    public static FlexOrder order(JsonNode record) {
        return one(record, "an order", RecordJson::order);
    }

    /** An order with what it buys, copied from its offer when it was placed. */
    public static MarketRecords.StoredOrder storedOrder(JsonNode record) {
        return one(record, "an order", in -> {
            in.onlyFields(ORDER_FIELDS);
            return MarketRecords.storedOrderRecord(in);
        });
    }

    /** A settlement's public record. */
    public static StoredSettlement settlement(JsonNode record) {
        return one(record, "a settlement", RecordJson::settlement);
    }

    /** A page of offers. */
    public static Page<FlexOffer> offers(JsonNode page) {
        return page(page, "offers", RecordJson::offer);
    }

    /** A page of requests. */
    public static Page<FlexRequest> requests(JsonNode page) {
        return page(page, "requests", RecordJson::request);
    }

    /** A page of orders. */
    public static Page<FlexOrder> orders(JsonNode page) {
        return page(page, "orders", RecordJson::order);
    }

    /** A page of settlements. */
    public static Page<StoredSettlement> settlements(JsonNode page) {
        return page(page, "settlements", RecordJson::settlement);
    }

    /** The per-slot lines of a settlement's private details ({@code GET /api/settlements/{id}/details}). */
    public static List<SettlementLine> settlementLines(JsonNode details) {
        return one(details, "a settlement's details", in -> {
            in.onlyFields(DETAILS_FIELDS);
            List<JsonFields> lines = in.objects("lines");
            if (lines != null) {
                lines.forEach(l -> {
                    if (l != null) {
                        l.onlyFields(LINE_FIELDS);
                    }
                });
            }
            return SettlementRecords.lines(in);
        });
    }

    /** A baseline commitment ({@code GET /api/baselines/{day}/{assetId}}). */
    public static BaselineCommitment commitment(JsonNode record) {
        return one(record, "a baseline commitment", in -> {
            in.onlyFields(COMMITMENT_FIELDS);
            return MarketRecords.storedCommitment(in);
        });
    }

    /** A congestion point ({@code GET /api/congestion-points/{id}}). */
    public static CongestionPoint congestionPoint(JsonNode record) {
        return one(record, "a congestion point", in -> {
            in.onlyFields(CONGESTION_POINT_FIELDS);
            return RegistryRecords.congestionPoint(in);
        });
    }

    /** A reading anchor ({@code GET /api/anchors/{day}/{aggregatorMsp}}). */
    public static ReadingAnchor anchor(JsonNode record) {
        return one(record, "a reading anchor", in -> {
            in.onlyFields(ANCHOR_FIELDS);
            return AnchorRecords.anchor(in);
        });
    }

    /** A registered home ({@code GET /api/assets/{id}}). */
    public static Asset asset(JsonNode record) {
        return one(record, "an asset", in -> {
            in.onlyFields(ASSET_FIELDS);
            return RegistryRecords.asset(in, null);
        });
    }

    /** device-bridge's answer of a home's readings of a day ({@code GET /bridge/readings/{day}/{assetId}}). */
    public static DayReadings readings(JsonNode answer) {
        return one(answer, "a home's readings", DayReadings::read);
    }

    private static FlexOffer offer(JsonFields in) {
        in.onlyFields(OFFER_FIELDS);
        return MarketRecords.storedOffer(in);
    }

    private static FlexRequest request(JsonFields in) {
        in.onlyFields(REQUEST_FIELDS);
        return MarketRecords.storedRequest(in);
    }

    private static FlexOrder order(JsonFields in) {
        in.onlyFields(ORDER_FIELDS);
        return MarketRecords.storedOrder(in);
    }

    private static StoredSettlement settlement(JsonFields in) {
        in.onlyFields(StoredSettlement.FIELDS);
        // Every field present and of its form, as the codec stores it; none of the amounts below zero.
        StoredSettlement s = StoredSettlement.read(in);
        notNegative(in, "creditedKwh", s.creditedKwh().value());
        notNegative(in, "shortfallKwh", s.shortfallKwh().value());
        notNegative(in, "paymentEur", s.paymentEur().value());
        notNegative(in, "penaltyEur", s.penaltyEur().value());
        return s;
    }

    private static void notNegative(JsonFields in, String name, java.math.BigDecimal value) {
        if (value.signum() < 0) {
            in.problems().report(in.at(name), "must be >= 0");
        }
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    /** One record, the problems of its fields thrown at once. */
    private static <T> T one(JsonNode record, String what, Function<JsonFields, T> read) {
        try {
            return read.apply(fields(record));
        } catch (InputRefusal | ValidationException e) {
            throw new IllegalArgumentException("not " + what + ": " + e.getMessage(), e);
        }
    }

    /** A page's records, each read with its path ({@code $.records[3]}). */
    private static <T> Page<T> page(JsonNode page, String what, Function<JsonFields, T> read) {
        try {
            JsonFields in = fields(page);
            in.onlyFields(Set.of("records", "bookmark"));
            List<T> out = new ArrayList<>();
            for (JsonFields r : in.objects("records")) {
                if (r == null) {
                    throw new InputRefusal(
                            io.flexledger.contract.ErrorCode.INVALID_FIELD, in.at("records"), "must hold objects");
                }
                out.add(read.apply(r));
            }
            String bookmark = in.has("bookmark") ? in.string("bookmark") : "";
            return new Page<>(List.copyOf(out), bookmark);
        } catch (InputRefusal | ValidationException e) {
            throw new IllegalArgumentException("not a page of " + what + ": " + e.getMessage(), e);
        }
    }

    private static JsonFields fields(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InputRefusal(io.flexledger.contract.ErrorCode.MALFORMED_INPUT, "$", "must be a JSON object");
        }
        return JsonFields.parse(json.toString(), ANSWER, JsonFields.throwing());
    }
}
