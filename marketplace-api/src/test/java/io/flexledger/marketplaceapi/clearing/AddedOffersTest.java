package io.flexledger.marketplaceapi.clearing;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.clearing.model.ClearingProblem;
import io.flexledger.clearing.model.Offer;
import io.flexledger.clearing.model.Request;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the provisional clearing adds offers to its warm session, and when it reopens it. */
class AddedOffersTest {
    private static final Request NEED = new Request("r1", "F1", 40, 10.0, 1.0);

    private static Offer offer(String id, double price) {
        return new Offer(id, "Aggregator1MSP", "F1", "home-" + id, new int[] {40}, new double[] {5.0}, price, 0.0);
    }

    private static ClearingProblem book(List<Request> requests, Offer... offers) {
        return new ClearingProblem("2026-12-03", 15, 96, requests, List.of(offers));
    }

    @Test
    void newOffersAloneAreAddedWhateverTheListingOrder() {
        ClearingProblem held = book(List.of(NEED), offer("a", 0.2), offer("b", 0.3));
        ClearingProblem now = book(List.of(NEED), offer("c", 0.1), offer("b", 0.3), offer("a", 0.2));
        assertThat(GateClosureClearing.addedOffers(held, now))
                .extracting(Offer::id)
                .containsExactly("c");
        assertThat(GateClosureClearing.addedOffers(held, held)).isEmpty();
    }

    @Test
    void aRemovedOrChangedOfferOrAChangedNeedIsNotAnAddition() {
        ClearingProblem held = book(List.of(NEED), offer("a", 0.2), offer("b", 0.3));
        assertThat(GateClosureClearing.addedOffers(held, book(List.of(NEED), offer("a", 0.2))))
                .as("an offer gone")
                .isNull();
        assertThat(GateClosureClearing.addedOffers(held, book(List.of(NEED), offer("a", 0.2), offer("b", 0.25))))
                .as("an offer with another price under the same id")
                .isNull();
        assertThat(GateClosureClearing.addedOffers(
                        held,
                        book(List.of(NEED, new Request("r2", "F1", 41, 3.0, 1.0)), offer("a", 0.2), offer("b", 0.3))))
                .as("a new request")
                .isNull();
    }
}
