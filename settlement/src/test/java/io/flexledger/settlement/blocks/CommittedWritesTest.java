package io.flexledger.settlement.blocks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Test;

/** The public writes of a committed transaction, read from its block. */
class CommittedWritesTest {
    private static final TestPki.Org ORDERER = new TestPki.Org("OrdererMSP");
    private static final TestPki.Org AGG1 = new TestPki.Org("Aggregator1MSP");
    private static final TestPki.Org COMMUNITY = new TestPki.Org("CommunityMSP");

    @Test
    void readsWhatTheTransactionWroteAndHowThePeerValidatedIt() {
        TestChain chain = new TestChain(ORDERER, AGG1, COMMUNITY);
        String settled = TestChain.txId("settle home-1");
        String other = TestChain.txId("settle home-2");
        chain.append(
                List.of(
                        TestChain.writing(
                                settled,
                                AGG1.client(),
                                List.of(AGG1.peer(), COMMUNITY.peer()),
                                Map.of("statement-home-1", "{\"homeId\":\"home-1\",\"sha256\":\"ab\"}")),
                        TestChain.writing(
                                other,
                                AGG1.client(),
                                List.of(AGG1.peer(), COMMUNITY.peer()),
                                Map.of("statement-home-2", "{\"homeId\":\"home-2\"}"))),
                List.of(TxValidationCode.VALID, TxValidationCode.MVCC_READ_CONFLICT));

        CommittedWrites.Committed c = CommittedWrites.of(chain, settled).orElseThrow();
        assertThat(c.blockNumber()).isEqualTo(1);
        assertThat(c.validationCode()).isEqualTo("VALID");
        assertThat(c.writes())
                .containsExactly(new CommittedWrites.Write(
                        "flexledger", "statement-home-1", "{\"homeId\":\"home-1\",\"sha256\":\"ab\"}"));

        assertThat(CommittedWrites.of(chain, other).orElseThrow().validationCode())
                .isEqualTo("MVCC_READ_CONFLICT");
        assertThat(CommittedWrites.of(chain, TestChain.txId("never"))).isEmpty();
    }
}
