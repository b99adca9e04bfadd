package io.flexledger.contract;

/** The {@code baselines} contract: commit and reveal of D-prognoses. */
public final class Baselines {
    private Baselines() {}

    /** The contract's name, the namespace of its transactions. */
    public static final String CONTRACT = "baselines";

    /** The transactions' names within the contract (constants, for the chaincode's annotations). */
    public static final class Names {
        private Names() {}

        public static final String COMMIT_BASELINE = "CommitBaseline";
        public static final String LIST_BASELINE_VERSIONS = "ListBaselineVersions";
        public static final String REVEAL_BASELINE = "RevealBaseline";
        public static final String READ_BASELINE = "ReadBaseline";
        public static final String READ_BASELINE_VALUES = "ReadBaselineValues";
        public static final String LIST_BASELINES = "ListBaselines";
        public static final String RECORD_PROGNOSIS = "RecordPrognosis";
        public static final String READ_PROGNOSIS = "ReadPrognosis";
    }

    /** Transient field carrying {@link #REVEAL_BASELINE}'s revealed baseline. */
    public static final String BASELINE_TRANSIENT = "baseline";

    /** The fields of {@link #COMMIT_BASELINE}'s input. */
    public static final java.util.Set<String> COMMITMENT_FIELDS = java.util.Set.of("assetId", "day", "hashHex");

    /** The fields of a revealed baseline: {@link #REVEAL_BASELINE}'s transient input, as the private collection keeps it. */
    public static final java.util.Set<String> REVEAL_FIELDS = java.util.Set.of("assetId", "day", "kwBySlot", "salt");

    /** Commits the hash of a home's baseline before the day's gate closes. Arguments: commitmentJson. */
    public static final Tx COMMIT_BASELINE = Tx.submit(CONTRACT, Names.COMMIT_BASELINE);

    /** Every committed version of a home's baseline for a day, oldest first. Arguments: assetId, day, pageSize, bookmark. */
    public static final Tx LIST_BASELINE_VERSIONS = Tx.evaluate(CONTRACT, Names.LIST_BASELINE_VERSIONS);

    /** Reveals a committed baseline: transient field {@code baseline} holds {@code {assetId, day, kwBySlot:[…one per slot…], salt}}; the hash must match the commitment. Arguments: none (transient fields only). */
    public static final Tx REVEAL_BASELINE = Tx.submit(CONTRACT, Names.REVEAL_BASELINE);

    /** Reads a home's public baseline commitment for a day. Arguments: assetId, day. */
    public static final Tx READ_BASELINE = Tx.evaluate(CONTRACT, Names.READ_BASELINE);

    /** Reads a revealed baseline's values: only the home's aggregator and the DSO. Arguments: assetId, day. */
    public static final Tx READ_BASELINE_VALUES = Tx.evaluate(CONTRACT, Names.READ_BASELINE_VALUES);

    /** Lists the commitments of a day, one page at a time. Arguments: day, pageSize, bookmark. */
    public static final Tx LIST_BASELINES = Tx.evaluate(CONTRACT, Names.LIST_BASELINES);

    /** Records an aggregator's D-Prognosis of a congestion point with several of its homes, before the day's gate closes, when every ISP's Power equals (to the watt) the sum of those homes' revealed baselines; the signed message is the transient field {@code uftpMessage}; once per aggregator, congestion point and day. Arguments: prognosisJson ({@code {congestionPointId, day}}). */
    public static final Tx RECORD_PROGNOSIS = Tx.submit(CONTRACT, Names.RECORD_PROGNOSIS);

    /** Reads an aggregator's recorded D-Prognosis of a congestion point for a day (anyone). Arguments: congestionPointId, day, aggregatorMsp. */
    public static final Tx READ_PROGNOSIS = Tx.evaluate(CONTRACT, Names.READ_PROGNOSIS);
}
