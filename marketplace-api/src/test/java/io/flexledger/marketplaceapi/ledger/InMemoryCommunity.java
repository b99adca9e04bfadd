package io.flexledger.marketplaceapi.ledger;

import static io.flexledger.marketplaceapi.ledger.InMemoryLedger.object;
import static io.flexledger.marketplaceapi.ledger.InMemoryLedger.refuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.contract.Community;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.CommunityRecords;
import io.flexledger.contract.codec.CommunityRecords.ClearingInput;
import io.flexledger.contract.codec.CommunityRecords.Day;
import io.flexledger.contract.codec.CommunityRecords.Membership;
import io.flexledger.contract.codec.CommunityRecords.MembershipInput;
import io.flexledger.contract.codec.CommunityRecords.MembershipState;
import io.flexledger.contract.codec.CommunityRecords.Order;
import io.flexledger.contract.codec.CommunityRecords.PostedOrder;
import io.flexledger.contract.codec.CommunityRecords.SettlementInput;
import io.flexledger.contract.codec.CommunityRecords.StoredDay;
import io.flexledger.contract.codec.InputRefusal;
import io.flexledger.contract.codec.JsonFields;
import io.flexledger.contract.codec.JsonReader;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.SettlementRecords.ProvenReading;
import io.flexledger.domain.community.CommunitySettlementRule;
import io.flexledger.domain.community.CommunityStatement;
import io.flexledger.domain.community.CommunityTrade;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.time.MarketRules;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The community contract's {@link CommunityLedger} in memory for the tests, enabled by {@link
 * InMemoryLedgerProfile}; its writes are transactions of the {@link InMemoryLedger}. It keeps the rules the
 * API's answers depend on: a day opened once by its operator with a gate closure after now and before the
 * DSO market's; memberships proposed by the home's aggregator or CommunityMSP, approved by the home's
 * aggregator only, one per home; orders by the organisation that proposed the member's ACTIVE membership,
 * before the gate closure, unique ids; a clearing recorded once by the operator between the two gate
 * closures, its trades re-checked against the stored orders (known orders, within their kW, balanced per
 * slot, priced by the day's rule on effective prices within 0.000005 EUR/kWh); private reads for the operator and CommunityMSP only. Its clock is the tests' to set.
 *
 * <p>Its writes take domain values and read the input the codec writes from them as the chaincode does;
 * days, memberships, orders and clearings are kept as the records the ledger contract's codec writes for
 * the chaincode, and read back by that codec; statements are kept as the codec's stored records. Each
 * write answers what the chaincode answers: the public record it wrote (a day, a membership, an order, the
 * day's prices, a statement's public record), written by the same codec writers.
 */
@Alternative
@ApplicationScoped
public class InMemoryCommunity implements CommunityLedger {
    private final InMemoryLedger ledger;
    private final InMemoryRegistry registry;
    private final InMemorySettlements settlements;
    private final Map<String, ObjectNode> days = new TreeMap<>();
    private final Map<String, ObjectNode> memberships = new TreeMap<>();
    private final Map<String, ObjectNode> orders = new TreeMap<>();
    private final Map<String, ObjectNode> clearings = new TreeMap<>();
    /** {@code community|day}: the public clearings (price and kW per slot). */
    private final Map<String, ObjectNode> prices = new TreeMap<>();
    /** {@code community|day|home}: members' statements. */
    private final Map<String, CommunityRecords.StoredStatement> statements = new TreeMap<>();
    /** {@code day|home|slot} of matched flexible sells: locked against DSO orders. */
    private final Set<String> locked = new HashSet<>();

    private volatile Instant now = Instant.parse("2030-05-31T12:00:00Z");

    public InMemoryCommunity(InMemoryLedger ledger, InMemoryRegistry registry, InMemorySettlements settlements) {
        this.ledger = ledger;
        this.registry = registry;
        this.settlements = settlements;
    }

    /** The ledger's time, as the transactions see it. */
    public void setNow(Instant now) {
        this.now = now;
    }

    /** Forgets every record (between tests) and sets the clock back. */
    public void clear() {
        ledger.read(() -> {
            days.clear();
            memberships.clear();
            orders.clear();
            clearings.clear();
            prices.clear();
            statements.clear();
            locked.clear();
            return null;
        });
        now = Instant.parse("2030-05-31T12:00:00Z");
    }

    /** The home slots locked by matched flexible sells, {@code day|home|slot}. */
    public Set<String> lockedSlots() {
        return ledger.read(() -> Set.copyOf(locked));
    }

    /** This ledger as seen by another organisation's instance. */
    public CommunityLedger as(String organisation) {
        return new View(organisation);
    }

    @Override
    public String mspId() {
        return ledger.mspId();
    }

    @Override
    public long blockNumberOf(String txId) {
        return ledger.blockNumberOf(txId);
    }

    @Override
    public LedgerReceipt openDay(String idempotencyKey, Day day) {
        return as(mspId()).openDay(idempotencyKey, day);
    }

    @Override
    public StoredDay readDay(String community, String day) {
        return as(mspId()).readDay(community, day);
    }

    @Override
    public LedgerReceipt proposeMembership(String idempotencyKey, MembershipInput membership) {
        return as(mspId()).proposeMembership(idempotencyKey, membership);
    }

    @Override
    public LedgerReceipt approveMembership(String idempotencyKey, String homeId) {
        return as(mspId()).approveMembership(idempotencyKey, homeId);
    }

    @Override
    public Membership readMembership(String homeId) {
        return as(mspId()).readMembership(homeId);
    }

    @Override
    public Page<Membership> listMemberships(String community) {
        return as(mspId()).listMemberships(community);
    }

    @Override
    public LedgerReceipt postOrder(String idempotencyKey, Order order) {
        return as(mspId()).postOrder(idempotencyKey, order);
    }

    @Override
    public Page<PostedOrder> listOrders(String community, String day) {
        return as(mspId()).listOrders(community, day);
    }

    @Override
    public LedgerReceipt recordClearing(String idempotencyKey, ClearingInput clearing) {
        return as(mspId()).recordClearing(idempotencyKey, clearing);
    }

    @Override
    public CommunityRecords.StoredClearing readClearing(String community, String day) {
        return as(mspId()).readClearing(community, day);
    }

    @Override
    public CommunityRecords.ClearingPrices readPrices(String community, String day) {
        return as(mspId()).readPrices(community, day);
    }

    /** Prices may differ from the rule's exact decimal by half a unit of the fifth decimal. */
    @Override
    public LedgerReceipt settleMember(String idempotencyKey, SettlementInput settlement) {
        return as(mspId()).settleMember(idempotencyKey, settlement);
    }

    @Override
    public CommunityRecords.StoredStatement readStatement(String community, String day, String homeId) {
        return as(mspId()).readStatement(community, day, homeId);
    }

    @Override
    public Page<CommunityRecords.StoredStatement> listStatements(String community, String day) {
        return as(mspId()).listStatements(community, day);
    }

    private static final BigDecimal PRICE_TOLERANCE = new BigDecimal("0.000005");

    /**
     * A slot's trades: bought kW equal sold kW; prices by the day's rule on effective prices (pay-as-bid
     * each its own; pay-as-clear the midpoint {@code p} of the lowest matched bid and highest matched ask,
     * a buyer at {@code min(p, bid)}, a seller at {@code max(p, ask)}, every uncapped trade at one price).
     */
    private static void checkSlot(ObjectNode day, int slot, List<JsonNode[]> trades) {
        BigDecimal balance = BigDecimal.ZERO;
        BigDecimal lowestBid = null;
        BigDecimal highestAsk = null;
        for (JsonNode[] x : trades) {
            BigDecimal kw = new BigDecimal(x[0].path("kw").asText());
            BigDecimal limit = effective(day, x[1]);
            if ("BUY".equals(x[1].path("side").asText())) {
                balance = balance.add(kw);
                lowestBid = lowestBid == null ? limit : lowestBid.min(limit);
            } else {
                balance = balance.subtract(kw);
                highestAsk = highestAsk == null ? limit : highestAsk.max(limit);
            }
        }
        if (balance.signum() != 0) {
            throw refuse(
                    ErrorCode.COMMUNITY_TRADE_INVALID,
                    "$.trades: slot %d buys %s kW more than it sells",
                    slot,
                    balance.toPlainString());
        }
        boolean payAsBid = "PAY_AS_BID".equals(day.path("pricing").asText());
        BigDecimal one = null;
        for (JsonNode[] x : trades) {
            BigDecimal limit = effective(day, x[1]);
            boolean buys = "BUY".equals(x[1].path("side").asText());
            BigDecimal expected = limit;
            if (!payAsBid) {
                BigDecimal p = lowestBid.add(highestAsk).divide(BigDecimal.valueOf(2));
                expected = buys ? p.min(limit) : p.max(limit);
            }
            BigDecimal price = new BigDecimal(x[0].path("price").asText());
            if (price.subtract(expected).abs().compareTo(PRICE_TOLERANCE) > 0) {
                throw refuse(
                        ErrorCode.COMMUNITY_TRADE_INVALID,
                        "price %s of order %s is not the rule's %s",
                        price.toPlainString(),
                        x[1].path("id").asText(),
                        expected.toPlainString());
            }
            if (!payAsBid && price.compareTo(limit) != 0) {
                if (one != null && one.compareTo(price) != 0) {
                    throw refuse(
                            ErrorCode.COMMUNITY_TRADE_INVALID, "slot %d is cleared at %s, not %s", slot, one, price);
                }
                one = price;
            }
        }
    }

    /** An order's effective price: a bid capped at the slot's import price, an ask raised to its export price. */
    private static BigDecimal effective(ObjectNode day, JsonNode order) {
        int slot = order.path("slot").asInt();
        BigDecimal own = new BigDecimal(order.path("price").asText());
        return "BUY".equals(order.path("side").asText())
                ? own.min(new BigDecimal(day.path("importPrice").get(slot).asText()))
                : own.max(new BigDecimal(day.path("exportPrice").get(slot).asText()));
    }

    private static Instant dsoGateClosure(String day) {
        return MarketRules.DEFAULT.period(LocalDate.parse(day)).gateClosure();
    }

    /** A stored record read back by the ledger contract's codec, strictly, as the gateway reads the ledger's. */
    private static JsonFields stored(ObjectNode record) {
        return MarketRecords.stored(record.toString());
    }

    /** A record written by the ledger contract's codec, as the JSON the chaincode stores and answers. */
    private static ObjectNode node(Map<String, Object> record) {
        return object(CanonicalJson.write(record));
    }

    /**
     * An input as the chaincode reads it: the text the codec wrote, read back under the catalogue's field
     * set by the codec's reader, a field at fault refused with {@code INVALID_FIELD} as the chaincode refuses it.
     */
    private static <T> T readInput(String text, Set<String> fields, Function<JsonFields, T> reader) {
        List<io.flexledger.domain.validation.Violation> found = new ArrayList<>();
        try {
            JsonFields in = JsonFields.parse(text, JsonReader.Limits.LEDGER, JsonFields.collecting(found))
                    .onlyFields(fields);
            T value = reader.apply(in);
            in.done();
            return value;
        } catch (ValidationException e) {
            throw refuse(
                    ErrorCode.INVALID_FIELD,
                    "%s: %s",
                    e.first().path(),
                    e.first().reason());
        } catch (InputRefusal e) {
            throw refuse(e.code(), "%s", e.getMessage());
        }
    }

    /** One organisation's calls. */
    private final class View extends InMemoryLedger.Calls implements CommunityLedger {
        View(String caller) {
            super(ledger, caller);
        }

        /** Refuses unless the caller is one of {@code community}'s organisations. */
        private void requireParty(String community) {
            if (!caller.equals(community) && !Organisation.COMMUNITY_MSP.equals(caller)) {
                throw refuse(
                        ErrorCode.COMMUNITY_MSP_NOT_ALLOWED,
                        "%s is not an organisation of community %s",
                        caller,
                        community);
            }
        }

        private ObjectNode day(String community, String day) {
            ObjectNode d = days.get(community + "|" + day);
            if (d == null) {
                throw refuse(ErrorCode.COMMUNITY_DAY_NOT_FOUND, "community %s has no day %s", community, day);
            }
            return d;
        }

        /** A membership's public record, hashing its private record as the chaincode does. */
        private Map<String, Object> publicMembership(Membership membership, String txId) {
            String privateText = CanonicalJson.write(CommunityRecords.membership(membership));
            return CommunityRecords.publicMembership(membership, Baseline.sha256Hex(privateText), now, txId);
        }

        private String homeAggregator(String homeId) {
            return registry.as(caller).readAsset(homeId).asset().aggregatorMsp();
        }

        @Override
        public LedgerReceipt openDay(String idempotencyKey, Day input) {
            String text = CanonicalJson.write(CommunityRecords.dayInput(input));
            return write(Community.OPEN_DAY, idempotencyKey, text, txId -> {
                Day opened = readInput(text, Community.DAY_FIELDS, CommunityRecords::day);
                String community = opened.community();
                if (!Organisation.isAggregator(caller) || !caller.equals(community)) {
                    throw refuse(ErrorCode.COMMUNITY_MSP_NOT_ALLOWED, "%s may not open days of %s", caller, community);
                }
                String day = opened.period().day().toString();
                if (days.containsKey(community + "|" + day)) {
                    throw refuse(ErrorCode.COMMUNITY_DAY_EXISTS, "community %s has opened %s already", community, day);
                }
                Instant gate = opened.gateClosure();
                if (!gate.isAfter(now) || !gate.isBefore(dsoGateClosure(day))) {
                    throw refuse(
                            ErrorCode.COMMUNITY_GATE_CLOSED,
                            "$.gateClosure: %s is not between now and the DSO market's gate closure",
                            gate);
                }
                ObjectNode d = node(CommunityRecords.day(opened, now, txId));
                days.put(community + "|" + day, d);
                return d;
            });
        }

        @Override
        public StoredDay readDay(String community, String day) {
            return ledger.read(() -> CommunityRecords.storedDay(stored(day(community, day))));
        }

        @Override
        public LedgerReceipt proposeMembership(String idempotencyKey, MembershipInput input) {
            String text = CanonicalJson.write(CommunityRecords.membershipInput(input));
            return write(Community.PROPOSE_MEMBERSHIP, idempotencyKey, text, txId -> {
                MembershipInput proposed = readInput(text, Community.MEMBERSHIP_FIELDS, CommunityRecords::membership);
                String homeId = proposed.homeId();
                String community = homeAggregator(homeId);
                if (!caller.equals(community) && !Organisation.COMMUNITY_MSP.equals(caller)) {
                    throw refuse(
                            ErrorCode.COMMUNITY_MSP_NOT_ALLOWED,
                            "%s may not propose members of %s's home %s",
                            caller,
                            community,
                            homeId);
                }
                ObjectNode before = memberships.get(homeId);
                if (before != null) {
                    throw refuse(
                            ErrorCode.MEMBERSHIP_STATE_INVALID,
                            "home %s has a %s membership already",
                            homeId,
                            before.path("state").asText());
                }
                Membership membership =
                        new Membership(proposed.member(), homeId, community, caller, MembershipState.PROPOSED, null);
                // the private record as the chaincode keeps it; the answer is its public record
                memberships.put(homeId, node(CommunityRecords.membership(membership)));
                return node(publicMembership(membership, txId));
            });
        }

        @Override
        public LedgerReceipt approveMembership(String idempotencyKey, String homeId) {
            return write(Community.APPROVE_MEMBERSHIP, idempotencyKey, homeId, txId -> {
                ObjectNode m =
                        InMemoryLedger.find(memberships, homeId, ErrorCode.MEMBERSHIP_NOT_FOUND, "membership of home");
                if (!caller.equals(m.path("community").asText())) {
                    throw refuse(
                            ErrorCode.COMMUNITY_MSP_NOT_ALLOWED,
                            "only %s approves members of home %s, not %s",
                            m.path("community").asText(),
                            homeId,
                            caller);
                }
                if (!"PROPOSED".equals(m.path("state").asText())) {
                    throw refuse(
                            ErrorCode.MEMBERSHIP_STATE_INVALID,
                            "the membership of home %s is %s",
                            homeId,
                            m.path("state").asText());
                }
                Membership active =
                        CommunityRecords.privateMembership(stored(m)).withState(MembershipState.ACTIVE);
                memberships.put(homeId, node(CommunityRecords.membership(active)));
                return node(publicMembership(active, txId));
            });
        }

        @Override
        public Membership readMembership(String homeId) {
            return ledger.read(() -> {
                ObjectNode m =
                        InMemoryLedger.find(memberships, homeId, ErrorCode.MEMBERSHIP_NOT_FOUND, "membership of home");
                requireParty(m.path("community").asText());
                return CommunityRecords.privateMembership(stored(m));
            });
        }

        @Override
        public Page<Membership> listMemberships(String community) {
            return ledger.read(() -> {
                requireParty(community);
                return new Page<>(
                        memberships.values().stream()
                                .filter(m -> m.path("community").asText().equals(community))
                                .map(m -> CommunityRecords.privateMembership(stored(m)))
                                .toList(),
                        "");
            });
        }

        @Override
        public LedgerReceipt postOrder(String idempotencyKey, Order input) {
            String text = CanonicalJson.write(CommunityRecords.orderInput(input));
            return write(Community.POST_ORDER, idempotencyKey, text, txId -> {
                Order order = readInput(text, Community.ORDER_FIELDS, CommunityRecords::order);
                ObjectNode o = object(text);
                String homeId = order.homeId();
                ObjectNode m = memberships.get(homeId);
                if (m == null
                        || !"ACTIVE".equals(m.path("state").asText())
                        || !m.path("member").asText().equals(o.path("member").asText())) {
                    throw refuse(
                            ErrorCode.MEMBERSHIP_NOT_ACTIVE,
                            "%s is not the ACTIVE member of home %s",
                            o.path("member").asText(),
                            homeId);
                }
                if (!caller.equals(m.path("proposerMsp").asText())) {
                    throw refuse(
                            ErrorCode.COMMUNITY_MSP_NOT_ALLOWED,
                            "the membership of home %s is %s's, not %s's",
                            homeId,
                            m.path("proposerMsp").asText(),
                            caller);
                }
                String community = m.path("community").asText();
                String day = o.path("day").asText();
                ObjectNode d = day(community, day);
                if (!now.isBefore(Instant.parse(d.path("gateClosure").asText()))) {
                    throw refuse(ErrorCode.COMMUNITY_GATE_CLOSED, "the gate of %s's day %s is closed", community, day);
                }
                int slot = o.path("slot").asInt(-1);
                if (slot < 0 || slot >= d.path("importPrice").size()) {
                    throw refuse(ErrorCode.MALFORMED_INPUT, "$.slot: %s is not a slot of %s", o.path("slot"), day);
                }
                String id = o.path("id").asText();
                if (orders.containsKey(id)) {
                    throw refuse(ErrorCode.COMMUNITY_ORDER_EXISTS, "community order %s exists already", id);
                }
                String privateText =
                        CanonicalJson.write(CommunityRecords.order(order, community, caller, null, now, txId));
                orders.put(id, object(privateText));
                // the answer is the order's public record, as the chaincode answers it
                return node(CommunityRecords.publicOrder(community, order, Baseline.sha256Hex(privateText), now, txId));
            });
        }

        @Override
        public Page<PostedOrder> listOrders(String community, String day) {
            return ledger.read(() -> {
                requireParty(community);
                return new Page<>(
                        orders.values().stream()
                                .filter(o -> o.path("community").asText().equals(community)
                                        && o.path("day").asText().equals(day))
                                .map(o -> CommunityRecords.postedOrder(stored(o)))
                                .toList(),
                        "");
            });
        }

        @Override
        public LedgerReceipt recordClearing(String idempotencyKey, ClearingInput input) {
            String text = CanonicalJson.write(CommunityRecords.clearingInput(input));
            return write(Community.RECORD_CLEARING, idempotencyKey, text, txId -> {
                ObjectNode c = object(text);
                String community = input.community();
                String day = input.day().toString();
                if (!caller.equals(community)) {
                    throw refuse(ErrorCode.COMMUNITY_MSP_NOT_ALLOWED, "only %s records its clearing", community);
                }
                ObjectNode d = day(community, day);
                Instant gate = Instant.parse(d.path("gateClosure").asText());
                if (now.isBefore(gate) || !now.isBefore(dsoGateClosure(day))) {
                    throw refuse(
                            ErrorCode.COMMUNITY_GATE_CLOSED,
                            "%s's day %s clears after %s and before the DSO market's gate closure",
                            community,
                            day,
                            gate);
                }
                if (clearings.containsKey(community + "|" + day)) {
                    throw refuse(ErrorCode.COMMUNITY_CLEARING_EXISTS, "%s's day %s is cleared already", community, day);
                }
                // each trade: a known order of the day, once, 0 < kw <= the order's kW
                Map<Integer, List<JsonNode[]>> bySlot = new TreeMap<>();
                Set<String> traded = new HashSet<>();
                Set<String> locks = new HashSet<>();
                List<CommunityRecords.ClearedTrade> cleared = new ArrayList<>();
                int i = 0;
                for (JsonNode t : c.path("trades")) {
                    String at = "$.trades[" + i++ + "]";
                    ObjectNode o = orders.get(t.path("orderId").asText());
                    if (o == null
                            || !o.path("community").asText().equals(community)
                            || !o.path("day").asText().equals(day)
                            || !traded.add(t.path("orderId").asText())) {
                        throw refuse(
                                ErrorCode.COMMUNITY_TRADE_INVALID, "%s.orderId: not an order of the day, or twice", at);
                    }
                    BigDecimal kw = new BigDecimal(t.path("kw").asText());
                    if (kw.signum() <= 0
                            || kw.compareTo(new BigDecimal(o.path("kw").asText())) > 0) {
                        throw refuse(
                                ErrorCode.COMMUNITY_TRADE_INVALID, "%s.kw: %s is not within the order's kW", at, kw);
                    }
                    bySlot.computeIfAbsent(o.path("slot").asInt(), k -> new ArrayList<>())
                            .add(new JsonNode[] {t, o});
                    PostedOrder posted = CommunityRecords.postedOrder(stored(o));
                    cleared.add(new CommunityRecords.ClearedTrade(
                            posted.order().id(),
                            posted.order().homeId(),
                            posted.order().member(),
                            posted.order().slot(),
                            posted.order().side(),
                            posted.order().flexible(),
                            input.trades().get(i - 1).kw(),
                            input.trades().get(i - 1).price().stripTrailingZeros()));
                    if ("SELL".equals(o.path("side").asText())
                            && o.path("flexible").asBoolean()) {
                        locks.add(day + "|" + o.path("homeId").asText() + "|"
                                + o.path("slot").asInt());
                    }
                }
                for (Map.Entry<Integer, List<JsonNode[]>> slot : bySlot.entrySet()) {
                    checkSlot(d, slot.getKey(), slot.getValue());
                }
                // the private clearing and its public prices as the chaincode keeps them (the answer is the
                // input with its transaction)
                CommunityRecords.StoredClearing privateClearing = new CommunityRecords.StoredClearing(
                        community,
                        input.day(),
                        CommunityRecords.Pricing.valueOf(d.path("pricing").asText()),
                        cleared,
                        null,
                        now,
                        txId);
                String privateText = CanonicalJson.write(CommunityRecords.clearing(privateClearing));
                clearings.put(community + "|" + day, object(privateText));
                ObjectNode publicPrices = node(CommunityRecords.prices(
                        CommunityRecords.prices(privateClearing, Baseline.sha256Hex(privateText))));
                prices.put(community + "|" + day, publicPrices);
                locked.addAll(locks);
                // the answer is the public clearing, as the chaincode answers it
                return publicPrices.deepCopy();
            });
        }

        @Override
        public CommunityRecords.StoredClearing readClearing(String community, String day) {
            return ledger.read(() -> {
                requireParty(community);
                ObjectNode c = clearings.get(community + "|" + day);
                if (c == null) {
                    throw refuse(ErrorCode.COMMUNITY_CLEARING_NOT_FOUND, "%s's day %s is not cleared", community, day);
                }
                return CommunityRecords.storedClearing(stored(c));
            });
        }

        @Override
        public CommunityRecords.ClearingPrices readPrices(String community, String day) {
            return ledger.read(() -> {
                ObjectNode p = prices.get(community + "|" + day);
                if (p == null) {
                    throw refuse(ErrorCode.COMMUNITY_CLEARING_NOT_FOUND, "%s's day %s is not cleared", community, day);
                }
                return CommunityRecords.storedPrices(stored(p));
            });
        }

        /**
         * Settles a member as the chaincode does, but without the readings' signatures and proofs (the
         * chaincode's tests and the it-tests check those): operator only, a cleared day, an ACTIVE member
         * with trades, the operator's readings of the day anchored, one reading of the home per traded slot,
         * once; the statement by the domain rule, kept as the chaincode keeps it (the readings in slot order,
         * the anchor root and the clearing's hash) and answered as its public record.
         */
        @Override
        public LedgerReceipt settleMember(String idempotencyKey, SettlementInput input) {
            String text = CanonicalJson.write(CommunityRecords.settlementInput(input));
            return write(Community.SETTLE_MEMBER, idempotencyKey, text, txId -> {
                String community = input.community();
                String day = input.day().toString();
                String homeId = input.homeId();
                if (!caller.equals(community) || !Organisation.isAggregator(caller)) {
                    throw refuse(ErrorCode.COMMUNITY_MSP_NOT_ALLOWED, "only %s settles its members", community);
                }
                String key = community + "|" + day + "|" + homeId;
                if (statements.containsKey(key)) {
                    throw refuse(
                            ErrorCode.COMMUNITY_STATEMENT_EXISTS, "home %s is settled for %s already", homeId, day);
                }
                ObjectNode d = day(community, day);
                ObjectNode c = clearings.get(community + "|" + day);
                if (c == null) {
                    throw refuse(ErrorCode.COMMUNITY_CLEARING_NOT_FOUND, "%s's day %s is not cleared", community, day);
                }
                ObjectNode m = memberships.get(homeId);
                if (m == null
                        || !community.equals(m.path("community").asText())
                        || !"ACTIVE".equals(m.path("state").asText())) {
                    throw refuse(
                            ErrorCode.MEMBERSHIP_NOT_ACTIVE, "home %s is no ACTIVE member of %s", homeId, community);
                }
                List<CommunityTrade> trades = new ArrayList<>();
                for (JsonNode t : c.path("trades")) {
                    ObjectNode o = orders.get(t.path("orderId").asText());
                    if (homeId.equals(o.path("homeId").asText())) {
                        trades.add(new CommunityTrade(
                                o.path("id").asText(),
                                o.path("slot").asInt(),
                                CommunityTrade.Side.valueOf(o.path("side").asText()),
                                Kilowatts.parse(t.path("kw").asText()),
                                new BigDecimal(t.path("price").asText())));
                    }
                }
                if (trades.isEmpty()) {
                    throw refuse(ErrorCode.COMMUNITY_STATEMENT_INVALID, "home %s has no trade on %s", homeId, day);
                }
                // the readings are checked against the operator's anchored root of the day
                String anchorRoot =
                        settlements.readAnchor(day, community).anchor().rootHex();
                Set<Integer> slots = new TreeSet<>(CommunitySettlementRule.tradedSlots(trades));
                Map<Integer, ProvenReading> bySlot = new TreeMap<>();
                int i = 0;
                for (ProvenReading r : input.readings()) {
                    String at = "$.readings[" + i++ + "]";
                    MeterReading reading = r.reading();
                    if (!reading.assetId().equals(homeId)) {
                        throw refuse(ErrorCode.READING_ASSET_MISMATCH, "%s.assetId: not home %s", at, homeId);
                    }
                    if (!reading.day().toString().equals(day) || !slots.contains(reading.slot())) {
                        throw refuse(
                                ErrorCode.READING_OUT_OF_ORDER_SLOT, "%s: slot %d is not traded", at, reading.slot());
                    }
                    if (bySlot.putIfAbsent(reading.slot(), r) != null) {
                        throw refuse(ErrorCode.READING_SLOT_DUPLICATE, "%s: slot %d twice", at, reading.slot());
                    }
                }
                for (int slot : slots) {
                    if (!bySlot.containsKey(slot)) {
                        throw refuse(ErrorCode.READING_SLOT_MISSING, "$.readings: no reading for traded slot %d", slot);
                    }
                }
                CommunityStatement st = CommunitySettlementRule.DEFAULT.settle(
                        community,
                        homeId,
                        MarketRules.DEFAULT.period(LocalDate.parse(day)),
                        trades,
                        prices(d.path("importPrice")),
                        prices(d.path("exportPrice")),
                        bySlot.values().stream().map(ProvenReading::reading).toList());
                // the private statement and its public record as the chaincode keeps them; the answer is
                // the public record
                String clearingSha256 =
                        prices.get(community + "|" + day).path("sha256").asText();
                CommunityRecords.StoredStatement statement = new CommunityRecords.StoredStatement(
                        st,
                        m.path("member").asText(),
                        List.copyOf(bySlot.values()),
                        anchorRoot,
                        clearingSha256,
                        now,
                        txId);
                String privateText = CanonicalJson.write(CommunityRecords.statement(statement));
                statements.put(key, statement);
                return node(CommunityRecords.publicStatement(
                        community,
                        day,
                        homeId,
                        Baseline.sha256Hex(privateText),
                        anchorRoot,
                        clearingSha256,
                        now,
                        txId));
            });
        }

        @Override
        public CommunityRecords.StoredStatement readStatement(String community, String day, String homeId) {
            return ledger.read(() -> {
                requireParty(community);
                CommunityRecords.StoredStatement st = statements.get(community + "|" + day + "|" + homeId);
                if (st == null) {
                    throw refuse(
                            ErrorCode.COMMUNITY_STATEMENT_NOT_FOUND, "no statement of home %s for %s", homeId, day);
                }
                return st;
            });
        }

        @Override
        public Page<CommunityRecords.StoredStatement> listStatements(String community, String day) {
            return ledger.read(() -> {
                requireParty(community);
                List<CommunityRecords.StoredStatement> records = new ArrayList<>();
                statements.forEach((k, st) -> {
                    if (k.startsWith(community + "|" + day + "|")) {
                        records.add(st);
                    }
                });
                return new Page<>(records, "");
            });
        }
    }

    /** A day's prices as the fixture opened it (numbers or decimal strings). */
    private static List<EurosPerKwh> prices(JsonNode texts) {
        List<EurosPerKwh> out = new ArrayList<>();
        texts.forEach(t -> out.add(EurosPerKwh.parse(t.asText())));
        return out;
    }
}
