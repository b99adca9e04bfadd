package io.flexledger.clearing.solver;

/** A problem fact: one request, with its need in micro-kW and its penalty per unserved micro-kW. */
public class RequestDemand {

    private int index;
    private int pointIndex;
    private long kwMicro;
    private double nanoEurPerMicroKw;
    private boolean servable;

    /** For Timefold's cloning. */
    public RequestDemand() {}

    /**
     * @param index the request's index in the problem
     * @param pointIndex its congestion point's index
     * @param kwMicro the kW it needs, in micro-kW
     * @param nanoEurPerMicroKw its unserved penalty per micro-kW ({@code penalty * h * 1000})
     * @param servable true when at least one offer lists its point and slot
     */
    public RequestDemand(int index, int pointIndex, long kwMicro, double nanoEurPerMicroKw, boolean servable) {
        this.index = index;
        this.pointIndex = pointIndex;
        this.kwMicro = kwMicro;
        this.nanoEurPerMicroKw = nanoEurPerMicroKw;
        this.servable = servable;
    }

    public int getIndex() {
        return index;
    }

    public int getPointIndex() {
        return pointIndex;
    }

    public long getKwMicro() {
        return kwMicro;
    }

    public boolean isServable() {
        return servable;
    }

    /** The penalty of a shortfall, nano-EUR. */
    public long penaltyNanoEur(long shortfallMicroKw) {
        return shortfallMicroKw <= 0 ? 0L : Math.round(shortfallMicroKw * nanoEurPerMicroKw);
    }

    @Override
    public String toString() {
        return "RequestDemand[" + index + "]";
    }
}
