package io.flexledger.ui.upstream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A successful answer of a service.
 *
 * @param json its body
 * @param ledgerBlock the {@code Ledger-Block-Number} header, or null
 * @param ledgerTx the {@code Ledger-Transaction-Id} header, or null
 */
public record Reply(JsonNode json, String ledgerBlock, String ledgerTx) {}
