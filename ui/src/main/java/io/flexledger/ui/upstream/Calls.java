package io.flexledger.ui.upstream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flexledger.client.ApiProblemException;
import io.flexledger.client.CommunityClient;
import io.flexledger.client.MarketplaceClient;
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
    private final Map<String, Optional<Reply>> readings = new HashMap<>();

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

    /** All of a day's records of a kind (requests, offers, orders, settlements), or empty if unavailable. */
    public Optional<List<JsonNode>> dayRecords(String kind, String day, String what) {
        return dayRecords(msp(), kind, day, what);
    }

    public Optional<List<JsonNode>> dayRecords(String msp, String kind, String day, String what) {
        List<JsonNode> all = new ArrayList<>();
        String bookmark = "";
        for (int page = 0; page < MAX_PAGES; page++) {
            String mark = bookmark;
            int failedBefore = outages.size();
            Optional<Reply> reply =
                    market(msp, what, c -> Optional.of(c.dayPage(kind, LocalDate.parse(day), 100, mark)));
            if (reply.isEmpty()) {
                return outages.size() > failedBefore ? Optional.empty() : Optional.of(all);
            }
            reply.get().json().path("records").forEach(all::add);
            String next = reply.get().json().path("bookmark").asText("");
            // An aggregator's instance leaves other aggregators' records out of each page, so a short or
            // empty page is not the end; no bookmark, or one that does not move, is.
            if (next.isEmpty() || next.equals(bookmark)) {
                break;
            }
            bookmark = next;
        }
        return Optional.of(all);
    }

    /** One record of the viewer's organisation's instance, or empty if absent or unavailable. */
    public Optional<Reply> one(String kind, String id, String what) {
        return market(msp(), what, c -> c.record(kind, id));
    }

    public Optional<Reply> settlementDetails(String settlementId) {
        return market(
                msp(), "the per-slot lines of " + settlementId, c -> Optional.of(c.settlementDetails(settlementId)));
    }

    public Optional<Reply> baseline(String day, String assetId) {
        return market(msp(), "the baseline of " + assetId, c -> Optional.of(c.baseline(LocalDate.parse(day), assetId)));
    }

    public Optional<Reply> anchor(String day, String aggregatorMsp) {
        return market(
                msp(), "the reading anchor of " + aggregatorMsp, c -> c.anchor(LocalDate.parse(day), aggregatorMsp));
    }

    public Optional<Reply> clearing(String day) {
        return market(msp(), "the provisional clearing", c -> Optional.of(c.clearing(LocalDate.parse(day))));
    }

    /** Posts an offer; the reply or the service's refusal (problem detail) as an outage. */
    public Optional<Reply> postOffer(String idempotencyKey, JsonNode body) {
        return market(
                msp(),
                "posting the offer",
                c -> Optional.of(c.createOffer(body, idempotencyKey, services.callTimeout())));
    }

    /** The viewer's memberships of a community (any state) on the ledger, or empty if unavailable. */
    public Optional<List<JsonNode>> communityMemberships() {
        return ask(
                msp(),
                "your community memberships",
                c -> Optional.of(c.community().myMemberships()));
    }

    /** A community's market day as opened on the ledger; empty if none is open (or unavailable). */
    public Optional<JsonNode> communityDay(String community, String day) {
        return object(
                "the community day of " + community,
                ask(
                        msp(),
                        "the community day of " + community,
                        c -> Optional.of(c.community().day(community, LocalDate.parse(day)))));
    }

    /** The viewer's community orders of a day (the instance gives a member their own only). */
    public Optional<List<JsonNode>> communityOrders(String day) {
        return ask(
                msp(), "your community orders", c -> Optional.of(c.community().orders(LocalDate.parse(day))));
    }

    /** A community day's trades the viewer may see; empty if not cleared (or unavailable). */
    public Optional<List<CommunityClient.Trade>> communityTrades(String community, String day) {
        return ask(
                msp(),
                "your community trades",
                c -> Optional.of(c.community().trades(community, LocalDate.parse(day))));
    }

    /** A community day's public clearing price and volume per slot; empty if not cleared (or unavailable). */
    public Optional<JsonNode> communityPrices(String community, String day) {
        return object(
                "the community's clearing prices",
                ask(
                        msp(),
                        "the community's clearing prices",
                        c -> Optional.of(c.community().prices(community, LocalDate.parse(day)))));
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
    public Answered<JsonNode> communityStatement(String community, String day, String homeId) {
        String[] refusal = {""};
        Optional<JsonNode> statement = object(
                "your statement of home " + homeId,
                ask(msp(), "your statement of home " + homeId + " in community " + community, c -> {
                    try {
                        JsonNode s = c.community().statement(community, LocalDate.parse(day), homeId);
                        return s.isMissingNode() ? Optional.empty() : Optional.of(s);
                    } catch (ApiProblemException e) {
                        if (e.status() == 403) {
                            refusal[0] = reason(e.status(), e.body() == null ? "" : e.body());
                            return Optional.empty();
                        }
                        throw e;
                    }
                }));
        return new Answered<>(statement, refusal[0]);
    }

    /** An answer that must be a JSON object: anything else is an outage. */
    private Optional<JsonNode> object(String what, Optional<JsonNode> answer) {
        if (answer.isPresent() && !answer.get().isObject()) {
            outages.add(new Outage(service(msp()), what, "gave an unreadable answer (not a JSON object)"));
            return Optional.empty();
        }
        return answer;
    }

    /** A home's readings of a day from device-bridge, with proofs; asked once per page (and outage at most once). */
    public Optional<Reply> readings(String day, String assetId) {
        // 409: the day is not sealed yet, so its readings have no proofs: not there yet rather than down.
        return readings.computeIfAbsent(
                day + "/" + assetId,
                k -> call(
                        "device-bridge (" + services.bridgeUrl() + ")",
                        "the metered load of " + assetId,
                        () -> services.bridge().readings(day, assetId, viewer.bearer()),
                        Set.of(404, 409)));
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
