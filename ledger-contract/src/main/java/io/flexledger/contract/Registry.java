package io.flexledger.contract;

/** The {@code registry} contract: organisations, grid, homes, devices. */
public final class Registry {
    private Registry() {}

    /** The contract's name, the namespace of its transactions. */
    public static final String CONTRACT = "registry";

    /** Transient field carrying the private details of a home registered by {@code RegisterAsset}. */
    public static final String HOME_TRANSIENT = "home";

    /** The transactions' names within the contract (constants, for the chaincode's annotations). */
    public static final class Names {
        private Names() {}

        public static final String REGISTER_ORGANISATION = "RegisterOrganisation";
        public static final String READ_ORGANISATION = "ReadOrganisation";
        public static final String REGISTER_CONGESTION_POINT = "RegisterCongestionPoint";
        public static final String READ_CONGESTION_POINT = "ReadCongestionPoint";
        public static final String LIST_CONGESTION_POINTS = "ListCongestionPoints";
        public static final String REGISTER_ASSET = "RegisterAsset";
        public static final String READ_ASSET = "ReadAsset";
        public static final String READ_HOME_DETAILS = "ReadHomeDetails";
        public static final String LIST_PORTFOLIO = "ListPortfolio";
        public static final String REGISTER_DEVICE = "RegisterDevice";
        public static final String APPROVE_METER = "ApproveMeter";
        public static final String PROPOSE_METER_KEY = "ProposeMeterKey";
        public static final String DEVICE_HISTORY = "DeviceHistory";
        public static final String READ_DEVICE = "ReadDevice";
        public static final String LIST_DEVICES = "ListDevices";
    }

    /** Records the caller's own organisation (role from its MSP id) with a display name. Arguments: name. */
    public static final Tx REGISTER_ORGANISATION = Tx.submit(CONTRACT, Names.REGISTER_ORGANISATION);

    /** Reads an organisation. Arguments: mspId. */
    public static final Tx READ_ORGANISATION = Tx.evaluate(CONTRACT, Names.READ_ORGANISATION);

    /** Registers a transformer or feeder (DSO only). Arguments: congestionPointJson. */
    public static final Tx REGISTER_CONGESTION_POINT = Tx.submit(CONTRACT, Names.REGISTER_CONGESTION_POINT);

    /** Reads a congestion point. Arguments: id. */
    public static final Tx READ_CONGESTION_POINT = Tx.evaluate(CONTRACT, Names.READ_CONGESTION_POINT);

    /** Lists congestion points, one page at a time. Arguments: pageSize, bookmark. */
    public static final Tx LIST_CONGESTION_POINTS = Tx.evaluate(CONTRACT, Names.LIST_CONGESTION_POINTS);

    /** Registers a home of the caller's portfolio. Arguments: assetJson. */
    public static final Tx REGISTER_ASSET = Tx.submit(CONTRACT, Names.REGISTER_ASSET);

    /** Reads an asset's public record. Arguments: assetId. */
    public static final Tx READ_ASSET = Tx.evaluate(CONTRACT, Names.READ_ASSET);

    /** Reads a home's private details: only its aggregator and the DSO. Arguments: assetId. */
    public static final Tx READ_HOME_DETAILS = Tx.evaluate(CONTRACT, Names.READ_HOME_DETAILS);

    /** Lists an aggregator's portfolio, one page at a time. Arguments: aggregatorMsp, pageSize, bookmark. */
    public static final Tx LIST_PORTFOLIO = Tx.evaluate(CONTRACT, Names.LIST_PORTFOLIO);

    /** Registers a device of one of the caller's homes, with its public key. Arguments: deviceJson. */
    public static final Tx REGISTER_DEVICE = Tx.submit(CONTRACT, Names.REGISTER_DEVICE);

    /** Approves a meter's key (DSO only): {@code {"deviceId", "publicKeyBase64"}}, the key the DSO checked (the approval is refused if another one awaits approval). Arguments: approvalJson. */
    public static final Tx APPROVE_METER = Tx.submit(CONTRACT, Names.APPROVE_METER);

    /** Proposes a new key for an approved meter (its home's aggregator only): {@code {"deviceId", "keyAlgorithm", "publicKeyBase64"}}. Arguments: keyJson. */
    public static final Tx PROPOSE_METER_KEY = Tx.submit(CONTRACT, Names.PROPOSE_METER_KEY);

    /** A device with every version of its record: {@code {"id","history":[{"txId","timestamp","isDelete", "value"}…]}} (registration, approvals, proposed and approved keys), in the order the peer returns them (newest first since Fabric 2.0). Arguments: deviceId. */
    public static final Tx DEVICE_HISTORY = Tx.evaluate(CONTRACT, Names.DEVICE_HISTORY);

    /** Reads a device and its public key. Arguments: deviceId. */
    public static final Tx READ_DEVICE = Tx.evaluate(CONTRACT, Names.READ_DEVICE);

    /** Lists the devices of a home, one page at a time. Arguments: assetId, pageSize, bookmark. */
    public static final Tx LIST_DEVICES = Tx.evaluate(CONTRACT, Names.LIST_DEVICES);
}
