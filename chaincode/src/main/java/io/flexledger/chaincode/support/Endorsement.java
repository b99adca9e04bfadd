package io.flexledger.chaincode.support;

import java.util.List;
import org.hyperledger.fabric.shim.ext.sbe.StateBasedEndorsement;
import org.hyperledger.fabric.shim.ext.sbe.StateBasedEndorsement.RoleType;
import org.hyperledger.fabric.shim.ext.sbe.impl.StateBasedEndorsementFactory;

/**
 * Key-level (state-based) endorsement policies. A key with such a policy can only be changed by a
 * transaction endorsed by a peer of every named organisation, whatever the chaincode's own policy.
 */
public final class Endorsement {
    private Endorsement() {}

    /** The policy AND(msp1.peer, msp2.peer, …) as Fabric's serialised SignaturePolicyEnvelope. */
    public static byte[] peersOfAll(List<String> mspIds) {
        if (mspIds.isEmpty()) {
            throw new IllegalArgumentException("a key-level policy names at least one organisation");
        }
        StateBasedEndorsement sbe = StateBasedEndorsementFactory.getInstance().newStateBasedEndorsement(new byte[0]);
        // The shim sorts the organisations, so every endorser produces the same bytes.
        sbe.addOrgs(RoleType.RoleTypePeer, mspIds.toArray(String[]::new));
        return sbe.policy();
    }
}
