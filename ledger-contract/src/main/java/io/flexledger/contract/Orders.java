package io.flexledger.contract;

import java.util.Set;

/** The {@code orders} contract: the DSO's flexibility orders. */
public final class Orders {
    private Orders() {}

    /** The contract's name, the namespace of its transactions. */
    public static final String CONTRACT = "orders";

    /** The transactions' names within the contract (constants, for the chaincode's annotations). */
    public static final class Names {
        private Names() {}

        public static final String CREATE_ORDER = "CreateOrder";
        public static final String CANCEL_ORDER = "CancelOrder";
        public static final String READ_ORDER = "ReadOrder";
        public static final String LIST_ORDERS_BY_DAY = "ListOrdersByDay";
    }

    /** The fields of {@link #CREATE_ORDER}'s orderJson; any other field is refused. */
    public static final Set<String> ORDER_FIELDS = Set.of("id", "offerId", "activation");

    /** Orders an offer: {@code {id, offerId, activation}} (DSO only). Arguments: orderJson. */
    public static final Tx CREATE_ORDER = Tx.submit(CONTRACT, Names.CREATE_ORDER);

    /** Cancels an accepted order before its block begins (DSO only); its asset's slots become free to sell again. Arguments: orderId. */
    public static final Tx CANCEL_ORDER = Tx.submit(CONTRACT, Names.CANCEL_ORDER);

    /** Reads an order. Arguments: orderId. */
    public static final Tx READ_ORDER = Tx.evaluate(CONTRACT, Names.READ_ORDER);

    /** Lists the orders of a day, one page at a time. Arguments: day, pageSize, bookmark. */
    public static final Tx LIST_ORDERS_BY_DAY = Tx.evaluate(CONTRACT, Names.LIST_ORDERS_BY_DAY);
}
