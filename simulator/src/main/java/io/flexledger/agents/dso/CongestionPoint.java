package io.flexledger.agents.dso;

import io.flexledger.agents.grid.LvNetwork;

/**
 * A place where the DSO buys flexibility: the transformer (all homes) or one feeder (its homes).
 *
 * @param id the point's id in clearing files ({@code TX1}, {@code F1}..{@code F4})
 * @param feeder the feeder index, or -1 for the transformer
 */
public record CongestionPoint(String id, int feeder) {

    /** The transformer of a network. */
    public static CongestionPoint transformer(LvNetwork network) {
        return new CongestionPoint(network.transformer().id(), -1);
    }

    /** Feeder {@code f} of a network. */
    public static CongestionPoint feeder(LvNetwork network, int f) {
        return new CongestionPoint(network.feederIds().get(f), f);
    }

    /** Whether this is the transformer. */
    public boolean isTransformer() {
        return feeder < 0;
    }

    /** Whether home {@code h} of the network is under this point. */
    public boolean covers(LvNetwork network, int h) {
        return isTransformer() || network.homes().get(h).feeder() == feeder;
    }
}
