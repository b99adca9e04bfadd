package io.flexledger.settlement.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValueTypesTest {

    @Test
    void bytes32AcceptsPrefixedAndUpperCaseHexAndKeepsLowerCase() {
        Bytes32 value = Bytes32.fromHex("0x" + "AB".repeat(32));

        assertThat(value.hex()).isEqualTo("ab".repeat(32));
        assertThat(value.prefixed()).isEqualTo("0x" + "ab".repeat(32));
        assertThat(Bytes32.of(value.bytes())).isEqualTo(value);
        assertThat(value.isZero()).isFalse();
        assertThat(Bytes32.of(new byte[32]).isZero()).isTrue();
    }

    @Test
    void bytes32RefusesOtherLengths() {
        assertThatThrownBy(() -> Bytes32.of(new byte[31])).hasMessageContaining("32 bytes, got 31");
        assertThatThrownBy(() -> Bytes32.fromHex("ab")).hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> Bytes32.fromHex("zz".repeat(32))).hasMessageContaining("64 hex digits");
    }

    @Test
    void addressesCompareCaseInsensitively() {
        assertThat(EvmAddress.of("0x90F8bf6A479f320ead074411a4B0e7944Ea8c9C1"))
                .isEqualTo(EvmAddress.of("0x90f8bf6a479f320ead074411a4b0e7944ea8c9c1"));
        assertThatThrownBy(() -> EvmAddress.of("0x1234")).hasMessageContaining("40 hex digits");
        assertThatThrownBy(() -> EvmAddress.of("90f8bf6a479f320ead074411a4b0e7944ea8c9c1"))
                .hasMessageContaining("0x");
    }

    @Test
    void aPayoutIsOfPositiveCentsInATransaction() {
        EvmAddress to = EvmAddress.of("0x" + "11".repeat(20));
        String tx = "0x" + "ab".repeat(32);

        assertThat(new Payout(to, 1, tx).cents()).isEqualTo(1);
        assertThatThrownBy(() -> new Payout(to, 0, tx)).hasMessageContaining("cents");
        assertThatThrownBy(() -> new Payout(to, -5, tx)).hasMessageContaining("cents");
        assertThatThrownBy(() -> new Payout(null, 1, tx)).hasMessageContaining("recipient");
        assertThatThrownBy(() -> new Payout(to, 1, "0x12")).hasMessageContaining("txHash");
    }

    @Test
    void revertReasonsMapToTheirRule() {
        assertThat(SettlementChainException.Reason.ofRevert("SettlementAnchor: period already anchored"))
                .isEqualTo(SettlementChainException.Reason.PERIOD_ALREADY_ANCHORED);
        assertThat(SettlementChainException.Reason.ofRevert("FlexToken: caller is not the owner"))
                .isEqualTo(SettlementChainException.Reason.NOT_OWNER);
        assertThat(SettlementChainException.Reason.ofRevert("something else"))
                .isEqualTo(SettlementChainException.Reason.REVERTED);
    }

    @Test
    void nodeWordingAroundARevertIsRemoved() {
        assertThat(EvmSettlementChain.withoutNodePrefix(
                        "VM Exception while processing transaction: revert FlexToken: settlement already paid out"))
                .isEqualTo("FlexToken: settlement already paid out");
        assertThat(EvmSettlementChain.withoutNodePrefix("execution reverted: SettlementAnchor: root is zero"))
                .isEqualTo("SettlementAnchor: root is zero");
        assertThat(EvmSettlementChain.withoutNodePrefix("out of gas")).isEqualTo("out of gas");
    }

    @Test
    void anErrorStringInACallResultIsDecoded() {
        // ABI encoding of Error(string) with "FlexToken: payout of zero cents".
        String message = "FlexToken: payout of zero cents";
        String hexMessage =
                java.util.HexFormat.of().formatHex(message.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String data = "0x08c379a0"
                + "%064x".formatted(32)
                + "%064x".formatted(message.length())
                + hexMessage
                + "0".repeat(64 - hexMessage.length() % 64);
        var call = new org.web3j.protocol.core.methods.response.EthCall();
        call.setResult(data);

        assertThat(EvmSettlementChain.decodeRevert(call)).isEqualTo(message);
    }
}
