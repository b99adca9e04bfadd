package io.flexledger.settlement.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployedContractsTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReadsBackTheAddresses() {
        Path file = dir.resolve("evm/contracts.json");
        DeployedContracts contracts = new DeployedContracts(
                1337, EvmAddress.of("0x" + "12".repeat(20)), EvmAddress.of("0x" + "34".repeat(20)));

        contracts.write(file);

        assertThat(DeployedContracts.read(file)).contains(contracts);
    }

    @Test
    void aMissingFileIsEmpty() {
        assertThat(DeployedContracts.read(dir.resolve("none.json"))).isEmpty();
    }

    @Test
    void aBrokenFileNamesTheField() throws Exception {
        Path file = dir.resolve("contracts.json");
        Files.writeString(
                file, "{\"chainId\":1337,\"settlementAnchor\":\"0x" + "12".repeat(20) + "\",\"flexToken\":\"0x12\"}");

        assertThatThrownBy(() -> DeployedContracts.read(file)).hasMessageContaining("$.flexToken");

        Files.writeString(file, "{\"settlementAnchor\":\"0x" + "12".repeat(20) + "\"}");
        assertThatThrownBy(() -> DeployedContracts.read(file)).hasMessageContaining("$.chainId");
    }
}
