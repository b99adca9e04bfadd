package io.flexledger.domain.participants;

import java.util.List;
import java.util.Objects;

/**
 * The homes an aggregator manages.
 *
 * @param aggregatorMsp the aggregator
 * @param assets its homes
 */
public record Portfolio(String aggregatorMsp, List<Asset> assets) {
    public Portfolio {
        Objects.requireNonNull(aggregatorMsp, "aggregatorMsp");
        assets = List.copyOf(assets);
        // Every home of a portfolio belongs to its aggregator.
        for (Asset asset : assets) {
            if (!asset.aggregatorMsp().equals(aggregatorMsp)) {
                throw new IllegalArgumentException(asset.id() + " belongs to " + asset.aggregatorMsp());
            }
        }
    }

    /** Whether the portfolio holds the asset. */
    public boolean holds(String assetId) {
        return assets.stream().anyMatch(a -> a.id().equals(assetId));
    }
}
