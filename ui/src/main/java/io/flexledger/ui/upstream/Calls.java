package io.flexledger.ui.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.client.ApiProblemException;
import io.flexledger.client.CommunityJson;
import io.flexledger.client.DeviceJson;
import io.flexledger.client.MarketplaceClient;
import io.flexledger.client.RecordJson;
import io.flexledger.client.reading.DayReadings;
import io.flexledger.contract.codec.CommunityRecords;
import io.flexledger.contract.codec.SettlementRecords.StoredSettlement;
import io.flexledger.domain.community.CommunityTrade;
import io.flexledger.domain.grid.CongestionPoint;
import io.flexledger.domain.market.BaselineCommitment;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.market.FlexRequest;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.participants.Asset;
import io.flexledger.domain.participants.DeviceRegistration;
import io.flexledger.domain.settlement.SettlementLine;
import io.flexledger.ui.Viewer;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The service calls one page makes for one viewer, with the viewer's token. A call that fails leaves
 * an {@link Outage} naming the service and what the page cannot show, never an exception.
 */
public final class Calls {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** At most this many ledger pages of one day's records (100 records each). */
    private static final int MAX_PAGES = 20;

    private final Services services;
    private final Viewer viewer;
    private final List<Outage> outages = new ArrayList<>();
    private final Map<String, Optional<DayReadings>> readings = new HashMap<>();

    Calls(Services services, Viewer viewer) {
        this.services = services;
        this.viewer = viewer;
    }

    public Viewer viewer() {
        return viewer;
    }

    /** What did not answer so far, in the order met. */
    public List<Outage> outages() {
        return List.copyOf(outages);
    }

    /** The organisation whose marketplace-api serves the viewer. */
    public String msp() {
        return services.mspOf(viewer);
    }

    /** The day's flexibility requests, or empty if unavailable or unreadable. */
    public Optional<List<FlexRequest>> requests(String day) {
        return dayRecords("requests", day, "the day's requests", RecordJson::requests);
    }

    /** The day's offers the viewer may see, or empty if unavailable or unreadable. */
    public Optional<List<FlexOffer>> offers(String day) {
        return dayRecords("offers", day, "the day's offers", RecordJson::offers);
    }

    /** The day's orders the viewer may see, or empty if unavailable or unreadable. */
    public Optional<List<FlexOrder>> orders(String day) {
        return dayRecords("orders", day, "the day's orders", RecordJson::orders);
    }

    /** The day's settlements the viewer may see, or empty if unavailable or unreadable. */
    public Optional<List<StoredSettlement>> settlements(String day) {
        return dayRecords("settlements", day, "the day's settlements", RecordJson::settlements);
    }

    /**
     * All of a day's records of a kind, each page decoded by {@code read}; empty if unavailable, or if a
     * page does not decode (then the outage names the field at fault).
     */
    private <T> Optional<List<T>> dayRecords(
            String kind, String day, String what, Function<JsonNode, RecordJson.Page<T>> read) {
        String msp = msp();
        List<T> all = new ArrayList<>();
        String bookmark = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            String mark = bookmark;
            int failedBefore = outages.size();
            Optional<Reply> reply =
                    market(msp, what, c -> Optional.of(c.dayPage(kind, LocalDate.parse(day), 100, mark)));
            if (reply.isEmpty()) {
                return outages.size() > failedBefore ? Optional.empty() : Optional.of(all);
            }
            Optional<RecordJson.Page<T>> decoded = decoded(service(msp), what, reply.get(), read);
            if (decoded.isEmpty()) {
                return Optional.empty();
            }
            all.addAll(decoded.get().records());
            String next = decoded.get().bookmark();
            // An aggregator's instance leaves other aggregators' records out of each page, so a short or
            // empty page is not the end; no bookmark, or one that does not move, is.
            if (next.isEmpty() || next.equals(bookmark)) {
                break;
            }
            bookmark = next;
        }
        return Optional.of(all);
    }

    /**
     * A record as one of the ledger, with the block of its last change.
     *
     * @param ledgerBlock the {@code Ledger-Block-Number} header, or null
     */
    public record Ledgered<T>(T value, String ledgerBlock) {}

    /** A settlement of the viewer's organisation's instance with its block, or empty if absent, unavailable or unreadable. */
    public Optional<Ledgered<StoredSettlement>> settlement(String id, String what) {
        return one("settlements", id, what)
                .flatMap(r -> decoded(service(msp()), what, r, RecordJson::settlement)
                        .map(s -> new Ledgered<>(s, r.ledgerBlock())));
    }

    /** An order, or empty if absent, unavailable or unreadable. */
    public Optional<FlexOrder> order(String id, String what) {
        return one("orders", id, what).flatMap(r -> decoded(service(msp()), what, r, RecordJson::order));
    }

    /** An offer, or empty if absent, unavailable or unreadable. */
    public Optional<FlexOffer> offer(String id, String what) {
        return one("offers", id, what).flatMap(r -> decoded(service(msp()), what, r, RecordJson::offer));
    }

    /** A registered home, or empty if absent, unavailable or unreadable. */
    public Optional<Asset> asset(String id, String what) {
        return one("assets", id, what).flatMap(r -> decoded(service(msp()), what, r, RecordJson::asset));
    }

    /** A congestion point, or empty if absent, unavailable or unreadable. */
    public Optional<CongestionPoint> congestionPoint(String id, String what) {
        return one("congestion-points", id, what)
                .flatMap(r -> decoded(service(msp()), what, r, RecordJson::congestionPoint));
    }

    /** A meter with its keys, or empty if absent, unavailable or unreadable. */
    public Optional<DeviceRegistration> device(String id, String what) {
        return one("devices", id, what).flatMap(r -> decoded(service(msp()), what, r, DeviceJson::registration));
    }

    /** One record of the viewer's organisation's instance, or empty if absent or unavailable. */
    private Optional<Reply> one(String kind, String id, String what) {
        return market(msp(), what, c -> c.record(kind, id));
    }

    /** A settlement's private per-slot lines, or empty if absent, unavailable or unreadable. */
    public Optional<List<SettlementLine>> settlementLines(String settlementId) {
        String what = "the per-slot lines of " + settlementId;
        return market(msp(), what, c -> Optional.of(c.settlementDetails(settlementId)))
                .flatMap(r -> decoded(service(msp()), what, r, RecordJson::settlementLines));
    }

    /** A home's baseline commitment of a day, or empty if absent, unavailable or unreadable. */
    public Optional<BaselineCommitment> baseline(String day, String assetId) {
        String what = "the baseline of " + assetId;
        return market(msp(), what, c -> Optional.of(c.baseline(LocalDate.parse(day), assetId)))
                .flatMap(r -> decoded(service(msp()), what, r, RecordJson::commitment));
    }

    /** An aggregator's reading anchor of a day, or empty if absent, unavailable or unreadable. */
    public Optional<ReadingAnchor> anchor(String day, String aggregatorMsp) {
        String what = "the reading anchor of " + aggregatorMsp;
        return market(msp(), what, c -> c.anchor(LocalDate.parse(day), aggregatorMsp))
                .flatMap(r -> decoded(service(msp()), what, r, RecordJson::anchor));
    }

    public Optional<Reply> clearing(String day) {
        return market(msp(), "the provisional clearing", c -> Optional.of(c.clearing(LocalDate.parse(day))));
    }

    /**
     * A service's answer decoded by {@code read}: an answer that does not decode is an outage naming the
     * field at fault, never a value shown as if it were valid.
     */
    private <T> Optional<T> decoded(String service, String what, Reply reply, Function<JsonNode, T> read) {
        try {
            return Optional.of(read.apply(reply.json()));
        } catch (IllegalArgumentException e) {
            outages.add(new Outage(service, what, "gave an unreadable answer (" + e.getMessage() + ")"));
            return Optional.empty();
        }
    }

    /** Posts an offer; the reply or the service's refusal (problem detail) as an outage. */
    public Optional<Reply> postOffer(String idempotencyKey, JsonNode body) {
        return market(
                msp(),
                "posting the offer",
                c -> Optional.of(c.createOffer(body, idempotencyKey, services.callTimeout())));
    }

    /** The viewer's memberships of a community (any state) on the ledger, or empty if unavailable or unreadable. */
    public Optional<List<CommunityRecords.Membership>> communityMemberships() {
        return ask(
                msp(),
                "your community memberships",
                c -> Optional.of(c.community().membershipRecords()));
    }

    /** A community's market day as opened on the ledger; empty if none is open (or unavailable or unreadable). */
    public Optional<CommunityRecords.Day> communityDay(String community, String day) {
        return ask(
                msp(),
                "the community day of " + community,
                c -> Optional.of(c.community().dayRecord(community, LocalDate.parse(day))));
    }

    /** The viewer's community orders of a day (the instance gives a member their own only). */
    public Optional<List<CommunityJson.PlacedOrder>> communityOrders(String day) {
        return ask(
                msp(), "your community orders", c -> Optional.of(c.community().orderRecords(LocalDate.parse(day))));
    }

    /** A community day's trades the viewer may see; empty if not cleared (or unavailable). */
    public Optional<List<CommunityTrade>> communityTrades(String community, String day) {
        return ask(
                msp(),
                "your community trades",
                c -> Optional.of(c.community().tradeRecords(community, LocalDate.parse(day))));
    }

    /** A community day's public clearing price and volume per slot; empty if not cleared (or unavailable). */
    public Optional<CommunityJson.Prices> communityPrices(String community, String day) {
        return ask(
                msp(),
                "the community's clearing prices",
                c -> Optional.of(c.community().priceRecord(community, LocalDate.parse(day))));
    }

    /**
     * What a marketplace-api gave of a record the viewer may be refused.
     *
     * @param value the record; empty when absent, refused or unavailable (then an outage is recorded)
     * @param refusal why the instance refused it (403), e.g. {@code refused access (HTTP 403, ...)}; empty otherwise
     */
    public record Answered<T>(Optional<T> value, String refusal) {
        public boolean refused() {
            return !refusal.isEmpty();
        }
    }

    /**
     * A home's settled statement of a community day ({@code GET /api/community/statements/{community}/{day}?homeId=}):
     * empty when the day is not settled for the home yet; a refusal (not an outage) when the instance
     * refuses it, as it does for a home that is not the viewer's.
     */
    public Answered<CommunityJson.Statement> communityStatement(String community, String day, String homeId) {
        String[] refusal = {""};
        Optional<CommunityJson.Statement> statement =
                ask(msp(), "your statement of home " + homeId + " in community " + community, c -> {
                    try {
                        return c.community().statementRecord(community, LocalDate.parse(day), homeId);
                    } catch (ApiProblemException e) {
                        if (e.status() == 403) {
                            refusal[0] = reason(e.status(), e.body() == null ? "" : e.body());
                            return Optional.empty();
                        }
                        throw e;
                    }
                });
        return new Answered<>(statement, refusal[0]);
    }

    /**
     * A home's readings of a day from device-bridge, with proofs, decoded; asked once per page (and
     * outage at most once).
     */
    public Optional<DayReadings> readings(String day, String assetId) {
        String what = "the metered load of " + assetId;
        String service = "device-bridge (" + services.bridgeUrl() + ")";
        // 409: the day is not sealed yet, so its readings have no proofs: not there yet rather than down.
        return readings.computeIfAbsent(
                day + "/" + assetId,
                k -> call(
                                service,
                                what,
                                () -> services.bridge().readings(day, assetId, viewer.bearer()),
                                Set.of(404, 409))
                        .flatMap(r -> decoded(service, what, r, RecordJson::readings)));
    }

    /** The settlement service's verdicts of a day. */
    public Optional<Reply> audit(String day) {
        return call(
                "settlement (" + services.settlementUrl() + ")",
                "the audit verdicts",
                () -> services.settlement().audit(day, viewer.bearer()),
                Set.of(404));
    }

    /**
     * One call of a marketplace-api with the viewer's own token: a 404 (or an absent record) means "not
     * there" (empty, no outage); any other failure is an outage.
     */
    private Optional<Reply> market(
            String msp, String what, Function<MarketplaceClient, Optional<MarketplaceClient.Answer>> request) {
        Optional<MarketplaceClient.Answer> answer = ask(msp, what, request);
        // api-client keeps a body that is not JSON as text: the API's answers are objects.
        if (answer.isPresent() && answer.get().body().isTextual()) {
            outages.add(new Outage(service(msp), what, "gave an unreadable answer (not JSON)"));
            return Optional.empty();
        }
        return answer.map(a ->
                new Reply(a.body(), a.blockNumber() < 0 ? null : Long.toString(a.blockNumber()), a.transactionId()));
    }

    private String service(String msp) {
        return "marketplace-api (" + msp
                + services.apiUrl(msp).map(u -> ", " + u).orElse("") + ")";
    }

    /**
     * One call of a marketplace-api through api-client with the viewer's own token: a 404 means "not
     * there" (empty, no outage); any other failure is an outage.
     */
    private <T> Optional<T> ask(String msp, String what, Function<MarketplaceClient, Optional<T>> request) {
        Optional<String> url = services.apiUrl(msp);
        if (url.isEmpty()) {
            outages.add(new Outage("marketplace-api (" + msp + ")", what, "no address is configured for " + msp));
            return Optional.empty();
        }
        String service = service(msp);
        MarketplaceClient client = services.marketplace(url.get(), viewer);
        try {
            return request.apply(client);
        } catch (ApiProblemException e) {
            if (e.unanswered()) {
                outages.add(new Outage(service, what, "not answering (" + rootMessage(e) + ")"));
            } else if (!e.notFound()) {
                outages.add(new Outage(service, what, reason(e.status(), e.body())));
            }
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            // api-client found a figure it cannot read (e.g. a trade's kW that is not a decimal).
            outages.add(new Outage(service, what, "gave an unreadable answer (" + rootMessage(e) + ")"));
            return Optional.empty();
        }
    }

    /** Runs one call: an {@code absent} status means "not there" (empty, no outage); any other failure is an outage. */
    private Optional<Reply> call(String service, String what, Supplier<Response> request, Set<Integer> absent) {
        Response answered;
        try {
            answered = request.get();
        } catch (WebApplicationException e) {
            answered = e.getResponse();
        } catch (ProcessingException e) {
            outages.add(new Outage(service, what, "not answering (" + rootMessage(e) + ")"));
            return Optional.empty();
        }
        try (Response response = answered) {
            int status = response.getStatus();
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            if (absent.contains(status)) {
                return Optional.empty();
            }
            if (status >= 400) {
                outages.add(new Outage(service, what, reason(status, body)));
                return Optional.empty();
            }
            JsonNode json = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            return Optional.of(new Reply(
                    json,
                    response.getHeaderString("Ledger-Block-Number"),
                    response.getHeaderString("Ledger-Transaction-Id")));
        } catch (ProcessingException | java.io.IOException e) {
            outages.add(new Outage(service, what, "gave an unreadable answer (" + rootMessage(e) + ")"));
            return Optional.empty();
        }
    }

    /** The status and, from a problem+json body, its title and detail. */
    static String reason(int status, String body) {
        String kind = switch (status) {
            case 401, 403 -> "refused access";
            case 502, 503, 504 -> "unavailable";
            default -> "failed";
        };
        String detail = "";
        try {
            JsonNode p = JSON.readTree(body);
            if (p != null && p.isObject()) {
                detail = String.join(
                                ": ",
                                p.path("title").asText(""),
                                p.path("detail").asText(""))
                        .replaceAll("^: |: $", "");
            }
        } catch (java.io.IOException e) {
            detail = "";
        }
        return kind + " (HTTP " + status + (detail.isBlank() ? "" : ", " + detail) + ")";
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
