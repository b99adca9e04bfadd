package io.flexledger.marketplaceapi.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.junit.jupiter.api.Test;

/**
 * The relay of chaincode events without a ledger: the gateway's event streams are replaced by lists,
 * one per connection, so that a lost connection and the resumption after it can be staged.
 */
class LedgerEventsTest {
    record Event(
            long getBlockNumber,
            String getTransactionId,
            String getChaincodeName,
            String getEventName,
            byte[] getPayload)
            implements ChaincodeEvent {
        static Event of(long block, String tx, String name, String payload) {
            return new Event(block, tx, "flexledger", name, payload.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** One connection's events, then a failure (as a dropped gRPC stream) or a normal end. */
    record Connection(List<ChaincodeEvent> events, boolean failsAtEnd) {}

    /** Where each connection resumed: the checkpoint's block and transaction, "-" when empty. */
    private final List<String> resumedAt = new ArrayList<>();

    private LedgerEvents relay(List<Connection> connections) {
        Iterator<Connection> next = connections.iterator();
        return new LedgerEvents(
                checkpoint -> {
                    resumedAt.add(
                            checkpoint.getBlockNumber().isPresent()
                                    ? checkpoint.getBlockNumber().getAsLong() + "/"
                                            + checkpoint.getTransactionId().orElse("")
                                    : "-");
                    return iterator(next.next());
                },
                Duration.ofMillis(1),
                false);
    }

    @Test
    void aLostConnectionResumesJustAfterTheLastDeliveredEvent() {
        Event first = Event.of(5, "tx-a", "OrderCreated", "{\"id\":\"ord-1\"}");
        Event second = Event.of(5, "tx-b", "OfferRevoked", "{\"offerId\":\"o-2\"}");
        Event third = Event.of(6, "tx-c", "OrderSettled", "{\"id\":\"stl-ord-1\"}");
        LedgerEvents relay =
                relay(List.of(new Connection(List.of(first, second), true), new Connection(List.of(third), false)));
        List<LedgerEvent> seen = new ArrayList<>();
        relay.listen(seen::add);

        assertThat(relay.followOnce()).as("the first connection fails").isFalse();
        assertThat(relay.followOnce()).as("the second one ends normally").isTrue();

        assertThat(seen).extracting(LedgerEvent::txId).containsExactly("tx-a", "tx-b", "tx-c");
        assertThat(resumedAt).containsExactly("-", "5/tx-b");
        assertThat(seen.get(1).payload().path("offerId").asText()).isEqualTo("o-2");
        assertThat(seen.get(2).blockNumber()).isEqualTo(6);
        assertThat(seen.get(2).name()).isEqualTo("OrderSettled");
    }

    @Test
    void aFlexOffersSeveralOptionsReachListenersAsOneOfferCreatedEach() {
        // Fabric keeps one event per transaction: uftp:CreateOffers names every option in OffersCreated.
        Event several = Event.of(
                8,
                "tx-f",
                "OffersCreated",
                "{\"flexOfferMessageId\":\"m-1\",\"aggregatorMsp\":\"Aggregator1MSP\","
                        + "\"offerIds\":[\"m-1.home-1\",\"m-1.home-3\"],"
                        + "\"offers\":[{\"id\":\"m-1.home-1\",\"assetId\":\"home-1\",\"state\":\"OFFERED\"},"
                        + "{\"id\":\"m-1.home-3\",\"assetId\":\"home-3\",\"state\":\"OFFERED\"}]}");
        Event revoked = Event.of(
                9,
                "tx-r",
                "OffersRevoked",
                "{\"flexOfferMessageId\":\"m-1\",\"revoked\":[\"m-1.home-1\",\"m-1.home-3\"],"
                        + "\"revocations\":[{\"offerId\":\"m-1.home-1\",\"reason\":\"r\"},"
                        + "{\"offerId\":\"m-1.home-3\",\"reason\":\"r\"}]}");
        Event after = Event.of(10, "tx-o", "OrderCreated", "{\"id\":\"ord-1\"}");
        LedgerEvents relay =
                relay(List.of(new Connection(List.of(several, revoked), true), new Connection(List.of(after), false)));
        List<LedgerEvent> seen = new ArrayList<>();
        relay.listen(seen::add);
        relay.followOnce();
        relay.followOnce();

        assertThat(seen)
                .extracting(LedgerEvent::name)
                .containsExactly("OfferCreated", "OfferCreated", "OfferRevoked", "OfferRevoked", "OrderCreated");
        assertThat(seen.get(0).payload().path("id").asText()).isEqualTo("m-1.home-1");
        assertThat(seen.get(1).payload().path("id").asText()).isEqualTo("m-1.home-3");
        assertThat(seen.get(1).payload().path("assetId").asText()).isEqualTo("home-3");
        assertThat(seen.get(1).payload().path("flexOfferMessageId").asText()).isEqualTo("m-1");
        assertThat(seen.get(1).txId()).isEqualTo("tx-f");
        assertThat(seen.get(1).payload().path("txId").asText()).isEqualTo("tx-f");
        assertThat(seen.get(3).payload().path("offerId").asText()).isEqualTo("m-1.home-3");
        // The transaction is resumed after as a whole: none of its options is delivered twice.
        assertThat(resumedAt).containsExactly("-", "9/tx-r");
    }

    @Test
    void anEventOfOneRecordAndAMalformedOneOfSeveralPassAsTheyAre() {
        LedgerEvent plain = new LedgerEvent(
                "OfferCreated", "tx-1", 1, new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode());
        assertThat(LedgerEvent.all(plain)).containsExactly(plain);
        LedgerEvent bare = new LedgerEvent(
                "OffersCreated", "tx-2", 1, new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode());
        assertThat(LedgerEvent.all(bare)).containsExactly(bare);
    }

    @Test
    void aFailingListenerDoesNotKeepEventsFromTheOthers() {
        LedgerEvents relay = relay(List.of(
                new Connection(List.of(Event.of(1, "tx-1", "A", "{}"), Event.of(2, "tx-2", "B", "{}")), false)));
        List<String> seen = new ArrayList<>();
        relay.listen(e -> {
            throw new IllegalStateException("listener fault");
        });
        relay.listen(e -> seen.add(e.txId()));

        relay.followOnce();

        assertThat(seen).containsExactly("tx-1", "tx-2");
    }

    @Test
    void aRemovedListenerHearsNothingMore() {
        LedgerEvents relay = relay(List.of());
        List<String> seen = new ArrayList<>();
        Runnable stop = relay.listen(e -> seen.add(e.txId()));
        relay.deliver(new LedgerEvent("A", "tx-1", 1, null));
        stop.run();
        relay.deliver(new LedgerEvent("B", "tx-2", 2, null));
        assertThat(seen).containsExactly("tx-1");
        assertThat(relay.listenerCount()).isZero();
    }

    @Test
    void aPayloadThatIsNotJsonIsPassedOnAsText() {
        LedgerEvent e = LedgerEvent.of(Event.of(3, "tx-3", "Odd", "not { json"));
        assertThat(e.payload().isTextual()).isTrue();
        assertThat(e.payload().asText()).isEqualTo("not { json");
        assertThat(LedgerEvent.of(Event.of(3, "tx-4", "Empty", "")).payload().isNull())
                .isTrue();
    }

    private static CloseableIterator<ChaincodeEvent> iterator(Connection c) {
        Iterator<ChaincodeEvent> events = c.events().iterator();
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                if (!events.hasNext() && c.failsAtEnd()) {
                    throw new IllegalStateException("UNAVAILABLE: connection lost");
                }
                return events.hasNext();
            }

            @Override
            public ChaincodeEvent next() {
                return events.next();
            }

            @Override
            public void close() {}
        };
    }
}
