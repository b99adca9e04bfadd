package io.flexledger.chaincode;

import static io.flexledger.chaincode.failures.Failures.fail;

import io.flexledger.chaincode.codec.CommunityJson;
import io.flexledger.chaincode.codec.CommunityJson.Clearing;
import io.flexledger.chaincode.codec.CommunityJson.SettlementInput;
import io.flexledger.chaincode.codec.CommunityJson.Trade;
import io.flexledger.chaincode.codec.Fields;
import io.flexledger.chaincode.codec.JsonInput;
import io.flexledger.chaincode.codec.RegistryJson;
import io.flexledger.chaincode.codec.SettlementJson.PresentedReading;
import io.flexledger.chaincode.support.Caller;
import io.flexledger.chaincode.support.Keys;
import io.flexledger.chaincode.support.Ledger;
import io.flexledger.chaincode.support.PrivateCollections;
import io.flexledger.contract.Community;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.CommunityRecords;
import io.flexledger.contract.codec.CommunityRecords.Day;
import io.flexledger.contract.codec.CommunityRecords.Membership;
import io.flexledger.contract.codec.CommunityRecords.MembershipInput;
import io.flexledger.contract.codec.CommunityRecords.MembershipState;
import io.flexledger.contract.codec.CommunityRecords.Order;
import io.flexledger.contract.codec.CommunityRecords.Pricing;
import io.flexledger.contract.codec.CommunityRecords.Side;
import io.flexledger.domain.community.CommunitySettlementRule;
import io.flexledger.domain.community.CommunityStatement;
import io.flexledger.domain.community.CommunityTrade;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.participants.Asset;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.validation.ValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * The UC2 community market of an aggregator's portfolio (decision 0021). A community is named by its
 * operator, the aggregator whose homes are its members. Memberships, members' orders and the day's trades
 * are kept in the collection the operator shares with {@code CommunityMSP} ({@code
 * Aggregator1CommunityCollection}, endorsed by both organisations' peers), with their SHA-256 in the
 * public state; the day's calendar and outside prices and the clearing prices per slot are public. The
 * operator's clearing is checked against the stored book, and a home's flexible sell matched in the
 * community holds its slot against the DSO's orders (the same {@code assetSlot} key a DSO order holds).
 *
 * <p>The JSON argument of a submission may instead be passed in a transient field ({@value
 * #MEMBERSHIP_TRANSIENT}, {@value #ORDER_TRANSIENT}, {@value #CLEARING_TRANSIENT}) with an empty
 * argument, so that it stays out of the block; the transient field {@value #SALT_TRANSIENT} (32-64 hex
 * digits) is kept in the private record so that its public hash cannot be found by guessing.
 */
@Contract(
        name = Community.CONTRACT,
        info = @Info(title = "FlexLedger community market", description = "UC2 community market", version = "1"))
public final class CommunityContract implements MarketContract {
    /** Transient field carrying the membership JSON when the argument is empty. */
    public static final String MEMBERSHIP_TRANSIENT = Community.MEMBERSHIP_TRANSIENT;
    /** Transient field carrying the order JSON when the argument is empty. */
    public static final String ORDER_TRANSIENT = Community.ORDER_TRANSIENT;
    /** Transient field carrying the clearing JSON when the argument is empty. */
    public static final String CLEARING_TRANSIENT = Community.CLEARING_TRANSIENT;
    /** Transient field carrying the settlement JSON when the argument is empty. */
    public static final String SETTLEMENT_TRANSIENT = Community.SETTLEMENT_TRANSIENT;
    /** Transient field carrying a salt for the private record's public hash. */
    public static final String SALT_TRANSIENT = Community.SALT_TRANSIENT;

    /** Prices a pay-as-clear trade may differ from the rule's exact value by (half a unit of 5 decimals). */
    static final BigDecimal PRICE_TOLERANCE = new BigDecimal("0.000005");

    /**
     * Opens a community's day (the operator only): gate closure after the transaction time and before the
     * DSO market's gate closure of the day; once per community and day.
     */
    @Transaction(name = Community.Names.OPEN_DAY, intent = Transaction.TYPE.SUBMIT)
    public String openCommunityDay(Context ctx, String dayJson) {
        String caller = Caller.msp(ctx);
        Day day = CommunityJson.day(JsonInput.parse(dayJson).onlyFields(Community.DAY_FIELDS));
        // Only the operator opens its community's days.
        if (!caller.equals(day.community()) || !Organisation.isAggregator(caller)) {
            throw fail(
                    ErrorCode.COMMUNITY_MSP_NOT_ALLOWED,
                    "$.community: only %s opens its community's days (caller %s)",
                    day.community(),
                    caller);
        }
        Ledger ledger = new Ledger(ctx);
        // The community's gate closes in the future ...
        if (!day.gateClosure().isAfter(ledger.now())) {
            throw fail(
                    ErrorCode.COMMUNITY_GATE_CLOSED,
                    "$.gateClosure: %s is not after the transaction time %s",
                    day.gateClosure(),
                    ledger.now());
        }
        // ... and before the DSO market's, so that the community's position can still be offered to the DSO.
        if (!day.gateClosure().isBefore(day.period().gateClosure())) {
            throw fail(
                    ErrorCode.COMMUNITY_GATE_CLOSED,
                    "$.gateClosure: %s is not before the DSO market's gate closure %s of %s",
                    day.gateClosure(),
                    day.period().gateClosure(),
                    day.period().day());
        }
        String key = ledger.key(Keys.COMMUNITY_DAY, caller, day.period().day().toString());
        // A community's day is opened once.
        if (ledger.exists(key)) {
            throw fail(
                    ErrorCode.COMMUNITY_DAY_EXISTS,
                    "the day %s of community %s is opened already",
                    day.period().day(),
                    caller);
        }
        Map<String, Object> record = CommunityJson.day(day, ledger.now(), ledger.txId());
        String json = ledger.put(key, record);
        // Its later changes (none today) need the operator's and the community organisation's peers.
        ledger.requireEndorsers(key, caller, Organisation.COMMUNITY_MSP);
        ledger.emit("CommunityDayOpened", record);
        return json;
    }

    /** Reads a community's day (public). */
    @Transaction(name = Community.Names.READ_DAY, intent = Transaction.TYPE.EVALUATE)
    public String readCommunityDay(Context ctx, String community, String day) {
        Ledger ledger = new Ledger(ctx);
        return ledger.get(ledger.key(Keys.COMMUNITY_DAY, community, BaselineContract.day(day)))
                .orElseThrow(() -> dayNotFound(community, day));
    }

    /**
     * Proposes a member of a home's community, by the home's aggregator or {@code CommunityMSP}; the
     * community is the home's aggregator's. Refused while the home has a membership.
     */
    @Transaction(name = Community.Names.PROPOSE_MEMBERSHIP, intent = Transaction.TYPE.SUBMIT)
    public String proposeMembership(Context ctx, String membershipJson) {
        String caller = Caller.msp(ctx);
        Ledger ledger = new Ledger(ctx);
        MembershipInput input =
                CommunityJson.membership(JsonInput.parse(input(ledger, membershipJson, MEMBERSHIP_TRANSIENT))
                        .onlyFields(Community.MEMBERSHIP_FIELDS));
        Asset home = requireHome(ledger, input.homeId(), "$.homeId");
        String community = home.aggregatorMsp();
        // A membership is proposed by the home's aggregator or by the community organisation for its member.
        if (!caller.equals(community) && !caller.equals(Organisation.COMMUNITY_MSP)) {
            throw fail(
                    ErrorCode.COMMUNITY_MSP_NOT_ALLOWED,
                    "$.homeId: only %s or %s proposes members of home %s (caller %s)",
                    community,
                    Organisation.COMMUNITY_MSP,
                    home.id(),
                    caller);
        }
        String key = ledger.key(Keys.COMMUNITY_MEMBERSHIP, home.id());
        // A home has one membership: a second proposal would let two members trade for it.
        Optional<JsonInput> existing = ledger.read(key, in -> in);
        if (existing.isPresent()) {
            throw fail(
                    ErrorCode.MEMBERSHIP_STATE_INVALID,
                    "$.homeId: home %s has a %s membership already",
                    home.id(),
                    existing.get().string("state"));
        }
        String salt = salt(ledger);
        Membership membership =
                new Membership(input.member(), home.id(), community, caller, MembershipState.PROPOSED, salt);
        Map<String, Object> record = store(ledger, key, membership);
        ledger.put(ledger.key(Keys.COMMUNITY_MEMBERSHIP_BY_COMMUNITY, community, home.id()), Map.of("key", key));
        ledger.emit("MembershipProposed", record);
        return CanonicalJson.write(record);
    }

    /** The operator approves a proposed membership of one of its homes: PROPOSED becomes ACTIVE. */
    @Transaction(name = Community.Names.APPROVE_MEMBERSHIP, intent = Transaction.TYPE.SUBMIT)
    public String approveMembership(Context ctx, String homeId) {
        String caller = Caller.msp(ctx);
        Ledger ledger = new Ledger(ctx);
        Asset home = requireHome(ledger, homeId, "homeId");
        // Only the home's aggregator, the community's operator, approves.
        if (!caller.equals(home.aggregatorMsp())) {
            throw fail(
                    ErrorCode.COMMUNITY_MSP_NOT_ALLOWED,
                    "only %s approves memberships of home %s (caller %s)",
                    home.aggregatorMsp(),
                    homeId,
                    caller);
        }
        String key = ledger.key(Keys.COMMUNITY_MEMBERSHIP, homeId);
        Membership membership = requireMembership(ledger, homeId);
        // Only a proposed membership is approved.
        if (membership.state() != MembershipState.PROPOSED) {
            throw fail(
                    ErrorCode.MEMBERSHIP_STATE_INVALID, "the membership of home %s is %s", homeId, membership.state());
        }
        Map<String, Object> record = store(ledger, key, membership.withState(MembershipState.ACTIVE));
        ledger.emit("MembershipApproved", record);
        return CanonicalJson.write(record);
    }

    /** Reads a home's membership (the community's organisations only). */
    @Transaction(name = Community.Names.READ_MEMBERSHIP, intent = Transaction.TYPE.EVALUATE)
    public String readMembership(Context ctx, String homeId) {
        Ledger ledger = new Ledger(ctx);
        JsonInput published = ledger.read(ledger.key(Keys.COMMUNITY_MEMBERSHIP, homeId), in -> in)
                .orElseThrow(() -> fail(ErrorCode.MEMBERSHIP_NOT_FOUND, "home %s has no membership", homeId));
        String community = published.string("community");
        requireMember(ctx, community);
        return ledger.getPrivate(
                        PrivateCollections.forCommunity(community), ledger.key(Keys.COMMUNITY_MEMBERSHIP, homeId))
                .orElseThrow(() -> fail(
                        ErrorCode.MEMBERSHIP_NOT_FOUND, "this peer holds no membership record of home %s", homeId));
    }

    /** Lists a community's memberships (the community's organisations only). */
    @Transaction(name = Community.Names.LIST_MEMBERSHIPS, intent = Transaction.TYPE.EVALUATE)
    public String listMemberships(Context ctx, String community) {
        requireMember(ctx, community);
        Ledger ledger = new Ledger(ctx);
        return privateList(ledger, community, Keys.COMMUNITY_MEMBERSHIP_BY_COMMUNITY, List.of(community));
    }

    /**
     * Posts a member's order: the day is opened for the home's community and its gate has not closed; the
     * caller is the organisation that proposed the home's ACTIVE membership and the order names its member.
     */
    @Transaction(name = Community.Names.POST_ORDER, intent = Transaction.TYPE.SUBMIT)
    public String postCommunityOrder(Context ctx, String orderJson) {
        String caller = Caller.msp(ctx);
        Ledger ledger = new Ledger(ctx);
        String json = input(ledger, orderJson, ORDER_TRANSIENT);
        JsonInput in = JsonInput.parse(json).onlyFields(Community.ORDER_FIELDS);
        Order order = CommunityJson.order(in);
        in.done();
        Asset home = requireHome(ledger, order.homeId(), "$.homeId");
        String community = home.aggregatorMsp();
        Day day = requireDay(ledger, community, order.day().toString());
        // Orders are posted before the community's gate closure (transaction time, checked by each endorser).
        if (!ledger.now().isBefore(day.gateClosure())) {
            throw fail(
                    ErrorCode.COMMUNITY_GATE_CLOSED,
                    "the gate of community %s for %s closed at %s; transaction time is %s",
                    community,
                    order.day(),
                    day.gateClosure(),
                    ledger.now());
        }
        Membership membership = ledger.read(ledger.key(Keys.COMMUNITY_MEMBERSHIP, home.id()), in2 -> in2)
                .map(published -> readPrivateMembership(ledger, community, home.id()))
                .orElseThrow(
                        () -> fail(ErrorCode.MEMBERSHIP_NOT_ACTIVE, "$.homeId: home %s has no membership", home.id()));
        // The home's member is active ...
        if (membership.state() != MembershipState.ACTIVE) {
            throw fail(
                    ErrorCode.MEMBERSHIP_NOT_ACTIVE,
                    "$.homeId: the membership of home %s is %s",
                    home.id(),
                    membership.state());
        }
        // ... its orders come from the organisation that speaks for it ...
        if (!caller.equals(membership.proposerMsp())) {
            throw fail(
                    ErrorCode.MEMBERSHIP_NOT_ACTIVE,
                    "$.homeId: the member of home %s posts through %s (caller %s)",
                    home.id(),
                    membership.proposerMsp(),
                    caller);
        }
        // ... and name that member.
        if (!membership.member().equals(order.member())) {
            throw fail(
                    ErrorCode.MEMBERSHIP_NOT_ACTIVE,
                    "$.member: %s is not the member of home %s",
                    order.member(),
                    home.id());
        }
        String key = ledger.key(Keys.COMMUNITY_ORDER, community, order.id());
        // Order ids are unique within the community.
        if (ledger.exists(key)) {
            throw fail(
                    ErrorCode.COMMUNITY_ORDER_EXISTS, "$.id: order %s exists in community %s", order.id(), community);
        }
        Map<String, Object> stored =
                CommunityJson.order(order, community, caller, salt(ledger), ledger.now(), ledger.txId());
        String privateJson = ledger.putPrivate(PrivateCollections.forCommunity(community), key, stored);
        Map<String, Object> record = CommunityJson.publicOrder(
                community, order, Baseline.sha256Hex(privateJson), ledger.now(), ledger.txId());
        String out = ledger.put(key, record);
        ledger.put(
                ledger.key(Keys.COMMUNITY_ORDER_BY_DAY, community, order.day().toString(), order.id()),
                Map.of("key", key));
        ledger.emit("CommunityOrderPosted", record);
        return out;
    }

    /** Lists a community's orders of a day (the community's organisations only). */
    @Transaction(name = Community.Names.LIST_ORDERS, intent = Transaction.TYPE.EVALUATE)
    public String listCommunityOrders(Context ctx, String community, String day) {
        requireMember(ctx, community);
        Ledger ledger = new Ledger(ctx);
        return privateList(
                ledger, community, Keys.COMMUNITY_ORDER_BY_DAY, List.of(community, BaselineContract.day(day)));
    }

    /**
     * Records the day's clearing (the operator only), at or after the community's gate closure and before
     * the DSO market's, once; every trade is checked against the stored orders and the day's prices.
     */
    @Transaction(name = Community.Names.RECORD_CLEARING, intent = Transaction.TYPE.SUBMIT)
    public String recordCommunityClearing(Context ctx, String clearingJson) {
        String caller = Caller.msp(ctx);
        Ledger ledger = new Ledger(ctx);
        Clearing clearing = CommunityJson.clearing(
                JsonInput.parse(input(ledger, clearingJson, CLEARING_TRANSIENT)).onlyFields(Community.CLEARING_FIELDS));
        String community = clearing.community();
        // Only the operator clears its community.
        if (!caller.equals(community) || !Organisation.isAggregator(caller)) {
            throw fail(
                    ErrorCode.COMMUNITY_MSP_NOT_ALLOWED,
                    "$.community: only %s records its community's clearing (caller %s)",
                    community,
                    caller);
        }
        String dayText = clearing.day().toString();
        Day day = requireDay(ledger, community, dayText);
        // Clearing starts when the book is closed ...
        if (ledger.now().isBefore(day.gateClosure())) {
            throw fail(
                    ErrorCode.COMMUNITY_GATE_CLOSED,
                    "the gate of community %s for %s closes at %s; transaction time is %s",
                    community,
                    dayText,
                    day.gateClosure(),
                    ledger.now());
        }
        // ... and ends before the DSO market's gate closure.
        if (!ledger.now().isBefore(day.period().gateClosure())) {
            throw fail(
                    ErrorCode.COMMUNITY_GATE_CLOSED,
                    "the DSO market's gate for %s closed at %s; transaction time is %s",
                    dayText,
                    day.period().gateClosure(),
                    ledger.now());
        }
        String key = ledger.key(Keys.COMMUNITY_CLEARING, community, dayText);
        // A day is cleared once.
        if (ledger.exists(key)) {
            throw fail(
                    ErrorCode.COMMUNITY_CLEARING_EXISTS,
                    "the clearing of community %s for %s is recorded already",
                    community,
                    dayText);
        }
        List<Matched> matched = check(ledger, community, day, clearing);
        // Matched flexible sells hold their home's slot: the DSO cannot buy it as well.
        Map<String, Matched> locks = new LinkedHashMap<>();
        for (Matched m : matched) {
            if (m.order().side() == Side.SELL && m.order().flexible()) {
                String lock = ledger.key(
                        Keys.ASSET_SLOT,
                        dayText,
                        m.order().homeId(),
                        Keys.slot(m.order().slot()));
                if (locks.containsKey(lock)) {
                    continue;
                }
                Optional<String> holder = ledger.get(lock);
                if (holder.isPresent()) {
                    throw fail(
                            ErrorCode.COMMUNITY_DOUBLE_SALE,
                            "%s: home %s is already sold in slot %d of %s by %s",
                            m.trade().path(),
                            m.order().homeId(),
                            m.order().slot(),
                            dayText,
                            holderName(holder.get()));
                }
                locks.put(lock, m);
            }
        }
        String salt = salt(ledger);
        CommunityRecords.StoredClearing cleared = privateClearing(community, day, matched, salt, ledger);
        String privateJson =
                ledger.putPrivate(PrivateCollections.forCommunity(community), key, CommunityRecords.clearing(cleared));
        Map<String, Object> record =
                CommunityRecords.prices(CommunityRecords.prices(cleared, Baseline.sha256Hex(privateJson)));
        String json = ledger.put(key, record);
        ledger.requireEndorsers(key, caller, Organisation.COMMUNITY_MSP);
        locks.forEach((lock, m) -> {
            Map<String, Object> holder = Fields.record();
            holder.put("community", community);
            holder.put("communityOrderId", m.order().id());
            holder.put("txId", ledger.txId());
            ledger.put(lock, holder);
        });
        ledger.emit("CommunityCleared", record);
        return json;
    }

    /** Reads a day's clearing with its trades (the community's organisations only). */
    @Transaction(name = Community.Names.READ_CLEARING, intent = Transaction.TYPE.EVALUATE)
    public String readCommunityClearing(Context ctx, String community, String day) {
        requireMember(ctx, community);
        Ledger ledger = new Ledger(ctx);
        return ledger.getPrivate(
                        PrivateCollections.forCommunity(community),
                        ledger.key(Keys.COMMUNITY_CLEARING, community, BaselineContract.day(day)))
                .orElseThrow(() -> fail(
                        ErrorCode.COMMUNITY_CLEARING_NOT_FOUND,
                        "no clearing of community %s for %s on this peer",
                        community,
                        day));
    }

    /** Reads a day's public clearing summary: price and bought kW per slot, the trades' hash. */
    @Transaction(name = Community.Names.READ_PRICES, intent = Transaction.TYPE.EVALUATE)
    public String readCommunityPrices(Context ctx, String community, String day) {
        Ledger ledger = new Ledger(ctx);
        return ledger.get(ledger.key(Keys.COMMUNITY_CLEARING, community, BaselineContract.day(day)))
                .orElseThrow(() -> fail(
                        ErrorCode.COMMUNITY_CLEARING_NOT_FOUND, "no clearing of community %s for %s", community, day));
    }

    /**
     * Settles one member's trades of a day from the home's meter (the operator only): the day's clearing
     * exists, the home's membership of the community is ACTIVE and it traded; one reading per traded slot,
     * each checked as {@code settlements:SettleOrder} checks its readings (a meter of the home approved by
     * the DSO, its signature, its proof against the anchored root of the operator's portfolio for the
     * day); the statement is computed here by {@link CommunitySettlementRule}; once per home and day.
     */
    @Transaction(name = Community.Names.SETTLE_MEMBER, intent = Transaction.TYPE.SUBMIT)
    public String settleCommunityMember(Context ctx, String settlementJson) {
        String caller = Caller.msp(ctx);
        Ledger ledger = new Ledger(ctx);
        SettlementInput input =
                CommunityJson.settlement(JsonInput.parse(input(ledger, settlementJson, SETTLEMENT_TRANSIENT))
                        .onlyFields(Community.SETTLEMENT_FIELDS));
        String community = input.community();
        // Only the operator settles its community's members.
        if (!caller.equals(community) || !Organisation.isAggregator(caller)) {
            throw fail(
                    ErrorCode.COMMUNITY_MSP_NOT_ALLOWED,
                    "$.community: only %s settles its community's members (caller %s)",
                    community,
                    caller);
        }
        String dayText = input.day().toString();
        String key = ledger.key(Keys.COMMUNITY_STATEMENT, community, dayText, input.homeId());
        // A member's day is settled once.
        if (ledger.exists(key)) {
            throw fail(
                    ErrorCode.COMMUNITY_STATEMENT_EXISTS,
                    "$.homeId: the statement of home %s in community %s for %s is recorded already",
                    input.homeId(),
                    community,
                    dayText);
        }
        Day day = requireDay(ledger, community, dayText);
        String clearingKey = ledger.key(Keys.COMMUNITY_CLEARING, community, dayText);
        String clearingSha256 = ledger.read(clearingKey, in -> in.string("sha256"))
                .orElseThrow(() -> fail(
                        ErrorCode.COMMUNITY_CLEARING_NOT_FOUND,
                        "$.day: no clearing of community %s for %s",
                        community,
                        dayText));
        String clearingJson = ledger.getPrivate(PrivateCollections.forCommunity(community), clearingKey)
                .orElseThrow(() -> fail(
                        ErrorCode.COMMUNITY_CLEARING_NOT_FOUND,
                        "this peer holds no trades of community %s for %s",
                        community,
                        dayText));
        // The trades are the ones the public hash was recorded for.
        if (!Baseline.sha256Hex(clearingJson).equals(clearingSha256)) {
            throw fail(
                    ErrorCode.COMMUNITY_STATEMENT_INVALID,
                    "the stored trades of community %s for %s do not hash to the clearing's %s",
                    community,
                    dayText,
                    clearingSha256);
        }
        Membership membership = ledger.read(ledger.key(Keys.COMMUNITY_MEMBERSHIP, input.homeId()), in -> in)
                .filter(published -> community.equals(published.string("community")))
                .map(published -> readPrivateMembership(ledger, community, input.homeId()))
                .orElseThrow(() -> fail(
                        ErrorCode.MEMBERSHIP_NOT_ACTIVE,
                        "$.homeId: home %s is not a member of community %s",
                        input.homeId(),
                        community));
        // The home's member is active.
        if (membership.state() != MembershipState.ACTIVE) {
            throw fail(
                    ErrorCode.MEMBERSHIP_NOT_ACTIVE,
                    "$.homeId: the membership of home %s is %s",
                    input.homeId(),
                    membership.state());
        }
        List<CommunityTrade> trades = CommunityJson.storedTrades(clearingJson, input.homeId());
        // A statement settles trades.
        if (trades.isEmpty()) {
            throw fail(
                    ErrorCode.COMMUNITY_STATEMENT_INVALID,
                    "$.homeId: home %s has no trade in community %s on %s",
                    input.homeId(),
                    community,
                    dayText);
        }
        ReadingAnchor anchor = AnchorContract.requireAnchor(ledger, dayText, community);
        List<PresentedReading> bySlot = ReadingChecks.check(
                ledger,
                ReadingChecks.Scope.ofTrades(
                        input.homeId(),
                        input.day(),
                        new TreeSet<>(CommunitySettlementRule.tradedSlots(trades)),
                        community),
                anchor,
                input.readings());
        CommunityStatement statement;
        try {
            statement = CommunitySettlementRule.DEFAULT.settle(
                    community,
                    input.homeId(),
                    day.period(),
                    trades,
                    day.importPrice(),
                    day.exportPrice(),
                    bySlot.stream().map(PresentedReading::reading).toList());
        } catch (ValidationException e) {
            // The checks above leave nothing for the rule to refuse; should it, the field is named.
            throw fail(
                    ErrorCode.COMMUNITY_STATEMENT_INVALID,
                    "$.%s: %s",
                    e.first().path(),
                    e.first().reason());
        }
        String privateJson = ledger.putPrivate(
                PrivateCollections.forCommunity(community),
                key,
                CommunityJson.statement(
                        statement,
                        membership.member(),
                        bySlot,
                        anchor.rootHex(),
                        clearingSha256,
                        ledger.now(),
                        ledger.txId()));
        Map<String, Object> record = CommunityRecords.publicStatement(
                community,
                dayText,
                input.homeId(),
                Baseline.sha256Hex(privateJson),
                anchor.rootHex(),
                clearingSha256,
                ledger.now(),
                ledger.txId());
        String json = ledger.put(key, record);
        ledger.requireEndorsers(key, caller, Organisation.COMMUNITY_MSP);
        ledger.emit("CommunityMemberSettled", record);
        return json;
    }

    /** Reads a member's statement of a day (the community's organisations only). */
    @Transaction(name = Community.Names.READ_STATEMENT, intent = Transaction.TYPE.EVALUATE)
    public String readCommunityStatement(Context ctx, String community, String day, String homeId) {
        requireMember(ctx, community);
        Ledger ledger = new Ledger(ctx);
        return ledger.getPrivate(
                        PrivateCollections.forCommunity(community),
                        ledger.key(Keys.COMMUNITY_STATEMENT, community, BaselineContract.day(day), homeId))
                .orElseThrow(() -> fail(
                        ErrorCode.COMMUNITY_STATEMENT_NOT_FOUND,
                        "no statement of home %s in community %s for %s",
                        homeId,
                        community,
                        day));
    }

    /** Lists a community's statements of a day (the community's organisations only). */
    @Transaction(name = Community.Names.LIST_STATEMENTS, intent = Transaction.TYPE.EVALUATE)
    public String listCommunityStatements(Context ctx, String community, String day) {
        requireMember(ctx, community);
        Ledger ledger = new Ledger(ctx);
        String collection = PrivateCollections.forCommunity(community);
        List<Object> records = new ArrayList<>();
        String dayText = BaselineContract.day(day);
        for (String published : ledger.all(Keys.COMMUNITY_STATEMENT, List.of(community, dayText))) {
            String homeId = JsonInput.parse(published).string("homeId");
            ledger.getPrivate(collection, ledger.key(Keys.COMMUNITY_STATEMENT, community, dayText, homeId))
                    .ifPresent(json -> records.add(new CanonicalJson.Raw(json)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("records", records);
        return CanonicalJson.write(out);
    }

    /** Names what holds an {@code assetSlot} key: a DSO order or a community trade. */
    static String holderName(String holderJson) {
        JsonInput holder = JsonInput.parse(holderJson);
        if (holder.has("communityOrderId")) {
            return "the community trade of order " + holder.string("communityOrderId") + " in community "
                    + holder.string("community");
        }
        return "order " + holder.string("orderId");
    }

    // ---- the clearing's checks

    /** A trade with the order it names. */
    private record Matched(Trade trade, Order order) {}

    private static List<Matched> check(Ledger ledger, String community, Day day, Clearing clearing) {
        String collection = PrivateCollections.forCommunity(community);
        List<Matched> matched = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Trade t : clearing.trades()) {
            // Every trade names an order of this community and day ...
            Order order = ledger.getPrivate(collection, ledger.key(Keys.COMMUNITY_ORDER, community, t.orderId()))
                    .map(CommunityJson::storedOrder)
                    .orElseThrow(() ->
                            invalidTrade(t, "orderId", "order %s is not in community %s", t.orderId(), community));
            if (!order.day().equals(day.period().day())) {
                throw invalidTrade(
                        t,
                        "orderId",
                        "order %s is for %s, not %s",
                        t.orderId(),
                        order.day(),
                        day.period().day());
            }
            // ... at most once ...
            if (!seen.add(t.orderId())) {
                throw invalidTrade(t, "orderId", "order %s is traded twice", t.orderId());
            }
            // ... for more than nothing and at most what the order asked for ...
            if (t.kw().value().signum() <= 0 || t.kw().compareTo(order.kw()) > 0) {
                throw invalidTrade(t, "kw", "%s kW is not in (0, %s], order %s's kW", t.kw(), order.kw(), order.id());
            }
            // ... at a price of at least zero.
            if (t.price().signum() < 0) {
                throw invalidTrade(t, "price", "must not be negative");
            }
            BigDecimal limit = limit(day, order);
            // Nobody trades on worse terms than its own effective price (its order capped by the grid's prices).
            if (order.side() == Side.BUY && t.price().compareTo(limit) > 0) {
                throw invalidTrade(
                        t,
                        "price",
                        "%s is above buyer %s's effective bid %s",
                        t.price().toPlainString(),
                        order.id(),
                        limit.toPlainString());
            }
            if (order.side() == Side.SELL && t.price().compareTo(limit) < 0) {
                throw invalidTrade(
                        t,
                        "price",
                        "%s is below seller %s's effective ask %s",
                        t.price().toPlainString(),
                        order.id(),
                        limit.toPlainString());
            }
            matched.add(new Matched(t, order));
        }
        TreeMap<Integer, List<Matched>> bySlot = new TreeMap<>();
        matched.forEach(m ->
                bySlot.computeIfAbsent(m.order().slot(), s -> new ArrayList<>()).add(m));
        for (Map.Entry<Integer, List<Matched>> slot : bySlot.entrySet()) {
            checkSlot(clearing, day, slot.getKey(), slot.getValue());
        }
        return matched;
    }

    /** A slot's trades: bought kW equal sold kW, and the prices follow the day's pricing rule. */
    private static void checkSlot(Clearing clearing, Day day, int slot, List<Matched> trades) {
        BigDecimal bought = BigDecimal.ZERO;
        BigDecimal sold = BigDecimal.ZERO;
        BigDecimal lowestBid = null;
        BigDecimal highestAsk = null;
        for (Matched m : trades) {
            BigDecimal limit = limit(day, m.order());
            if (m.order().side() == Side.BUY) {
                bought = bought.add(m.trade().kw().value());
                lowestBid = lowestBid == null ? limit : lowestBid.min(limit);
            } else {
                sold = sold.add(m.trade().kw().value());
                highestAsk = highestAsk == null ? limit : highestAsk.max(limit);
            }
        }
        // Energy is conserved inside the community: what its buyers take, its sellers give.
        if (bought.compareTo(sold) != 0) {
            throw fail(
                    ErrorCode.COMMUNITY_TRADE_INVALID,
                    "$.trades: slot %d buys %s kW and sells %s kW",
                    slot,
                    bought.toPlainString(),
                    sold.toPlainString());
        }
        for (Matched m : trades) {
            BigDecimal limit = limit(day, m.order());
            BigDecimal expected;
            if (day.pricing() == Pricing.PAY_AS_BID) {
                // Pay-as-bid: everyone trades at its own effective price.
                expected = limit;
            } else {
                // Pay-as-clear: the slot's one price, the midpoint of the marginal matched bid and ask,
                // unless the party's own effective price is better for it (decision 0008).
                BigDecimal p = lowestBid.add(highestAsk).divide(BigDecimal.valueOf(2));
                expected = m.order().side() == Side.BUY ? p.min(limit) : p.max(limit);
            }
            if (m.trade().price().subtract(expected).abs().compareTo(PRICE_TOLERANCE) > 0) {
                throw invalidTrade(
                        m.trade(),
                        "price",
                        "%s is not the %s price %s of order %s in slot %d",
                        m.trade().price().toPlainString(),
                        day.pricing(),
                        expected.toPlainString(),
                        m.order().id(),
                        slot);
            }
        }
        if (day.pricing() == Pricing.PAY_AS_CLEAR) {
            // Within the tolerance every uncapped trade of the slot is at one and the same price.
            BigDecimal one = null;
            for (Matched m : trades) {
                if (m.trade().price().compareTo(limit(day, m.order())) == 0) {
                    continue;
                }
                if (one == null) {
                    one = m.trade().price();
                } else if (one.compareTo(m.trade().price()) != 0) {
                    throw invalidTrade(
                            m.trade(),
                            "price",
                            "slot %d is cleared at %s, not %s",
                            slot,
                            one.toPlainString(),
                            m.trade().price().toPlainString());
                }
            }
        }
    }

    /** An order's effective price: a bid capped at the import price, an ask raised to the export price. */
    private static BigDecimal limit(Day day, Order order) {
        return order.side() == Side.BUY
                ? day.effectiveBid(order.slot(), order.price())
                : day.effectiveAsk(order.slot(), order.price());
    }

    private static RuntimeException invalidTrade(Trade t, String field, String format, Object... args) {
        return fail(ErrorCode.COMMUNITY_TRADE_INVALID, "%s.%s: %s", t.path(), field, String.format(format, args));
    }

    private static CommunityRecords.StoredClearing privateClearing(
            String community, Day day, List<Matched> matched, String salt, Ledger ledger) {
        List<CommunityRecords.ClearedTrade> trades = new ArrayList<>();
        for (Matched x : matched) {
            trades.add(new CommunityRecords.ClearedTrade(
                    x.order().id(),
                    x.order().homeId(),
                    x.order().member(),
                    x.order().slot(),
                    x.order().side(),
                    x.order().flexible(),
                    x.trade().kw(),
                    x.trade().price().stripTrailingZeros()));
        }
        return new CommunityRecords.StoredClearing(
                community, day.period().day(), day.pricing(), trades, salt, ledger.now(), ledger.txId());
    }

    // ---- helpers

    /** The JSON argument, or the transient field {@code name} when the argument is empty. */
    private static String input(Ledger ledger, String argument, String name) {
        if (argument != null && !argument.isEmpty()) {
            return argument;
        }
        return ledger.transientField(name)
                .orElseThrow(() -> fail(
                        ErrorCode.MALFORMED_INPUT,
                        "$: a JSON object is required as the argument or the transient field '%s'",
                        name));
    }

    /** The optional salt of a private record (transient), checked like a home's salt. */
    private static String salt(Ledger ledger) {
        Optional<String> salt = ledger.transientField(SALT_TRANSIENT);
        if (salt.isEmpty()) {
            return null;
        }
        try {
            Baseline.checkSalt(salt.get());
        } catch (ValidationException e) {
            throw fail(ErrorCode.PRIVATE_DATA_INVALID, "$.salt: %s", e.first().reason());
        }
        return salt.get();
    }

    /** Stores a membership privately and its public record with the private record's hash. */
    private static Map<String, Object> store(Ledger ledger, String key, Membership membership) {
        String privateJson = ledger.putPrivate(
                PrivateCollections.forCommunity(membership.community()), key, CommunityJson.membership(membership));
        Map<String, Object> record = CommunityJson.publicMembership(
                membership, Baseline.sha256Hex(privateJson), ledger.now(), ledger.txId());
        ledger.put(key, record);
        return record;
    }

    private static Asset requireHome(Ledger ledger, String homeId, String path) {
        return ledger.read(ledger.key(Keys.ASSET, homeId), in -> RegistryJson.asset(in, null))
                .orElseThrow(() -> fail(ErrorCode.ASSET_NOT_FOUND, "%s: home %s is not registered", path, homeId));
    }

    private static Membership requireMembership(Ledger ledger, String homeId) {
        String community = ledger.read(ledger.key(Keys.COMMUNITY_MEMBERSHIP, homeId), in -> in.string("community"))
                .orElseThrow(() -> fail(ErrorCode.MEMBERSHIP_NOT_FOUND, "home %s has no membership", homeId));
        return readPrivateMembership(ledger, community, homeId);
    }

    private static Membership readPrivateMembership(Ledger ledger, String community, String homeId) {
        return ledger.getPrivate(
                        PrivateCollections.forCommunity(community), ledger.key(Keys.COMMUNITY_MEMBERSHIP, homeId))
                .map(json -> CommunityJson.storedMembership(JsonInput.parse(json)))
                .orElseThrow(() -> fail(
                        ErrorCode.MEMBERSHIP_NOT_FOUND, "this peer holds no membership record of home %s", homeId));
    }

    private static Day requireDay(Ledger ledger, String community, String day) {
        return ledger.read(
                        ledger.key(Keys.COMMUNITY_DAY, community, day),
                        in -> CommunityJson.day(in.onlyFields(CommunityRecords.DAY_STORED)))
                .orElseThrow(() -> dayNotFound(community, day));
    }

    private static RuntimeException dayNotFound(String community, String day) {
        return fail(ErrorCode.COMMUNITY_DAY_NOT_FOUND, "community %s has not opened %s", community, day);
    }

    /** Refuses a private read unless the caller is the community's operator or CommunityMSP. */
    private static void requireMember(Context ctx, String community) {
        String caller = Caller.msp(ctx);
        // Community data is for the operator and the community organisation only, never the DSO.
        if (!Organisation.isAggregator(community)
                || (!caller.equals(community) && !caller.equals(Organisation.COMMUNITY_MSP))) {
            throw fail(
                    ErrorCode.COMMUNITY_MSP_NOT_ALLOWED,
                    "only %s and %s read community %s's private records (caller %s)",
                    community,
                    Organisation.COMMUNITY_MSP,
                    community,
                    caller);
        }
    }

    /** The private records an index under {@code type} + {@code attributes} points at. */
    private static String privateList(Ledger ledger, String community, String type, List<String> attributes) {
        String collection = PrivateCollections.forCommunity(community);
        List<Object> records = new ArrayList<>();
        for (String index : ledger.all(type, attributes)) {
            ledger.getPrivate(collection, JsonInput.parse(index).string("key"))
                    .ifPresent(json -> records.add(new CanonicalJson.Raw(json)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("records", records);
        return CanonicalJson.write(out);
    }
}
