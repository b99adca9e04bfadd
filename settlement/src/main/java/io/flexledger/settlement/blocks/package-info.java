/**
 * The audit of the channel's blocks: each settlement's transaction is re-derived from the blocks the
 * auditing organisation's own peer holds (validation code, endorsements against the MSP certificates
 * of the channel configuration, the orderer's signature, the hash chain back to the genesis block).
 * Framework-free; Fabric's messages come from fabric-protos.
 */
package io.flexledger.settlement.blocks;
