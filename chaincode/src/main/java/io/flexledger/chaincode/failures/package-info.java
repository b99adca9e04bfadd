/** Refusals: the {@code ChaincodeException} of an {@link io.flexledger.contract.ErrorCode} and its explanation. */
package io.flexledger.chaincode.failures;
