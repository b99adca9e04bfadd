package io.flexledger.devicebridge.anchor;

import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.SignedReading;

/**
 * A stored reading with its proof against its day's anchor.
 *
 * @param signed the reading and its signature
 * @param proof the path from its leaf to the anchored root
 */
public record ProvenReading(SignedReading signed, MerkleProof proof) {}
