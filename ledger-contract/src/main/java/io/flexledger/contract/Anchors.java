package io.flexledger.contract;

/** The {@code anchors} contract: merkle roots of metered readings. */
public final class Anchors {
    private Anchors() {}

    /** The contract's name, the namespace of its transactions. */
    public static final String CONTRACT = "anchors";

    /** The transactions' names within the contract (constants, for the chaincode's annotations). */
    public static final class Names {
        private Names() {}

        public static final String ANCHOR_READINGS = "AnchorReadings";
        public static final String READ_ANCHOR = "ReadAnchor";
        public static final String LIST_ANCHORS = "ListAnchors";
    }

    /** Anchors a day's readings of one portfolio: {@code {day, aggregatorMsp, rootHex, leafCount}} (DSO only). Arguments: anchorJson. */
    public static final Tx ANCHOR_READINGS = Tx.submit(CONTRACT, Names.ANCHOR_READINGS);

    /** Reads the anchor of one portfolio's readings of a day. Arguments: day, aggregatorMsp. */
    public static final Tx READ_ANCHOR = Tx.evaluate(CONTRACT, Names.READ_ANCHOR);

    /** Lists the anchors of a day, one page at a time. Arguments: day, pageSize, bookmark. */
    public static final Tx LIST_ANCHORS = Tx.evaluate(CONTRACT, Names.LIST_ANCHORS);
}
