package io.flexledger.contract;

import java.util.Set;

/** The {@code offers} contract: aggregators' flexibility offers. */
public final class Offers {
    private Offers() {}

    /** The contract's name, the namespace of its transactions. */
    public static final String CONTRACT = "offers";

    /** The transactions' names within the contract (constants, for the chaincode's annotations). */
    public static final class Names {
        private Names() {}

        public static final String CREATE_OFFER = "CreateOffer";
        public static final String READ_OFFER = "ReadOffer";
        public static final String LIST_OFFERS = "ListOffers";
        public static final String LIST_OFFERS_BY_DAY = "ListOffersByDay";
    }

    /** The fields of {@link #CREATE_OFFER}'s offerJson; any other field is refused. */
    public static final Set<String> OFFER_FIELDS = Set.of(
            "id",
            "aggregatorMsp",
            "congestionPointId",
            "assetId",
            "day",
            "requestId",
            "kwBySlot",
            "price",
            "minActivation");

    /** Posts an offer (aggregators only). Arguments: offerJson. */
    public static final Tx CREATE_OFFER = Tx.submit(CONTRACT, Names.CREATE_OFFER);

    /** Reads an offer. Arguments: offerId. */
    public static final Tx READ_OFFER = Tx.evaluate(CONTRACT, Names.READ_OFFER);

    /** Lists all offers in id order, one page at a time. Arguments: pageSize, bookmark. */
    public static final Tx LIST_OFFERS = Tx.evaluate(CONTRACT, Names.LIST_OFFERS);

    /** Lists the offers of a day, one page at a time. Arguments: day, pageSize, bookmark. */
    public static final Tx LIST_OFFERS_BY_DAY = Tx.evaluate(CONTRACT, Names.LIST_OFFERS_BY_DAY);
}
