package io.flexledger.settlement.blocks;

import com.fasterxml.jackson.databind.JsonNode;
import io.flexledger.settlement.ledger.MarketLedger;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The blocks as a marketplace-api instance's peer holds them, read through {@link MarketLedger}. For an
 * audit, the ledger is the auditing organisation's own instance, so that the blocks come from its own
 * peer.
 */
public final class LedgerBlockSource implements BlockSource {
    private final MarketLedger ledger;

    public LedgerBlockSource(MarketLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public byte[] block(long number) {
        return ledger.block(number);
    }

    @Override
    public Optional<Committed> transaction(String txId) {
        return ledger.transaction(txId)
                .map(t -> new Committed(
                        t.path("blockNumber").asLong(-1),
                        t.path("validationCode").asText("")));
    }

    @Override
    public ChainInfo chainInfo() {
        JsonNode info = ledger.chainInfo();
        return new ChainInfo(
                info.path("height").asLong(),
                HexFormat.of().parseHex(info.path("currentBlockHash").asText("")));
    }
}
