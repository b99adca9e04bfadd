package io.flexledger.marketplaceapi.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The switching of {@link GatewayFailover} without a ledger: each "connection" is a peer name, and a
 * peer in {@link #down} fails as the gateway fails when its peer does not answer.
 */
class GatewayFailoverTest {
    private final Set<String> down = new HashSet<>();
    private final List<String> calls = new ArrayList<>();
    private final List<String> switchedTo = new ArrayList<>();

    private GatewayFailover<String> failover(String... peers) {
        return new GatewayFailover<>(List.of(peers), List.of(peers), switchedTo::add);
    }

    private String call(String peer) {
        calls.add(peer);
        if (down.contains(peer)) {
            throw new PeerUnreachableException(peer + " did not answer", peer, true, null);
        }
        return "answer of " + peer;
    }

    private static final Predicate<RuntimeException> UNREACHABLE = e -> e instanceof PeerUnreachableException;

    @Test
    void callsGoToTheFirstPeerWhileItAnswers() {
        GatewayFailover<String> f = failover("peer0", "peer1");
        assertThat(f.call("q", this::call, UNREACHABLE)).isEqualTo("answer of peer0");
        assertThat(f.call("q", this::call, UNREACHABLE)).isEqualTo("answer of peer0");
        assertThat(calls).containsExactly("peer0", "peer0");
        assertThat(f.switches()).isZero();
        assertThat(f.currentEndpoint()).isEqualTo("peer0");
    }

    @Test
    void aSwitchIsRecentForTheWindowAfterIt() throws InterruptedException {
        GatewayFailover<String> f = failover("peer0", "peer1");
        assertThat(f.switchedWithin(java.time.Duration.ofHours(1)))
                .as("never switched")
                .isFalse();
        down.add("peer0");
        f.call("q", this::call, UNREACHABLE);
        assertThat(f.switchedWithin(java.time.Duration.ofHours(1))).isTrue();
        Thread.sleep(5);
        assertThat(f.switchedWithin(java.time.Duration.ofMillis(1))).isFalse();
    }

    @Test
    void aPeerThatDoesNotAnswerIsLeftForTheNextAndTheCallIsMadeThere() {
        GatewayFailover<String> f = failover("peer0", "peer1");
        down.add("peer0");
        assertThat(f.call("q", this::call, UNREACHABLE)).isEqualTo("answer of peer1");
        assertThat(calls).containsExactly("peer0", "peer1");
        assertThat(f.currentEndpoint()).isEqualTo("peer1");
        assertThat(switchedTo).containsExactly("peer1");
        // The next call goes straight to the peer that answered.
        calls.clear();
        assertThat(f.call("q", this::call, UNREACHABLE)).isEqualTo("answer of peer1");
        assertThat(calls).containsExactly("peer1");
    }

    @Test
    void thePeerThatAnswersStaysCurrentWhenTheFirstComesBack() {
        GatewayFailover<String> f = failover("peer0", "peer1");
        down.add("peer0");
        f.call("q", this::call, UNREACHABLE);
        down.clear();
        calls.clear();
        f.call("q", this::call, UNREACHABLE);
        assertThat(calls).containsExactly("peer1");
        // ... and when it stops in turn, the first one, back by now, takes over again.
        down.add("peer1");
        assertThat(f.call("q", this::call, UNREACHABLE)).isEqualTo("answer of peer0");
        assertThat(f.switches()).isEqualTo(2);
        assertThat(switchedTo).containsExactly("peer1", "peer0");
    }

    @Test
    void eachPeerIsTriedOnceAndTheLastFailureIsThrown() {
        GatewayFailover<String> f = failover("peer0", "peer1", "peer2");
        down.addAll(List.of("peer0", "peer1", "peer2"));
        assertThatThrownBy(() -> f.call("q", this::call, UNREACHABLE))
                .isInstanceOf(PeerUnreachableException.class)
                .hasMessage("peer2 did not answer");
        assertThat(calls).containsExactly("peer0", "peer1", "peer2");
    }

    @Test
    void otherFailuresAreNotRetried() {
        GatewayFailover<String> f = failover("peer0", "peer1");
        assertThatThrownBy(() -> f.call(
                        "q",
                        p -> {
                            calls.add(p);
                            throw new ChaincodeRejection("OFFER_NOT_FOUND", "OFFER_NOT_FOUND: no offer o-1");
                        },
                        UNREACHABLE))
                .isInstanceOf(ChaincodeRejection.class);
        assertThat(calls).containsExactly("peer0");
        assertThat(f.currentEndpoint()).isEqualTo("peer0");
    }

    @Test
    void aFailureTheCallerDoesNotAcceptIsNotRetriedEvenIfThePeerIsUnreachable() {
        // A plain submit whose gateway peer failed after the transaction went to ordering.
        GatewayFailover<String> f = failover("peer0", "peer1");
        assertThatThrownBy(() -> f.call(
                        "submit",
                        p -> {
                            calls.add(p);
                            throw new PeerUnreachableException("commit status unknown", p, false, null);
                        },
                        e -> e instanceof PeerUnreachableException u && u.beforeOrdering()))
                .isInstanceOf(PeerUnreachableException.class);
        assertThat(calls).containsExactly("peer0");
    }

    @Test
    void concurrentFailuresOfOnePeerSwitchOnce() {
        GatewayFailover<String> f = failover("peer0", "peer1", "peer2");
        assertThat(f.failed(0, "events")).isTrue();
        assertThat(f.failed(0, "another call on peer0")).isFalse();
        assertThat(f.currentEndpoint()).isEqualTo("peer1");
        assertThat(f.switches()).isEqualTo(1);
    }

    @Test
    void aSinglePeerNeverSwitches() {
        GatewayFailover<String> f = failover("peer0");
        down.add("peer0");
        assertThatThrownBy(() -> f.call("q", this::call, UNREACHABLE)).isInstanceOf(PeerUnreachableException.class);
        assertThat(calls).containsExactly("peer0");
        assertThat(f.switches()).isZero();
        assertThat(switchedTo).isEmpty();
    }

    @Test
    void oneConnectionPerEndpoint() {
        assertThatThrownBy(() -> new GatewayFailover<>(List.of("a", "b"), List.of("a"), c -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
