package io.flexledger.marketplaceapi.community;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.clearing.community.CommunityDay;
import io.flexledger.clearing.community.CommunityLimit;
import io.flexledger.clearing.community.CommunityMarket;
import io.flexledger.clearing.community.CommunityOrder;
import io.flexledger.clearing.community.CommunityPosition;
import io.flexledger.clearing.community.CommunityResult;
import io.flexledger.clearing.community.Feeder;
import io.flexledger.clearing.community.OfferTerms;
import io.flexledger.clearing.community.PricingRule;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.codec.CommunityRecords.ClearingInput;
import io.flexledger.contract.codec.CommunityRecords.Day;
import io.flexledger.contract.codec.CommunityRecords.Order;
import io.flexledger.contract.codec.CommunityRecords.PostedOrder;
import io.flexledger.contract.codec.CommunityRecords.TradeInput;
import io.flexledger.contract.codec.InputRefusal;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.participants.Organisation;
import io.flexledger.domain.time.MarketRules;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.marketplaceapi.ledger.ChaincodeRejection;
import io.flexledger.marketplaceapi.ledger.CommunityLedger;
import io.flexledger.marketplaceapi.ledger.Ledger;
import io.flexledger.marketplaceapi.ledger.RegistryLedger;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * UC2 at the community's gate closure: the operator's instance (an aggregator) reads its community's
 * order book of the day, clears it with the clearing module's {@link CommunityMarket} under the day's
 * pricing rule, records the trades ({@code RecordCommunityClearing}) and posts the leftover flexibility
 * ({@link CommunityPosition}) as its own offers to the DSO market through the {@link Ledger} port, in the
 * JSON of {@code POST /api/offers}.
 *
 * <p>Feeders: each home's congestion point from the registry (its asset record); a congestion point's
 * {@code capacityKw} is taken as the feeder's import and export limit, and a congestion point without a
 * positive capacity is unbounded ({@link CommunityDay#MAX_KW}). Safe to repeat: a recorded clearing is
 * read back and its trades reused (never solved again), and the offers have deterministic ids, so a retry
 * finds those posted before ({@code OFFER_EXISTS}) and posts only the missing ones. Slots of a home with a
 * matched flexible sell are never offered (the ledger locks them against DSO orders).
 *
 * <p>Runs from {@code POST /api/community/clearing/{day}} and, every {@code flex.community.check-every},
 * for each day from today to {@code flex.community.look-ahead-days} ahead whose community gate has closed
 * and whose DSO market gate has not (see {@link #atGates}).
 */
@ApplicationScoped
public class CommunityClearing {
    private static final Logger LOG = Logger.getLogger(CommunityClearing.class);

    private final CommunityLedger community;
    private final RegistryLedger registry;
    private final Ledger market;
    private final boolean enabled;
    private final CommunityLimit limit;
    private final OfferTerms terms;
    private final int lookAheadDays;
    /** Days this instance has cleared completely (every offer posted or found). */
    private final Set<LocalDate> done = ConcurrentHashMap.newKeySet();

    public CommunityClearing(
            CommunityLedger community,
            RegistryLedger registry,
            Ledger market,
            @ConfigProperty(name = "flex.community.enabled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "flex.community.seconds", defaultValue = "5") double seconds,
            @ConfigProperty(name = "flex.community.max-block-slots", defaultValue = "4") int maxBlockSlots,
            @ConfigProperty(name = "flex.community.min-activation", defaultValue = "0") double minActivation,
            @ConfigProperty(name = "flex.community.look-ahead-days", defaultValue = "14") int lookAheadDays) {
        this.community = community;
        this.registry = registry;
        this.market = market;
        this.enabled = enabled;
        this.limit = CommunityLimit.seconds(seconds);
        this.terms = new OfferTerms(maxBlockSlots, minActivation);
        this.lookAheadDays = Math.max(1, lookAheadDays);
    }

    /** Whether this instance runs its community's clearing on schedule (it signs for an aggregator). */
    public boolean active() {
        return enabled && Organisation.isAggregator(community.mspId());
    }

    /** Clears this instance's community's {@code day}; see the class comment. */
    public synchronized CommunityReport clear(LocalDate day) {
        String operator = community.mspId();
        String d = day.toString();
        Day dayRecord = community.readDay(operator, d).day();
        List<Order> orders = community.listOrders(operator, d).records().stream()
                .map(PostedOrder::order)
                .toList();
        CommunityBook book = book(operator, day, dayRecord, orders);
        CommunityDay solverDay = book.solverDay();

        List<TradeInput> trades = recordedTrades(operator, d);
        boolean recorded = false;
        if (trades == null) {
            PricingRule rule = PricingRule.valueOf(dayRecord.pricing().name());
            CommunityResult result = new CommunityMarket(limit).clear(solverDay, rule, terms);
            if (!result.matching().feasible()) {
                throw new IllegalStateException("the community market of " + d + " found no feasible matching");
            }
            List<TradeInput> fresh = book.trades(result);
            try {
                community.recordClearing(
                        "community-clearing:" + operator + ":" + d, new ClearingInput(operator, day, fresh));
                trades = fresh;
                recorded = true;
            } catch (ChaincodeRejection e) {
                if (!e.is(ErrorCode.COMMUNITY_CLEARING_EXISTS)) {
                    throw e;
                }
                trades = recordedTrades(operator, d);
            }
        }

        double[] matched = book.matchedKw(trades);
        CommunityPosition position = CommunityPosition.of(solverDay, matched, terms);
        Set<String> locked = book.lockedSlots(matched);
        List<String> posted = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (ObjectNode offer : book.dsoOffers(position.offers(), locked)) {
            String id = offer.path("id").asText();
            FlexOffer flexOffer;
            try {
                // Read as the chaincode reads an offer input: what it would refuse is refused here.
                flexOffer = MarketRecords.offer(MarketRecords.stored(offer.toString()), market.mspId());
            } catch (InputRefusal e) {
                LOG.warnf("community offer %s refused: %s", id, e.getMessage());
                refused.add(id + ": " + e.code().name());
                continue;
            } catch (ValidationException e) {
                LOG.warnf("community offer %s refused: %s", id, e.getMessage());
                refused.add(id + ": " + ErrorCode.INVALID_FIELD.name());
                continue;
            }
            try {
                // A retry under the same key answers the first result: that offer was posted before.
                boolean replayed =
                        market.createOffer("community-offer:" + id, flexOffer).replayed();
                (replayed ? existing : posted).add(id);
            } catch (ChaincodeRejection e) {
                if (e.is(ErrorCode.OFFER_EXISTS)) {
                    existing.add(id);
                } else {
                    LOG.warnf("community offer %s refused by the ledger: %s", id, e.getMessage());
                    refused.add(id + ": " + e.code());
                }
            }
        }
        if (refused.isEmpty()) {
            done.add(day);
        }
        TreeSet<Integer> slots = new TreeSet<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < orders.size(); i++) {
            index.put(orders.get(i).id(), i);
        }
        for (TradeInput t : trades) {
            Integer i = index.get(t.orderId());
            if (i != null) {
                slots.add(orders.get(i).slot());
            }
        }
        CommunityReport report = new CommunityReport(
                operator,
                d,
                recorded,
                orders.size(),
                trades.size(),
                List.copyOf(slots),
                welfare(solverDay, matched),
                posted,
                existing,
                refused,
                List.copyOf(new TreeSet<>(locked)));
        LOG.infof(
                "community %s %s: %d orders, %d trades in %d slots, welfare %.4f EUR, %d offers posted (%d already)%s",
                operator,
                d,
                orders.size(),
                trades.size(),
                slots.size(),
                report.welfareEur(),
                posted.size(),
                existing.size(),
                recorded ? "" : ", clearing recorded before");
        return report;
    }

    /** Every minute or so: clears each open day of the window once its community gate has closed. */
    @Scheduled(every = "${flex.community.check-every:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void atCommunityGateClosure() {
        if (active()) {
            atGates(Instant.now());
        }
    }

    /**
     * Clears each day from the day of {@code now} (in the market's zone) to {@code lookAheadDays} days
     * after it that this instance's community has opened, whose community gate has closed at {@code now}
     * while the DSO market's has not, unless this instance finished it before; a failure is logged and
     * retried at the next check. Earlier days need no look: their DSO market gate has passed (it closes
     * before the day begins), and so has any community gate before it. A day further ahead is left to
     * {@code POST /api/community/clearing/{day}} (or to a later check, once it is within the window). An
     * instance that restarts has forgotten what it finished: the clearing it finds on the ledger is not
     * recorded again, and no offer is posted twice.
     *
     * @return the reports of the days cleared now
     */
    List<CommunityReport> atGates(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, MarketRules.DEFAULT.zone());
        List<CommunityReport> cleared = new ArrayList<>();
        for (int ahead = 0; ahead <= lookAheadDays; ahead++) {
            LocalDate day = today.plusDays(ahead);
            if (done.contains(day)
                    || !now.isBefore(MarketRules.DEFAULT.period(day).gateClosure())) {
                continue;
            }
            try {
                Day d = community.readDay(community.mspId(), day.toString()).day();
                if (!now.isBefore(d.gateClosure())) {
                    cleared.add(clear(day));
                }
            } catch (ChaincodeRejection e) {
                if (!e.is(ErrorCode.COMMUNITY_DAY_NOT_FOUND)) {
                    LOG.warnf("community clearing of %s refused, will retry: %s", day, e.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.warnf("community clearing of %s failed, will retry: %s", day, e.getMessage());
            }
        }
        return cleared;
    }

    /** The trades recorded for the day (each order's id, kW and price), or null when it is not cleared yet. */
    private List<TradeInput> recordedTrades(String operator, String day) {
        try {
            return community.readClearing(operator, day).trades().stream()
                    .map(t -> new TradeInput(t.orderId(), t.kw(), t.price()))
                    .toList();
        } catch (ChaincodeRejection e) {
            if (e.is(ErrorCode.COMMUNITY_CLEARING_NOT_FOUND)) {
                return null;
            }
            throw e;
        }
    }

    /** The book with each home's feeder (its congestion point) and the feeders' limits. */
    private CommunityBook book(String operator, LocalDate day, Day dayRecord, List<Order> orders) {
        Map<String, String> feederOfHome = new HashMap<>();
        Map<String, Feeder> feeders = new java.util.LinkedHashMap<>();
        for (Order o : orders) {
            String home = o.homeId();
            if (feederOfHome.containsKey(home)) {
                continue;
            }
            String cp = registry.readAsset(home).asset().congestionPointId();
            feederOfHome.put(home, cp);
            feeders.computeIfAbsent(cp, id -> {
                double capacity =
                        registry.readCongestionPoint(id).capacityKw().value().doubleValue();
                double kw = capacity > 0 ? Math.min(capacity, CommunityDay.MAX_KW) : CommunityDay.MAX_KW;
                return new Feeder(id, kw, kw);
            });
        }
        return new CommunityBook(operator, day, dayRecord, orders, feederOfHome, List.copyOf(feeders.values()));
    }

    /** The welfare of a matching: matched bids' value minus matched asks' cost at effective prices, EUR. */
    static double welfare(CommunityDay day, double[] matchedKw) {
        double welfare = 0;
        for (int i = 0; i < matchedKw.length; i++) {
            CommunityOrder o = day.orders().get(i);
            double eur = matchedKw[i] * day.slotHours() * day.effectivePrice(o);
            welfare += o.buys() ? eur : -eur;
        }
        return BigDecimal.valueOf(welfare)
                .setScale(6, java.math.RoundingMode.HALF_EVEN)
                .doubleValue();
    }
}
