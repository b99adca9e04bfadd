package io.flexledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.chaincode.codec.CommunityJson;
import io.flexledger.chaincode.codec.JsonInput;
import io.flexledger.contract.Community;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.CommunityRecords;
import io.flexledger.contract.codec.CommunityRecords.ClearingInput;
import io.flexledger.contract.codec.CommunityRecords.SettlementInput;
import io.flexledger.contract.codec.CommunityRecords.TradeInput;
import io.flexledger.contract.codec.SettlementRecords.ProvenReading;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.units.Kilowatts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The clearing and settlement inputs the API writes with the ledger contract's codec, read by the
 * chaincode's own readers of those inputs: every value comes back equal.
 */
class CommunityInputsTest {
    static final LocalDate DAY = LocalDate.of(2030, 6, 1);

    @Test
    void aClearingInputIsReadBackByTheChaincodeAsTheSameTrades() {
        ClearingInput c = new ClearingInput(
                "Aggregator1MSP",
                DAY,
                List.of(
                        new TradeInput("b-68", Kilowatts.of("1.25"), new BigDecimal("0.1625")),
                        new TradeInput("s-68", Kilowatts.of("1.25"), new BigDecimal("0.2")),
                        new TradeInput("s-70", Kilowatts.of("0.001"), new BigDecimal("0.000005"))));
        String text = CanonicalJson.write(CommunityRecords.clearingInput(c));
        CommunityJson.Clearing back =
                CommunityJson.clearing(JsonInput.parse(text).onlyFields(Community.CLEARING_FIELDS));
        assertThat(back.community()).isEqualTo(c.community());
        assertThat(back.day()).isEqualTo(c.day());
        assertThat(back.trades().stream()
                        .map(t -> new TradeInput(t.orderId(), t.kw(), t.price()))
                        .toList())
                .isEqualTo(c.trades());
        assertThat(back.trades())
                .extracting(CommunityJson.Trade::path)
                .containsExactly("$.trades[0]", "$.trades[1]", "$.trades[2]");
    }

    @Test
    void aSettlementInputIsReadBackByTheChaincodeAsTheSameReadings() {
        List<SignedReading> leaves = List.of(
                SettlementScenario.sign("meter-1", "home-1", 71, "-0.6"),
                SettlementScenario.sign("meter-1", "home-1", 72, "0.2"));
        MerkleTree tree =
                MerkleTree.of(leaves.stream().map(SignedReading::leafHash).toList());
        SettlementInput s = new SettlementInput(
                "Aggregator1MSP",
                leaves.get(0).reading().day(),
                "home-1",
                List.of(
                        new ProvenReading(leaves.get(0), tree.proof(0)),
                        new ProvenReading(leaves.get(1), tree.proof(1))));
        String text = CanonicalJson.write(CommunityRecords.settlementInput(s));
        CommunityJson.SettlementInput back =
                CommunityJson.settlement(JsonInput.parse(text).onlyFields(Community.SETTLEMENT_FIELDS));
        assertThat(new SettlementInput(
                        back.community(),
                        back.day(),
                        back.homeId(),
                        back.readings().stream()
                                .map(r -> new ProvenReading(r.signed(), r.proof()))
                                .toList()))
                .isEqualTo(s);
    }
}
