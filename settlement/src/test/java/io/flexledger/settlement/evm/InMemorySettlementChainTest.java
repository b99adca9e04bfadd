package io.flexledger.settlement.evm;

/** The contract rules on the in-memory implementation. */
class InMemorySettlementChainTest extends SettlementChainContractTest {

    private final InMemorySettlementChain chain = new InMemorySettlementChain();

    @Override
    SettlementChain chain() {
        return chain;
    }
}
