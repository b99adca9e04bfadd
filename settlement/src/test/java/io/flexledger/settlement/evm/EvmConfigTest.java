package io.flexledger.settlement.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvmConfigTest {

    @Test
    void defaultsAreTheLocalGanache() {
        EvmConfig config = EvmConfig.from(name -> null, Map.of());

        assertThat(config.rpcUrl()).isEqualTo(URI.create("http://127.0.0.1:8545"));
        assertThat(config.chainId()).isEqualTo(1337);
        assertThat(config.operatorKeyHex()).isEqualTo(EvmConfig.GANACHE_ACCOUNT_0_KEY);
        assertThat(config.anchorAddress()).isEmpty();
        assertThat(config.tokenAddress()).isEmpty();
        assertThat(config.contractsFile()).isEqualTo(Path.of(".flex/evm/contracts.json"));
        assertThat(config.gasLimit()).isEqualTo(BigInteger.valueOf(3_000_000));
        assertThat(config.gasPriceWei()).isEmpty();
        assertThat(config.aggregatorAccounts().of("Aggregator1MSP")).isEqualTo(AggregatorAccounts.GANACHE_ACCOUNT_1);
        assertThat(config.aggregatorAccounts().of("Aggregator2MSP")).isEqualTo(AggregatorAccounts.GANACHE_ACCOUNT_2);
    }

    @Test
    void environmentOverridesDefaultsAndSystemPropertiesOverrideTheEnvironment() {
        Map<String, String> env = Map.of(
                "FLEX_HOME", "/srv/flex",
                "FLEX_EVM_RPC_URL", "http://10.0.0.5:8545",
                "FLEX_EVM_CHAIN_ID", "31337",
                "FLEX_EVM_TOKEN_ADDRESS", "0x" + "11".repeat(20),
                "FLEX_EVM_GAS_PRICE_WEI", "1000000000");
        Map<String, String> properties = Map.of("flexledger.evm.chain-id", "11155111");

        EvmConfig config = EvmConfig.from(properties::get, env);

        assertThat(config.rpcUrl()).isEqualTo(URI.create("http://10.0.0.5:8545"));
        assertThat(config.chainId()).isEqualTo(11155111);
        assertThat(config.contractsFile()).isEqualTo(Path.of("/srv/flex/evm/contracts.json"));
        assertThat(config.tokenAddress()).contains(EvmAddress.of("0x" + "11".repeat(20)));
        assertThat(config.gasPriceWei()).contains(BigInteger.valueOf(1_000_000_000));
    }

    @Test
    void aggregatorAccountsCanBeRemappedAndExtended() {
        EvmConfig config = EvmConfig.from(
                name -> null,
                Map.of(
                        "FLEX_EVM_ACCOUNTS",
                        "Aggregator1MSP=0x" + "aa".repeat(20) + ", Aggregator3MSP=0x" + "bb".repeat(20)));

        assertThat(config.aggregatorAccounts().of("Aggregator1MSP")).isEqualTo(EvmAddress.of("0x" + "aa".repeat(20)));
        assertThat(config.aggregatorAccounts().of("Aggregator2MSP")).isEqualTo(AggregatorAccounts.GANACHE_ACCOUNT_2);
        assertThat(config.aggregatorAccounts().of("Aggregator3MSP")).isEqualTo(EvmAddress.of("0x" + "bb".repeat(20)));
        assertThatThrownBy(() -> config.aggregatorAccounts().of("CommunityMSP"))
                .hasMessageContaining("aggregatorMsp")
                .hasMessageContaining("CommunityMSP");
    }

    @Test
    void badValuesNameTheirSetting() {
        assertThatThrownBy(() -> EvmConfig.from(name -> null, Map.of("FLEX_EVM_OPERATOR_KEY", "0x1234")))
                .hasMessageContaining("FLEX_EVM_OPERATOR_KEY");
        assertThatThrownBy(() -> EvmConfig.from(name -> null, Map.of("FLEX_EVM_ANCHOR_ADDRESS", "0xnope")))
                .hasMessageContaining("flexledger.evm.anchor-address");
        assertThatThrownBy(() -> EvmConfig.from(name -> null, Map.of("FLEX_EVM_CHAIN_ID", "main")))
                .hasMessageContaining("flexledger.evm.chain-id");
        assertThatThrownBy(() -> EvmConfig.from(name -> null, Map.of("FLEX_EVM_RPC_URL", "ws://127.0.0.1:8546")))
                .hasMessageContaining("flexledger.evm.rpc-url");
        assertThatThrownBy(() -> EvmConfig.from(name -> null, Map.of("FLEX_EVM_ACCOUNTS", "Aggregator1MSP")))
                .hasMessageContaining("flexledger.evm.accounts");
        assertThatThrownBy(() -> EvmConfig.from(name -> null, Map.of("FLEX_EVM_ACCOUNTS", "Aggregator1MSP=0x12")))
                .hasMessageContaining("flexledger.evm.accounts[Aggregator1MSP]");
        assertThatThrownBy(() -> EvmConfig.from(name -> null, Map.of("FLEX_EVM_GAS_LIMIT", "100")))
                .hasMessageContaining("gasLimit");
    }

    @Test
    void theKeyNeverAppearsInTheText() {
        EvmConfig config = EvmConfig.from(name -> null, Map.of());

        assertThat(config.toString())
                .doesNotContain(EvmConfig.GANACHE_ACCOUNT_0_KEY)
                .contains("operatorKey=***");
    }
}
