package io.flexledger.agents.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flexledger.clearing.community.CommunityDay;
import io.flexledger.client.ApiProblemException;
import io.flexledger.client.CommunityClient;
import io.flexledger.client.MarketplaceClient;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOfferState;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One aggregator's live community day against a fake of the two instances' community endpoints. */
class LiveCommunityTest {

    private static final MarketDay DAY = new MarketDay(LocalDate.parse("2026-06-10"));
    private static final String C = "Aggregator1MSP";

    private final MovingClock clock = new MovingClock(Instant.parse("2026-06-08T10:00:00Z"));
    private final FakeApi api = new FakeApi();
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    private LiveCommunity live() {
        return new LiveCommunity(
                api,
                clock,
                clock::advance,
                new PrintStream(progress, true, StandardCharsets.UTF_8),
                pool,
                new LiveCommunity.Settings(
                        Duration.ofSeconds(30),
                        Duration.ofMillis(100),
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(60),
                        Duration.ofSeconds(2)));
    }

    @Test
    void homesBecomeMembersOnceAndAnotherMembersHomeStaysOut() {
        api.states.put("pontypool-h004", "ACTIVE");
        api.taken.add("pontypool-h006");

        LiveCommunity.Enrolment first =
                live().enrol(List.of("pontypool-h000", "pontypool-h002", "pontypool-h004", "pontypool-h006"), "lv-a");

        assertThat(first.active()).containsExactlyInAnyOrder("pontypool-h000", "pontypool-h002", "pontypool-h004");
        assertThat(first.proposed()).isEqualTo(2);
        assertThat(first.approved()).isEqualTo(2);
        assertThat(first.others()).containsExactly("pontypool-h006");
        assertThat(api.calls).contains("propose pontypool-h000 lv-a:membership:pontypool-h000");

        // a rerun (another run id) finds them ACTIVE and proposes nothing
        api.calls.clear();
        LiveCommunity.Enrolment again =
                live().enrol(List.of("pontypool-h000", "pontypool-h002", "pontypool-h004"), "lv-b");
        assertThat(again.active()).hasSize(3);
        assertThat(again.proposed()).isZero();
        assertThat(api.calls).noneMatch(c -> c.startsWith("propose") || c.startsWith("approve"));
    }

    @Test
    void theDayIsOpenedOrdersPostedAndTheRecordedClearingReadBack() {
        CommunityOrders book = book();
        LiveCommunity.Enrolment members =
                new LiveCommunity.Enrolment(java.util.Set.of("pontypool-h000", "pontypool-h002"), 0, 0, List.of());
        // the instance's clearing: the buy of 2 kW meets 2 kW of the flexible sell at 0.15
        api.trades = List.of(trade("lv-a-h000-b-50", "2", "0.15"), trade("lv-a-h002-f-50", "2", "0.15"));
        api.offers.add(offer("cm-2026-06-10-pontypool-h002-50", C, Map.of("50", "1.5")));
        api.offers.add(offer("cm-2026-06-10-pontypool-h101-50", "Aggregator2MSP", Map.of("50", "9")));

        LiveCommunity.Result r = live().trade(3, members, book, DAY, "lv-a");

        assertThat(api.calls).anyMatch(c -> c.startsWith("openDay lv-a:community-day:Aggregator1MSP"));
        assertThat(api.posted)
                .extracting(CommunityClient.Order::id)
                .containsExactlyInAnyOrder("lv-a-h000-b-50", "lv-a-h002-f-50", "lv-a-h002-s-60");
        assertThat(r.posted().openedNow()).isTrue();
        assertThat(r.posted().firmOrders()).isEqualTo(2);
        assertThat(r.posted().flexibleOrders()).isEqualTo(1);
        // nothing asked the instance to clear: its schedule did, and the run read the clearing after the gate only
        assertThat(api.calls).noneMatch(c -> c.contains("clear"));
        assertThat(api.clearingReads)
                .isNotEmpty()
                .allMatch(t -> t.isAfter(r.posted().gateClosure()));
        assertThat(r.cleared().recordedNow()).isTrue();
        assertThat(r.cleared().bookOrders()).isEqualTo(3);
        assertThat(r.cleared().trades()).isEqualTo(2);
        assertThat(r.cleared().kwhTraded()).isEqualTo(0.5);
        assertThat(r.cleared().minPrice()).isEqualTo(0.15);
        assertThat(r.cleared().meanPrice()).isEqualTo(0.15, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.cleared().maxPrice()).isEqualTo(0.15);
        assertThat(r.cleared().locked()).containsExactly("pontypool-h002|50");
        assertThat(r.cleared().matchedKw()).containsEntry("lv-a-h002-f-50", 2.0);
        assertThat(r.cleared().leftoverOffers()).containsExactly("cm-2026-06-10-pontypool-h002-50");
        assertThat(r.cleared().leftoverKwh()).isEqualTo(0.375);
        assertThat(r.note()).isNull();
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("community gate closes in");
    }

    @Test
    void aDayOpenedBeforeWhoseGateHasClosedTakesNoOrdersAndItsClearingIsRead() {
        api.dayExists = Instant.parse("2026-06-08T09:00:00Z");
        api.recordedBefore = true;
        api.trades = List.of();
        LiveCommunity.Result r = live().trade(
                        2,
                        new LiveCommunity.Enrolment(java.util.Set.of("pontypool-h000"), 0, 0, List.of()),
                        book(),
                        DAY,
                        "lv-b");

        assertThat(r.posted().openedNow()).isFalse();
        assertThat(api.posted).isEmpty();
        assertThat(r.cleared().recordedNow()).isFalse();
        assertThat(r.cleared().trades()).isZero();
        assertThat(r.note()).contains("no trade");
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("no orders posted by this run");
    }

    @Test
    void aClearingThatIsNeverRecordedEndsTheWaitWithAReason() {
        api.neverRecorded = true;
        LiveCommunity.Result r = live().trade(
                        2,
                        new LiveCommunity.Enrolment(java.util.Set.of("pontypool-h000"), 0, 0, List.of()),
                        book(),
                        DAY,
                        "lv-c");

        assertThat(r.cleared().trades()).isZero();
        assertThat(r.cleared().recordedNow()).isFalse();
        assertThat(r.note()).contains("no clearing recorded within 60 s after the community gate");
        assertThat(progress.toString(StandardCharsets.UTF_8)).contains("waiting for the recorded clearing");
    }

    @Test
    void noMemberNoDay() {
        LiveCommunity.Result r =
                live().trade(2, new LiveCommunity.Enrolment(java.util.Set.of(), 0, 0, List.of()), book(), DAY, "lv-d");
        assertThat(r.posted().gateClosure()).isNull();
        assertThat(api.calls).isEmpty();
        assertThat(r.note()).contains("no home");
    }

    // three orders of two homes in slots 50 and 60, one of a home that is not a member
    private static CommunityOrders book() {
        List<CommunityClient.Order> orders = List.of(
                order("lv-a-h000-b-50", "pontypool-h000", 50, "BUY", false),
                order("lv-a-h002-f-50", "pontypool-h002", 50, "SELL", true),
                order("lv-a-h002-s-60", "pontypool-h002", 60, "SELL", false),
                order("lv-a-h008-b-60", "pontypool-h008", 60, "BUY", false));
        List<BigDecimal> imports = Collections.nCopies(96, new BigDecimal("0.30000"));
        List<BigDecimal> exports = Collections.nCopies(96, new BigDecimal("0.05000"));
        double[] imp = new double[96];
        double[] exp = new double[96];
        java.util.Arrays.fill(imp, 0.3);
        java.util.Arrays.fill(exp, 0.05);
        CommunityDay firm = new CommunityDay("d", "agr-1", 15, 96, imp, exp, List.of(), List.of());
        return new CommunityOrders(firm, orders, imports, exports, Map.of(), 7);
    }

    private static CommunityClient.Order order(String id, String home, int slot, String side, boolean flexible) {
        return new CommunityClient.Order(
                id, home, DAY.date(), slot, side, flexible, new BigDecimal("2.000"), new BigDecimal("0.10000"));
    }

    private static JsonNode trade(String orderId, String kw, String price) {
        return MarketplaceClient.object().put("orderId", orderId).put("kw", kw).put("price", price);
    }

    /** An offer of the community day as the ledger writes it. */
    private static JsonNode offer(String id, String msp, Map<String, String> kw) {
        java.util.SortedMap<Integer, Kilowatts> kwBySlot = new java.util.TreeMap<>();
        kw.forEach((slot, value) -> kwBySlot.put(Integer.parseInt(slot), new Kilowatts(new BigDecimal(value))));
        FlexOffer offer = new FlexOffer(
                id,
                msp,
                "cp-1",
                "home-1",
                MarketRecords.RULES.period(LocalDate.parse("2026-06-10")),
                null,
                kwBySlot,
                new EurosPerKwh(new BigDecimal("0.10000")),
                BigDecimal.ONE,
                FlexOfferState.OFFERED);
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(CanonicalJson.write(MarketRecords.offer(offer, Instant.EPOCH, "tx")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ApiProblemException problem(int status, String code) {
        return new ApiProblemException("fake", status, code, code, List.of());
    }

    /** A clock the fake sleeper moves on. */
    private static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** The two instances as the ledger would answer, in memory. */
    private final class FakeApi implements CommunityApi {
        final Map<String, String> states = new LinkedHashMap<>();
        final List<String> taken = new ArrayList<>();
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final List<CommunityClient.Order> posted = Collections.synchronizedList(new ArrayList<>());
        final List<JsonNode> offers = new ArrayList<>();
        List<JsonNode> trades = List.of();
        Instant dayExists;
        Instant gate;
        /** When the instance's schedule records the clearing after the gate. */
        final Duration scheduleDelay = Duration.ofSeconds(30);

        final List<Instant> clearingReads = Collections.synchronizedList(new ArrayList<>());
        boolean recordedBefore;
        boolean neverRecorded;

        @Override
        public String community() {
            return C;
        }

        @Override
        public synchronized List<JsonNode> memberships() {
            List<JsonNode> out = new ArrayList<>();
            states.forEach((home, state) ->
                    out.add(MarketplaceClient.object().put("homeId", home).put("state", state)));
            return out;
        }

        @Override
        public synchronized void propose(String homeId, String key) {
            calls.add("propose " + homeId + " " + key);
            if (taken.contains(homeId) || states.containsKey(homeId)) {
                throw problem(409, "MEMBERSHIP_STATE_INVALID");
            }
            states.put(homeId, "PROPOSED");
        }

        @Override
        public synchronized void approve(String homeId, String key) {
            calls.add("approve " + homeId + " " + key);
            if (!"PROPOSED".equals(states.get(homeId))) {
                throw problem(taken.contains(homeId) ? 409 : 404, "MEMBERSHIP_STATE_INVALID");
            }
            states.put(homeId, "ACTIVE");
        }

        @Override
        public JsonNode openDay(ObjectNode body, String key) {
            calls.add("openDay " + key);
            if (dayExists != null) {
                throw problem(409, "COMMUNITY_DAY_EXISTS");
            }
            assertThat(body.path("importPrice")).hasSize(96);
            gate = Instant.parse(body.path("gateClosure").asText());
            return body;
        }

        @Override
        public JsonNode day(LocalDate day) {
            return MarketplaceClient.object().put("gateClosure", dayExists.toString());
        }

        @Override
        public void postOrder(CommunityClient.Order order, String key) {
            assertThat(clock.instant()).isBefore(gate);
            assertThat(key).endsWith(":corder:" + order.id());
            posted.add(order);
        }

        @Override
        public List<JsonNode> book(LocalDate day) {
            List<JsonNode> out = new ArrayList<>();
            for (CommunityClient.Order o : posted) {
                out.add(MarketplaceClient.object()
                        .put("id", o.id())
                        .put("homeId", o.homeId())
                        .put("slot", o.slot())
                        .put("side", o.side())
                        .put("flexible", o.flexible()));
            }
            return out;
        }

        @Override
        public Optional<JsonNode> clearing(LocalDate day) {
            clearingReads.add(clock.instant());
            Instant gateClosure = gate != null ? gate : dayExists;
            boolean recorded = recordedBefore
                    || (gateClosure != null && !clock.instant().isBefore(gateClosure.plus(scheduleDelay)));
            if (neverRecorded || !recorded) {
                return Optional.empty();
            }
            ObjectNode c = MarketplaceClient.object();
            ArrayNode t = c.putArray("trades");
            trades.forEach(t::add);
            return Optional.of(c);
        }

        @Override
        public JsonNode prices(LocalDate day) {
            return MarketplaceClient.object();
        }

        @Override
        public List<JsonNode> offers(LocalDate day) {
            return offers;
        }
    }
}
