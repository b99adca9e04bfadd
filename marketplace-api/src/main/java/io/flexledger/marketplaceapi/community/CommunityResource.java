package io.flexledger.marketplaceapi.community;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.clearing.community.PricingRule;
import io.flexledger.contract.Community;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.codec.CommunityRecords;
import io.flexledger.contract.codec.CommunityRecords.Membership;
import io.flexledger.contract.codec.CommunityRecords.MembershipInput;
import io.flexledger.contract.codec.CommunityRecords.MembershipState;
import io.flexledger.contract.codec.CommunityRecords.Order;
import io.flexledger.contract.codec.CommunityRecords.PostedOrder;
import io.flexledger.contract.codec.CommunityRecords.SettlementInput;
import io.flexledger.contract.codec.CommunityRecords.StoredClearing;
import io.flexledger.contract.codec.CommunityRecords.StoredStatement;
import io.flexledger.contract.codec.InputRefusal;
import io.flexledger.contract.codec.JsonFields;
import io.flexledger.contract.codec.JsonReader;
import io.flexledger.contract.codec.SettlementRecords;
import io.flexledger.contract.codec.SettlementRecords.ProvenReading;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.time.MarketRules;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.domain.validation.Violation;
import io.flexledger.marketplaceapi.api.JsonBody;
import io.flexledger.marketplaceapi.api.MalformedBodyException;
import io.flexledger.marketplaceapi.ledger.ChaincodeRejection;
import io.flexledger.marketplaceapi.ledger.CommunityLedger;
import io.flexledger.marketplaceapi.security.Access;
import io.flexledger.marketplaceapi.security.AccessDeniedException;
import io.flexledger.marketplaceapi.security.Action;
import io.flexledger.marketplaceapi.security.Caller;
import io.flexledger.marketplaceapi.security.Role;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The UC2 community market of an aggregator's portfolio (the {@code community} contract). A community is
 * named by its operator's MSP id; its members are prosumers of the operator or of CommunityMSP, each the
 * resident of a home of the operator's portfolio. A member is the token's user name ({@code
 * preferred_username}); nobody names another.
 *
 * <ul>
 *   <li>{@code POST /api/community/memberships} {@code {homeId}} (role prosumer, on the home's aggregator's
 *       or CommunityMSP's instance): proposes the caller as the home's member;
 *   <li>{@code POST /api/community/memberships/{homeId}/approve} {@code {}} (role aggregator, the home's aggregator):
 *       the membership becomes ACTIVE;
 *   <li>{@code GET /api/community/me}: the caller's memberships ({@code ?community=} one community);
 *   <li>{@code POST /api/community/days} {@code {day, gateClosure, pricing, importPrice[], exportPrice[]}}
 *       (role aggregator): opens a day of the caller's organisation's community, one price per slot of the
 *       day, the gate closing before the DSO market's;
 *   <li>{@code GET /api/community/days/{community}/{day}}: the day (public);
 *   <li>{@code POST /api/community/orders} {@code {id, homeId, day, slot, side, flexible, kw, price}} (role
 *       prosumer): an order of a home the caller is the ACTIVE member of, checked here and again by the
 *       ledger;
 *   <li>{@code GET /api/community/orders?day=[&community=]}: a prosumer gets its own orders, the operator's
 *       aggregator and admin the whole book;
 *   <li>{@code POST /api/community/clearing/{day}} {@code {}} (role aggregator): clears the community's day now
 *       ({@link CommunityClearing}); a repeat finds the recorded clearing and posts only missing offers;
 *   <li>{@code GET /api/community/clearing/{community}/{day}}: the trades, all of them for the operator's
 *       and CommunityMSP's aggregator and admin, a prosumer's own only;
 *   <li>{@code GET /api/community/prices/{community}/{day}}: the public price and volume per slot;
 *   <li>{@code POST /api/community/statements/{day}} {@code {homeId, readings}} (role aggregator, the
 *       operator's instance): settles a member's trades of the day from the home's signed readings with
 *       their Merkle proofs (as a DSO settles an order); the ledger computes the statement, once;
 *   <li>{@code GET /api/community/statements/{community}/{day}[?homeId=]}: the day's statements, all of
 *       them for the operator's and CommunityMSP's aggregator and admin, a prosumer's own home's only (a
 *       prosumer naming another's home is refused).
 * </ul>
 *
 * Every POST takes an {@code Idempotency-Key} (the clearing is idempotent by itself as well). Refusals are
 * problem+json: a malformed body 400 naming the field, a ledger refusal with the chaincode's code and the
 * status its kind fixes.
 */
@Path("/api/community")
@Produces(MediaType.APPLICATION_JSON)
@Authenticated
@Tag(name = "community")
@SecurityRequirement(name = "bearer")
public class CommunityResource {
    static final Set<String> MEMBERSHIP_FIELDS = Set.of("homeId");
    static final Set<String> ORDER_FIELDS = without(Community.ORDER_FIELDS, "member");
    static final Set<String> STATEMENT_FIELDS = Set.of("homeId", "readings");
    /** EUR/kWh are written to 5 decimals ({@code EurosPerKwh.SCALE}), as the ledger keeps them. */
    static final int PRICE_DECIMALS = io.flexledger.domain.units.EurosPerKwh.SCALE;

    private final CommunityLedger ledger;
    private final CommunityClearing clearing;
    private final Access access;
    private final SecurityIdentity identity;

    public CommunityResource(
            CommunityLedger ledger, CommunityClearing clearing, Access access, SecurityIdentity identity) {
        this.ledger = ledger;
        this.clearing = clearing;
        this.access = access;
        this.identity = identity;
    }

    /** Proposes the caller as the member of a home: {@code {"homeId": "..."}}. */
    @POST
    @Path("memberships")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Propose the caller as the member of a home (role prosumer)")
    public Response propose(@HeaderParam(CommunityJson.IDEMPOTENCY_HEADER) String idempotencyKey, String body) {
        access.require(Action.PROPOSE_MEMBERSHIP);
        String key = CommunityJson.idempotencyKey(idempotencyKey);
        JsonBody in = CommunityJson.object(body, MEMBERSHIP_FIELDS);
        String homeId = CommunityJson.id(in, "homeId");
        return CommunityJson.created(
                "/api/community/memberships/" + homeId,
                ledger.proposeMembership(key, new MembershipInput(member(), homeId)));
    }

    /** The home's aggregator approves its proposed membership. */
    @POST
    @Path("memberships/{homeId}/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve a proposed membership of a home of the aggregator (role aggregator)")
    public Response approve(
            @PathParam("homeId") String homeId,
            @HeaderParam(CommunityJson.IDEMPOTENCY_HEADER) String idempotencyKey,
            String body) {
        access.require(Action.APPROVE_MEMBERSHIP);
        String key = CommunityJson.idempotencyKey(idempotencyKey);
        CommunityJson.pathId(homeId, "homeId");
        noFields(body);
        return CommunityJson.created("/api/community/memberships/" + homeId, ledger.approveMembership(key, homeId));
    }

    /** The caller's memberships, in every community this instance reads or in {@code community}. */
    @GET
    @Path("me")
    @Operation(summary = "The caller's memberships and homes")
    public String me(@QueryParam("community") String community) {
        access.require(Action.READ_COMMUNITY);
        String member = member();
        ObjectNode out = CommunityJson.JSON.createObjectNode();
        out.put("member", member);
        ArrayNode records = out.putArray("memberships");
        for (String c : communities(community)) {
            for (Membership m : ledger.listMemberships(c).records()) {
                if (member.equals(m.member())) {
                    records.add(CommunityJson.written(CommunityRecords.membership(m)));
                }
            }
        }
        return out.toString();
    }

    /** Opens a day of this aggregator's community. */
    @POST
    @Path("days")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open a market day of the aggregator's community (role aggregator)")
    public Response openDay(@HeaderParam(CommunityJson.IDEMPOTENCY_HEADER) String idempotencyKey, String body) {
        access.require(Action.OPERATE_COMMUNITY);
        String key = CommunityJson.idempotencyKey(idempotencyKey);
        JsonBody in = CommunityJson.object(body, Community.DAY_FIELDS);
        String named = in.string("community");
        if (named != null && !ledger.mspId().equals(named)) {
            throw new AccessDeniedException(
                    "$.community: " + ledger.mspId() + "'s instance opens days of its own community only");
        }
        LocalDate day = CommunityJson.day(in, "day");
        MarketPeriod period = MarketRules.DEFAULT.period(day);
        Instant gate;
        try {
            gate = Instant.parse(CommunityJson.text(in, "gateClosure"));
        } catch (DateTimeParseException e) {
            throw new MalformedBodyException("$.gateClosure", "must be an instant such as 2030-05-31T20:00:00Z");
        }
        if (!gate.isBefore(period.gateClosure())) {
            throw new MalformedBodyException(
                    "$.gateClosure",
                    "must be before the DSO market's gate closure of the day, " + period.gateClosure());
        }
        String pricing = CommunityJson.text(in, "pricing");
        if (java.util.Arrays.stream(PricingRule.values())
                .noneMatch(r -> r.name().equals(pricing))) {
            throw new MalformedBodyException(
                    "$.pricing", "must be one of " + java.util.Arrays.toString(PricingRule.values()));
        }
        CommunityRecords.Pricing rule = CommunityRecords.Pricing.valueOf(pricing);
        List<BigDecimal> imports = prices(in, "importPrice", period.slotCount());
        List<BigDecimal> exports = prices(in, "exportPrice", period.slotCount());
        for (int t = 0; t < imports.size(); t++) {
            if (exports.get(t).compareTo(imports.get(t)) > 0) {
                throw new MalformedBodyException(
                        "$.exportPrice[" + t + "]", "must not be above the slot's importPrice " + imports.get(t));
            }
        }
        CommunityRecords.Day opened = new CommunityRecords.Day(
                ledger.mspId(),
                period,
                gate,
                rule,
                imports.stream().map(EurosPerKwh::new).toList(),
                exports.stream().map(EurosPerKwh::new).toList());
        return CommunityJson.created("/api/community/days/" + ledger.mspId() + "/" + day, ledger.openDay(key, opened));
    }

    /** A community's day, as the ledger holds it. */
    @GET
    @Path("days/{community}/{day}")
    @Operation(summary = "A community's market day")
    public Response readDay(@PathParam("community") String community, @PathParam("day") String day) {
        access.require(Action.READ);
        CommunityJson.pathId(community, "community");
        String d = CommunityJson.pathDay(day, "day");
        return CommunityJson.record(ledger, CommunityJson.written(CommunityRecords.day(ledger.readDay(community, d))));
    }

    /** Posts an order of a home the caller is the ACTIVE member of. */
    @POST
    @Path("orders")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Post an order of the caller's home (role prosumer)")
    public Response postOrder(@HeaderParam(CommunityJson.IDEMPOTENCY_HEADER) String idempotencyKey, String body) {
        access.require(Action.POST_COMMUNITY_ORDER);
        String key = CommunityJson.idempotencyKey(idempotencyKey);
        JsonBody in = CommunityJson.object(body, ORDER_FIELDS);
        String id = CommunityJson.id(in, "id");
        String homeId = CommunityJson.id(in, "homeId");
        LocalDate day = CommunityJson.day(in, "day");
        int slot = CommunityJson.integer(in, "slot");
        int slots = MarketRules.DEFAULT.period(day).slotCount();
        if (slot < 0 || slot >= slots) {
            throw new MalformedBodyException("$.slot", "must be a slot of the day, 0.." + (slots - 1));
        }
        String side = CommunityJson.text(in, "side");
        if (java.util.Arrays.stream(CommunityRecords.Side.values())
                .noneMatch(v -> v.name().equals(side))) {
            throw new MalformedBodyException("$.side", "must be BUY or SELL");
        }
        boolean flexible = CommunityJson.bool(in, "flexible");
        BigDecimal kw = CommunityJson.amount(in, "kw", Kilowatts.SCALE);
        if (kw.signum() == 0) {
            throw new MalformedBodyException("$.kw", "must be > 0");
        }
        BigDecimal price = CommunityJson.amount(in, "price", PRICE_DECIMALS);
        String member = member();
        requireActiveMember(homeId, member);
        Order order = new Order(
                id,
                homeId,
                member,
                day,
                slot,
                CommunityRecords.Side.valueOf(side),
                flexible,
                new Kilowatts(kw),
                new EurosPerKwh(price));
        return CommunityJson.created("/api/community/orders/" + id, ledger.postOrder(key, order));
    }

    /** A day's orders: the caller's own, or the whole book for the operator's aggregator and admin. */
    @GET
    @Path("orders")
    @Operation(summary = "A day's community orders: a prosumer's own, or the whole book for the operator")
    public String listOrders(@QueryParam("day") String day, @QueryParam("community") String community) {
        Caller caller = access.require(Action.READ_COMMUNITY);
        String d = CommunityJson.pathDay(day, "day");
        boolean whole = seesWholeBook(caller);
        String member = member();
        ObjectNode out = CommunityJson.JSON.createObjectNode();
        ArrayNode records = out.putArray("records");
        for (String c : communities(community)) {
            for (PostedOrder o : ledger.listOrders(c, d).records()) {
                if (whole || member.equals(o.order().member())) {
                    records.add(CommunityJson.written(CommunityRecords.order(o)));
                }
            }
        }
        return out.toString();
    }

    /** Clears this aggregator's community's day now. */
    @POST
    @Path("clearing/{day}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Clear the aggregator's community day now and post its leftover flexibility (role aggregator)")
    public CommunityReport clear(
            @PathParam("day") String day,
            @HeaderParam(CommunityJson.IDEMPOTENCY_HEADER) String idempotencyKey,
            String body) {
        access.require(Action.OPERATE_COMMUNITY);
        // Every POST names its request; this one is idempotent by itself too (a repeat under another key
        // finds the recorded clearing).
        CommunityJson.idempotencyKey(idempotencyKey);
        LocalDate d = LocalDate.parse(CommunityJson.pathDay(day, "day"));
        noFields(body);
        return clearing.clear(d);
    }

    /** A body that is an empty JSON object {@code {}} (an operation that takes no input but a body). */
    private static void noFields(String body) {
        CommunityJson.object(body, Set.of());
    }

    /** A day's clearing: every trade for the operator's aggregator and admin, a prosumer's own otherwise. */
    @GET
    @Path("clearing/{community}/{day}")
    @Operation(summary = "A community day's trades (a prosumer's own only)")
    public Response readClearing(@PathParam("community") String community, @PathParam("day") String day) {
        Caller caller = access.require(Action.READ_COMMUNITY);
        CommunityJson.pathId(community, "community");
        String d = CommunityJson.pathDay(day, "day");
        StoredClearing record = ledger.readClearing(community, d);
        if (!seesWholeBook(caller)) {
            String member = member();
            Set<String> own = new HashSet<>();
            for (PostedOrder o : ledger.listOrders(community, d).records()) {
                if (member.equals(o.order().member())) {
                    own.add(o.order().id());
                }
            }
            record = record.withTrades(record.trades().stream()
                    .filter(t -> own.contains(t.orderId()))
                    .toList());
        }
        return CommunityJson.record(ledger, CommunityJson.written(CommunityRecords.clearing(record)));
    }

    /** A day's public clearing summary: price and volume per slot. */
    @GET
    @Path("prices/{community}/{day}")
    @Operation(summary = "A community day's clearing price and volume per slot (public)")
    public Response prices(@PathParam("community") String community, @PathParam("day") String day) {
        access.require(Action.READ);
        CommunityJson.pathId(community, "community");
        String d = CommunityJson.pathDay(day, "day");
        return CommunityJson.record(
                ledger, CommunityJson.written(CommunityRecords.prices(ledger.readPrices(community, d))));
    }

    /** Settles a member's trades of the day from the home's readings (the operator's instance). */
    @POST
    @Path("statements/{day}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Settle a member's community trades of a day from the home's meter readings (role aggregator)")
    public Response settle(
            @PathParam("day") String day,
            @HeaderParam(CommunityJson.IDEMPOTENCY_HEADER) String idempotencyKey,
            String body) {
        access.require(Action.OPERATE_COMMUNITY);
        String key = CommunityJson.idempotencyKey(idempotencyKey);
        String d = CommunityJson.pathDay(day, "day");
        JsonBody in = CommunityJson.object(body, STATEMENT_FIELDS);
        String homeId = CommunityJson.id(in, "homeId");
        JsonNode readings = in.node().get("readings");
        if (readings == null || !readings.isArray() || readings.isEmpty()) {
            throw new MalformedBodyException(
                    "$.readings", "is required: one signed reading with its proof per traded slot");
        }
        for (int i = 0; i < readings.size(); i++) {
            if (!readings.get(i).isObject()) {
                throw new MalformedBodyException("$.readings[" + i + "]", "must be a signed reading with its proof");
            }
        }
        SettlementInput settlement =
                new SettlementInput(ledger.mspId(), LocalDate.parse(d), homeId, provenReadings(readings));
        return CommunityJson.created(
                "/api/community/statements/" + ledger.mspId() + "/" + d + "?homeId=" + homeId,
                ledger.settleMember(key, settlement));
    }

    /** A day's statements: all for the operator's and CommunityMSP's aggregator and admin, a prosumer's own only. */
    @GET
    @Path("statements/{community}/{day}")
    @Operation(summary = "A community day's member statements (a prosumer's own home's only)")
    public String statements(
            @PathParam("community") String community,
            @PathParam("day") String day,
            @QueryParam("homeId") String homeId) {
        Caller caller = access.require(Action.READ_COMMUNITY);
        CommunityJson.pathId(community, "community");
        String d = CommunityJson.pathDay(day, "day");
        boolean whole = seesWholeBook(caller);
        String member = member();
        ObjectNode out = CommunityJson.JSON.createObjectNode();
        ArrayNode records = out.putArray("records");
        if (homeId != null && !homeId.isEmpty()) {
            CommunityJson.pathId(homeId, "homeId");
            StoredStatement statement = ledger.readStatement(community, d, homeId);
            // A member reads its own home's statement, nobody else's.
            if (!whole && !member.equals(statement.member())) {
                throw new AccessDeniedException("the statement of home " + homeId + " is not " + member + "'s");
            }
            records.add(CommunityJson.written(CommunityRecords.statement(statement)));
            return out.toString();
        }
        for (StoredStatement st : ledger.listStatements(community, d).records()) {
            if (whole || member.equals(st.member())) {
                records.add(CommunityJson.written(CommunityRecords.statement(st)));
            }
        }
        return out.toString();
    }

    /**
     * The readings of a settlement read as the chaincode reads them: each a signed reading with its Merkle
     * proof and no other field, by the ledger contract's codec. A reading at fault is refused as the ledger
     * refuses it ({@code INVALID_FIELD}, the field named by its path, e.g. {@code $.readings[0].proof}), so
     * that what the ledger is given is always what the caller sent.
     */
    private static List<ProvenReading> provenReadings(JsonNode readings) {
        List<Violation> found = new ArrayList<>();
        try {
            JsonFields in = JsonFields.parse(
                    "{\"readings\":" + readings + "}", JsonReader.Limits.LEDGER, JsonFields.collecting(found));
            List<ProvenReading> out = new ArrayList<>();
            for (JsonFields r : in.objects("readings")) {
                out.add(SettlementRecords.proven(r.onlyFields(SettlementRecords.READING_FIELDS)));
            }
            in.done();
            return out;
        } catch (ValidationException e) {
            List<Violation> rest = e.violations().subList(1, e.violations().size());
            throw ChaincodeRejection.of(
                    ErrorCode.INVALID_FIELD,
                    e.first().path() + ": " + e.first().reason()
                            + (rest.isEmpty() ? "" : " (and " + rest.size() + " more: " + rest + ")"));
        } catch (InputRefusal e) {
            throw ChaincodeRejection.of(e.code(), e.getMessage());
        }
    }

    /**
     * Refuses unless {@code member} is the ACTIVE member of {@code homeId} through this instance's
     * organisation (the one that proposed the membership signs the member's orders).
     */
    private void requireActiveMember(String homeId, String member) {
        Membership m;
        try {
            m = ledger.readMembership(homeId);
        } catch (ChaincodeRejection e) {
            if (e.is(ErrorCode.MEMBERSHIP_NOT_FOUND)) {
                throw ChaincodeRejection.of(
                        ErrorCode.MEMBERSHIP_NOT_ACTIVE,
                        "home " + homeId + " has no member; propose a membership first");
            }
            throw e;
        }
        // Only the home's ACTIVE member trades for it, through the organisation that proposed it.
        if (!member.equals(m.member()) || m.state() != MembershipState.ACTIVE) {
            throw ChaincodeRejection.of(
                    ErrorCode.MEMBERSHIP_NOT_ACTIVE, member + " is not the ACTIVE member of home " + homeId);
        }
        String proposedBy = m.proposerMsp() == null ? "" : m.proposerMsp();
        if (!proposedBy.isEmpty() && !proposedBy.equals(ledger.mspId())) {
            throw ChaincodeRejection.of(
                    ErrorCode.COMMUNITY_MSP_NOT_ALLOWED,
                    "the membership of home " + homeId + " is " + proposedBy + "'s; post through its instance");
        }
    }

    /** Whether the caller sees a community's whole book: the operator's or CommunityMSP's aggregator and admin. */
    private static boolean seesWholeBook(Caller caller) {
        return caller.roles().contains(Role.AGGREGATOR) || caller.roles().contains(Role.ADMIN);
    }

    /**
     * The communities a list reads: {@code community} if given (an aggregator's MSP id), else this
     * aggregator's own, or on CommunityMSP's instance every aggregator's.
     */
    private List<String> communities(String community) {
        if (community != null && !community.isEmpty()) {
            if (!Organisation.isAggregator(community)) {
                throw new MalformedBodyException("community", "must name an aggregator's MSP id");
            }
            return List.of(community);
        }
        if (Organisation.isAggregator(ledger.mspId())) {
            return List.of(ledger.mspId());
        }
        return List.of(Organisation.AGGREGATOR1_MSP, Organisation.AGGREGATOR2_MSP);
    }

    /** The caller's user name: the token's {@code preferred_username}, else the principal's name. */
    private String member() {
        String name = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim("preferred_username") : null;
        if (name == null || name.isEmpty()) {
            name = identity.getPrincipal().getName();
        }
        return name;
    }

    /**
     * An array of one price per slot of the day (EUR/kWh, >= 0, at most 5 decimals, numbers or decimal
     * strings).
     */
    private static List<BigDecimal> prices(JsonBody in, String name, int slots) {
        List<BigDecimal> read = in.decimals(name);
        if (read == null) {
            throw new MalformedBodyException("$." + name, "is required: an array of one EUR/kWh price per slot");
        }
        if (read.size() != slots) {
            throw new MalformedBodyException(
                    "$." + name, "needs " + slots + " prices (one per slot of the day), got " + read.size());
        }
        List<BigDecimal> out = new java.util.ArrayList<>();
        for (int t = 0; t < slots; t++) {
            out.add(CommunityJson.amount(read.get(t), "$." + name + "[" + t + "]", PRICE_DECIMALS));
        }
        return out;
    }

    private static Set<String> without(Set<String> fields, String field) {
        Set<String> out = new HashSet<>(fields);
        out.remove(field);
        return Set.copyOf(out);
    }
}
