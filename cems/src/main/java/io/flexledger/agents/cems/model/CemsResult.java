package io.flexledger.agents.cems.model;

import java.util.Map;

/**
 * The optimal schedule of a home-day (formats/README.md section 1, {@code kind: cems-result}).
 *
 * <p>Every array has {@code slots} entries (zeros where the home has no such device).
 *
 * @param id the home-day's id
 * @param bill EUR, {@code sum_t h * (importPrice[t] * importKw[t] - exportPrice[t] * exportKw[t])}
 * @param importKw power drawn from the grid per slot
 * @param exportKw power fed into the grid per slot
 * @param pvUsedKw PV power used (available minus curtailed) per slot
 * @param chargeKw battery charging power per slot
 * @param dischargeKw battery discharging power per slot
 * @param evKw EV charging power per slot
 * @param deferrableStart start slot of each deferrable, by name, in input order
 * @param interruptibleKw power of each interruptible per slot, by name, in input order
 * @param solveMillis wall time of the optimisation in milliseconds
 */
public record CemsResult(
        String id,
        double bill,
        double[] importKw,
        double[] exportKw,
        double[] pvUsedKw,
        double[] chargeKw,
        double[] dischargeKw,
        double[] evKw,
        Map<String, Integer> deferrableStart,
        Map<String, double[]> interruptibleKw,
        long solveMillis) {

    /** The home's net load per slot, {@code importKw - exportKw}. */
    public double[] netLoadKw() {
        double[] net = new double[importKw.length];
        for (int t = 0; t < net.length; t++) {
            net[t] = importKw[t] - exportKw[t];
        }
        return net;
    }

    /** The same result with another solve time. */
    public CemsResult withSolveMillis(long millis) {
        return new CemsResult(
                id,
                bill,
                importKw,
                exportKw,
                pvUsedKw,
                chargeKw,
                dischargeKw,
                evKw,
                deferrableStart,
                interruptibleKw,
                millis);
    }
}
