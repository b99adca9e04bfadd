package io.flexledger.settlement.ledger;

import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.metering.SignedReading;
import java.util.List;

/**
 * A home's readings of one day as the device bridge serves them: each signed reading with its
 * Merkle proof, and the anchor the bridge says the proofs lead to.
 *
 * @param bridgeAnchor the anchor as the bridge stored it
 * @param readings the readings with their proofs
 */
public record HomeReadings(ReadingAnchor bridgeAnchor, List<ProvenReading> readings) {
    public HomeReadings {
        readings = List.copyOf(readings);
    }

    /**
     * One signed reading and its proof.
     *
     * @param signed the reading and its device signature
     * @param proof its path to the anchored root
     */
    public record ProvenReading(SignedReading signed, MerkleProof proof) {}
}
