package io.flexledger.marketplaceapi.api;

import io.flexledger.marketplaceapi.ledger.FabricLedger;

/**
 * What every port over the Fabric Gateway shares: the gateway itself, the organisation whose identity signs
 * and where a transaction was committed.
 */
abstract class GatewayPort {
    /** The gateway the port's transactions go through. */
    protected final FabricLedger fabric;

    protected GatewayPort(FabricLedger fabric) {
        this.fabric = fabric;
    }

    /** For the container's client proxy of an application-scoped port only (it delegates every call). */
    protected GatewayPort() {
        this(null);
    }

    /** The organisation this instance signs as. */
    public String mspId() {
        return fabric.mspId();
    }

    /** The block that committed {@code txId}. */
    public long blockNumberOf(String txId) {
        return fabric.blockNumberOf(txId);
    }
}
