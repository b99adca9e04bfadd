package io.flexledger.chaincode.support;

import static io.flexledger.chaincode.failures.Failures.fail;

import io.flexledger.contract.ErrorCode;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * The time rules' anchor in the endorsing peer's own clock. The deadlines of the market (gate closure
 * for baselines, offers and requests, the start of an ordered block) compare against the proposal's
 * timestamp, which the submitting client chooses. Every endorsing peer therefore first checks that
 * timestamp against its own clock: a submission stamped more than the tolerance away from the peer's
 * time is refused with {@link ErrorCode#PROPOSAL_TIME_OUT_OF_BOUNDS}. Since every submission needs a
 * peer of an organisation other than the submitter's (and the rules that a counterparty must consent
 * to need that counterparty's peer, see {@code docs/decisions/0014-threat-model.md}), no organisation
 * can backdate or postdate a transaction by more than the tolerance on its own.
 *
 * <p>Each organisation states its tolerance with {@code FLEX_CLOCK_TOLERANCE_SECONDS} in the
 * environment of its chaincode process (default {@value #DEFAULT_TOLERANCE_SECONDS} s): the
 * largest clock difference between two honest, NTP-synchronised machines plus the time a proposal
 * takes to reach the peer. Evaluations (reads) are not checked.
 */
public final class PeerClock {
    /** The default tolerance, in seconds. */
    public static final long DEFAULT_TOLERANCE_SECONDS = 60;

    private static volatile Supplier<Instant> clock = Instant::now;
    private static volatile Duration tolerance = toleranceFrom(System.getenv("FLEX_CLOCK_TOLERANCE_SECONDS"));
    private static final Map<String, Boolean> SUBMITS = new ConcurrentHashMap<>();

    private PeerClock() {}

    /** The tolerance named by {@code value} (whole seconds, at least 1), or the default when absent. */
    public static Duration toleranceFrom(String value) {
        if (value == null || value.isBlank()) {
            return Duration.ofSeconds(DEFAULT_TOLERANCE_SECONDS);
        }
        try {
            long seconds = Long.parseLong(value.strip());
            if (seconds >= 1) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(
                "FLEX_CLOCK_TOLERANCE_SECONDS must be a whole number of seconds >= 1, was '" + value + "'");
    }

    /** The tolerance this peer applies. */
    public static Duration tolerance() {
        return tolerance;
    }

    /** Replaces the clock and the tolerance (tests, which run on a simulated clock). */
    public static void use(Supplier<Instant> source, Duration tol) {
        clock = source;
        tolerance = tol;
    }

    /**
     * Refuses a submission of {@code contract} whose timestamp is outside the tolerance of this peer's
     * clock; evaluations pass unchecked.
     */
    public static void check(Context ctx, Class<?> contract) {
        String function = ctx.getStub().getFunction();
        if (function == null || !isSubmit(contract, function)) {
            return;
        }
        check(ctx.getStub().getTxTimestamp());
    }

    /** Refuses {@code proposalTime} unless within the tolerance of this peer's clock. */
    public static void check(Instant proposalTime) {
        Instant peerTime = clock.get();
        if (proposalTime == null) {
            throw fail(ErrorCode.PROPOSAL_TIME_OUT_OF_BOUNDS, "the proposal carries no timestamp");
        }
        Duration skew = Duration.between(peerTime, proposalTime);
        if (skew.abs().compareTo(tolerance) > 0) {
            throw fail(
                    ErrorCode.PROPOSAL_TIME_OUT_OF_BOUNDS,
                    "the proposal is stamped %s, %d s %s the clock of the endorsing peer%s (%s); tolerance %d s",
                    proposalTime,
                    skew.abs().toSeconds(),
                    skew.isNegative() ? "behind" : "ahead of",
                    peerName(),
                    peerTime,
                    tolerance.toSeconds());
        }
    }

    private static String peerName() {
        String org = System.getenv("FLEX_PEER_ORG");
        return org == null || org.isBlank() ? "" : " of " + org;
    }

    /** Whether {@code function} ({@code Name} or {@code contract:Name}) is a submission of {@code contract}. */
    static boolean isSubmit(Class<?> contract, String function) {
        String name = function.substring(function.indexOf(':') + 1);
        return SUBMITS.computeIfAbsent(contract.getName() + "#" + name, k -> {
            for (Method m : contract.getMethods()) {
                Transaction t = m.getAnnotation(Transaction.class);
                if (t != null
                        && t.intent() == Transaction.TYPE.SUBMIT
                        && (name.equals(t.name()) || name.equals(m.getName()))) {
                    return true;
                }
            }
            return false;
        });
    }
}
