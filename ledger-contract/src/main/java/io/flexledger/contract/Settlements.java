package io.flexledger.contract;

/** The {@code settlements} contract: settlement of orders on metered delivery. */
public final class Settlements {
    private Settlements() {}

    /** The contract's name, the namespace of its transactions. */
    public static final String CONTRACT = "settlements";

    /** The transactions' names within the contract (constants, for the chaincode's annotations). */
    public static final class Names {
        private Names() {}

        public static final String SETTLE_ORDER = "SettleOrder";
        public static final String READ_SETTLEMENT = "ReadSettlement";
        public static final String READ_SETTLEMENT_DETAILS = "ReadSettlementDetails";
        public static final String LIST_SETTLEMENTS = "ListSettlements";
    }

    /** Settles an order: {@code {orderId, readings:[{…signed reading…, proof:{leafIndex, leafCount, siblings}}]}} (DSO only). Arguments: inputJson. */
    public static final Tx SETTLE_ORDER = Tx.submit(CONTRACT, Names.SETTLE_ORDER);

    /** Reads a settlement's public record. Arguments: id. */
    public static final Tx READ_SETTLEMENT = Tx.evaluate(CONTRACT, Names.READ_SETTLEMENT);

    /** Reads a settlement's per-slot lines: only the DSO and the settlement's aggregator. Arguments: id. */
    public static final Tx READ_SETTLEMENT_DETAILS = Tx.evaluate(CONTRACT, Names.READ_SETTLEMENT_DETAILS);

    /** Lists the settlements of a day, one page at a time. Arguments: day, pageSize, bookmark. */
    public static final Tx LIST_SETTLEMENTS = Tx.evaluate(CONTRACT, Names.LIST_SETTLEMENTS);
}
