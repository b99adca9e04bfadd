package io.flexledger.clearing.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OfferTest {
    final Offer offer =
            new Offer("o-1", "agr-1", "F1", "home-1", new int[] {68, 69}, new double[] {2.0, 1.5}, 0.2, 0.5);

    @Test
    void aShareScalesEverySlotAndKeepsTheRest() {
        Offer half = offer.scaled(0.5);
        assertThat(half.kw()).containsExactly(1.0, 0.75);
        assertThat(half.slots()).containsExactly(68, 69);
        assertThat(half.priceEurPerKwh()).isEqualTo(0.2);
        assertThat(half.minActivation()).isEqualTo(0.5);
        assertThat(half.id()).isEqualTo("o-1");
        // The original is not changed.
        assertThat(offer.kw()).containsExactly(2.0, 1.5);
    }

    @Test
    void aWholeShareOrMoreIsTheOfferItself() {
        assertThat(offer.scaled(1.0)).isSameAs(offer);
        assertThat(offer.scaled(1.7)).isSameAs(offer);
        assertThat(offer.scaled(0.0).totalKw()).isZero();
    }
}
