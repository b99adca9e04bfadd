package io.flexledger.contract;

import java.util.Set;

/** The {@code requests} contract: the DSO's flexibility requests. */
public final class Requests {
    private Requests() {}

    /** The contract's name, the namespace of its transactions. */
    public static final String CONTRACT = "requests";

    /** The transactions' names within the contract (constants, for the chaincode's annotations). */
    public static final class Names {
        private Names() {}

        public static final String CREATE_REQUEST = "CreateRequest";
        public static final String CLOSE_REQUEST = "CloseRequest";
        public static final String CANCEL_REQUEST = "CancelRequest";
        public static final String READ_REQUEST = "ReadRequest";
        public static final String LIST_REQUESTS_BY_DAY = "ListRequestsByDay";
    }

    /** The fields of {@link #CREATE_REQUEST}'s requestJson; any other field is refused. */
    public static final Set<String> REQUEST_FIELDS =
            Set.of("id", "dsoMsp", "congestionPointId", "day", "kwBySlot", "unservedPenalty");

    /** Posts a request (DSO only). Arguments: requestJson. */
    public static final Tx CREATE_REQUEST = Tx.submit(CONTRACT, Names.CREATE_REQUEST);

    /** Closes an open request (fully served or no longer needed). Arguments: requestId. */
    public static final Tx CLOSE_REQUEST = Tx.submit(CONTRACT, Names.CLOSE_REQUEST);

    /** Cancels an open request. Arguments: requestId. */
    public static final Tx CANCEL_REQUEST = Tx.submit(CONTRACT, Names.CANCEL_REQUEST);

    /** Reads a request. Arguments: requestId. */
    public static final Tx READ_REQUEST = Tx.evaluate(CONTRACT, Names.READ_REQUEST);

    /** Lists the requests of a day, one page at a time. Arguments: day, pageSize, bookmark. */
    public static final Tx LIST_REQUESTS_BY_DAY = Tx.evaluate(CONTRACT, Names.LIST_REQUESTS_BY_DAY);
}
