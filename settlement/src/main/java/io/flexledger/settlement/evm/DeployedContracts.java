package io.flexledger.settlement.evm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The addresses of the two contracts on one chain, as recorded in the contracts file
 * ({@code $FLEX_HOME/evm/contracts.json}) so later runs reuse them:
 * {@code {"chainId":1337,"settlementAnchor":"0x…","flexToken":"0x…"}}.
 *
 * @param chainId the chain the contracts live on
 * @param settlementAnchor the SettlementAnchor contract
 * @param flexToken the FlexToken contract
 */
public record DeployedContracts(long chainId, EvmAddress settlementAnchor, EvmAddress flexToken) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads a contracts file; empty when it does not exist. */
    public static Optional<DeployedContracts> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": $: expected an object");
        }
        JsonNode chainId = root.get("chainId");
        // The chain id says which chain the addresses belong to.
        if (chainId == null || !chainId.canConvertToLong()) {
            throw new IllegalArgumentException(file + ": $.chainId: expected a whole number");
        }
        return Optional.of(new DeployedContracts(
                chainId.asLong(), address(file, root, "settlementAnchor"), address(file, root, "flexToken")));
    }

    /** Writes the contracts file (replacing it atomically), creating its folder. */
    public void write(Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("chainId", chainId);
        root.put("settlementAnchor", settlementAnchor.value());
        root.put("flexToken", flexToken.value());
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, "contracts", ".tmp");
            Files.writeString(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the contracts file " + file, e);
        }
    }

    private static EvmAddress address(Path file, JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException(file + ": $." + field + ": expected an address string");
        }
        try {
            return EvmAddress.of(node.asText());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": $." + field + ": " + e.getMessage(), e);
        }
    }
}
