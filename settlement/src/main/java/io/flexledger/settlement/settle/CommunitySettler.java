package io.flexledger.settlement.settle;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.client.ApiProblemException;
import io.flexledger.client.CommunityClient;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.codec.InputRefusal;
import io.flexledger.contract.codec.JsonFields;
import io.flexledger.contract.codec.MarketRecords;
import io.flexledger.contract.codec.SettlementRecords.ProvenReading;
import io.flexledger.settlement.ledger.MarketLedger;
import java.io.PrintStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Settles the community trades of a day, member by member, for each aggregator's community: through the
 * operator's own marketplace-api (the operator settles its members, endorsed by its peer and
 * CommunityMSP's), every home with a trade in the day's clearing gets its meter readings of the traded
 * slots with their Merkle proofs from the device bridge, as {@link DaySettler} gives an order's, and the
 * ledger computes the statement. Safe to run again: a home with a statement is skipped, and a community
 * without a clearing of the day has nothing to settle.
 */
public final class CommunitySettler {
    /** One community: its operator's MSP id and a client of the operator's API as the operator. */
    public record Operator(String community, CommunityClient api) {}

    /**
     * What a run did.
     *
     * @param settled {@code community/home} settled now
     * @param existing {@code community/home} settled before
     * @param skipped what could not be settled, each with the reason
     */
    public record Outcome(List<String> settled, List<String> existing, List<String> skipped) {}

    private final MarketLedger ledger;
    private final List<Operator> operators;
    private final PrintStream log;

    /**
     * @param ledger the homes' meters and the bridge's readings
     * @param operators the communities to settle, each through its operator's API
     */
    public CommunitySettler(MarketLedger ledger, List<Operator> operators, PrintStream log) {
        this.ledger = ledger;
        this.operators = List.copyOf(operators);
        this.log = log;
    }

    /** Settles the community members with trades on {@code day}. */
    public Outcome settle(LocalDate day) {
        List<String> settled = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (Operator op : operators) {
            JsonNode clearing;
            try {
                clearing = op.api().clearing(op.community(), day);
            } catch (ApiProblemException e) {
                if (ErrorCode.COMMUNITY_CLEARING_NOT_FOUND.name().equals(e.code())
                        || ErrorCode.COMMUNITY_DAY_NOT_FOUND.name().equals(e.code())) {
                    log.printf("community %s: no clearing of %s, nothing to settle%n", op.community(), day);
                    continue;
                }
                skipped.add(op.community() + ": " + e.getMessage());
                log.printf(
                        "community %s: the clearing of %s could not be read: %s%n",
                        op.community(), day, e.getMessage());
                continue;
            }
            SortedMap<String, Set<Integer>> slotsByHome;
            try {
                slotsByHome = tradedSlots(clearing);
            } catch (InputRefusal e) {
                skipped.add(op.community() + ": the clearing of " + day + " is not well-formed: " + e.getMessage());
                log.printf(
                        "community %s: the clearing of %s is not well-formed: %s%n",
                        op.community(), day, e.getMessage());
                continue;
            }
            Set<String> done = new HashSet<>();
            for (JsonNode st : op.api().statements(op.community(), day)) {
                done.add(st.path("homeId").asText());
            }
            log.printf(
                    "community %s: %d member(s) traded on %s, %d settled before%n",
                    op.community(), slotsByHome.size(), day, done.size());
            for (var e : slotsByHome.entrySet()) {
                String home = e.getKey();
                String name = op.community() + "/" + home;
                if (done.contains(home)) {
                    existing.add(name);
                    continue;
                }
                try {
                    List<ProvenReading> readings = HomeProofs.readings(ledger, day, home, e.getValue());
                    op.api().settleMember(day, home, readings, Duration.ofSeconds(60));
                    settled.add(name);
                    log.println(settledLine(op, day, home, name));
                } catch (ApiProblemException | IllegalStateException | InputRefusal ex) {
                    if (ex instanceof ApiProblemException p
                            && ErrorCode.COMMUNITY_STATEMENT_EXISTS.name().equals(p.code())) {
                        existing.add(name);
                        continue;
                    }
                    log.printf("  %s not settled: %s%n", name, ex.getMessage());
                    skipped.add(name + ": " + ex.getMessage());
                }
            }
        }
        return new Outcome(settled, existing, skipped);
    }

    /**
     * What a member's statement says, for the log. The settlement's answer is the statement's public record
     * (hashes only): the figures are in the private statement, read back through the operator's API.
     */
    private static String settledLine(Operator op, LocalDate day, String home, String name) {
        JsonNode totals;
        try {
            totals = op.api().statement(op.community(), day, home).path("totals");
        } catch (ApiProblemException | IllegalStateException e) {
            return "  " + name + " settled (its statement could not be read back: " + e.getMessage() + ")";
        }
        return String.format(
                "  %s settled: sold %s kWh (delivered %s), bought %s kWh (taken %s), net %s EUR",
                name,
                totals.path("soldKwh").asText(),
                totals.path("deliveredKwh").asText(),
                totals.path("boughtKwh").asText(),
                totals.path("takenKwh").asText(),
                totals.path("netEur").asText());
    }

    /**
     * The traded slots of each home in a clearing record ({@code trades[{homeId, slot, …}]}), read by the one
     * strict reader: a trade without its home or with a slot that is not a whole number is refused
     * ({@link InputRefusal} naming its JSON path).
     */
    static SortedMap<String, Set<Integer>> tradedSlots(JsonNode clearing) {
        SortedMap<String, Set<Integer>> out = new TreeMap<>();
        for (JsonFields t : MarketRecords.stored(clearing.toString()).objects("trades")) {
            String home = t.string("homeId");
            int slot = t.integer("slot");
            out.computeIfAbsent(home, h -> new TreeSet<>()).add(slot);
        }
        return out;
    }
}
