package io.flexledger.settlement.evm;

import io.flexledger.client.StackEndpoints;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * How to reach the EVM chain and act on it. Each setting comes from a system property, else an
 * environment variable, else the default for the local ganache ({@code network-config/scripts/ganache.sh}):
 *
 * <pre>
 * system property                   environment variable        default
 * flexledger.evm.rpc-url            FLEX_EVM_RPC_URL            the stack's (StackEndpoints; 127.0.0.1:8545)
 * flexledger.evm.chain-id           FLEX_EVM_CHAIN_ID           1337
 * flexledger.evm.operator-key       FLEX_EVM_OPERATOR_KEY       ganache account 0 (demo key, public)
 * flexledger.evm.anchor-address     FLEX_EVM_ANCHOR_ADDRESS     none: recorded file, else deploy
 * flexledger.evm.token-address      FLEX_EVM_TOKEN_ADDRESS      none: recorded file, else deploy
 * flexledger.evm.contracts-file     FLEX_EVM_CONTRACTS_FILE     $FLEX_HOME/evm/contracts.json
 * flexledger.evm.gas-limit          FLEX_EVM_GAS_LIMIT          3000000
 * flexledger.evm.gas-price-wei      FLEX_EVM_GAS_PRICE_WEI      none: the node's eth_gasPrice
 * flexledger.evm.poll-millis        FLEX_EVM_POLL_MILLIS        100 (receipt polling interval)
 * flexledger.evm.accounts           FLEX_EVM_ACCOUNTS           Aggregator1MSP=account 1,Aggregator2MSP=account 2
 * flexledger.home                   FLEX_HOME                   .flex (relative to the working folder)
 * </pre>
 *
 * The operator (the DSO) owns both contracts: only its key anchors and pays out.
 *
 * @param rpcUrl the node's JSON-RPC endpoint
 * @param chainId the EIP-155 chain id transactions are signed for
 * @param operatorKeyHex the operator's secp256k1 private key, 64 hex digits (never printed)
 * @param anchorAddress a deployed SettlementAnchor to use, if configured
 * @param tokenAddress a deployed FlexToken to use, if configured
 * @param contractsFile where deployed addresses are recorded and read back
 * @param gasLimit the gas limit of every transaction
 * @param gasPriceWei a fixed gas price, or empty to ask the node
 * @param pollMillis how often to poll for a transaction receipt
 * @param aggregatorAccounts aggregator MSP -> payout address
 */
public record EvmConfig(
        URI rpcUrl,
        long chainId,
        String operatorKeyHex,
        Optional<EvmAddress> anchorAddress,
        Optional<EvmAddress> tokenAddress,
        Path contractsFile,
        BigInteger gasLimit,
        Optional<BigInteger> gasPriceWei,
        long pollMillis,
        AggregatorAccounts aggregatorAccounts) {

    /** The local ganache's chain id. */
    public static final long DEFAULT_CHAIN_ID = 1337;
    /** Ganache account 0 of the demo mnemonic: public knowledge, for the local chain only. */
    public static final String GANACHE_ACCOUNT_0_KEY =
            "4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d";
    /** Enough for deploying either contract and far more than an anchor or a payout needs. */
    public static final BigInteger DEFAULT_GAS_LIMIT = BigInteger.valueOf(3_000_000);
    /** Receipt polling interval; ganache mines at once, a public chain every few seconds. */
    public static final long DEFAULT_POLL_MILLIS = 100;

    public EvmConfig {
        // The operator key is a 32-byte secp256k1 scalar.
        if (operatorKeyHex == null || !operatorKeyHex.matches("(0x)?[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException(
                    "operatorKey (flexledger.evm.operator-key / FLEX_EVM_OPERATOR_KEY):" + " expected 64 hex digits");
        }
        // EIP-155 chain ids are positive.
        if (chainId <= 0) {
            throw new IllegalArgumentException("chainId: must be positive, got " + chainId);
        }
        // A transaction needs at least the intrinsic 21000 gas.
        if (gasLimit.compareTo(BigInteger.valueOf(21_000)) < 0) {
            throw new IllegalArgumentException("gasLimit: must be at least 21000, got " + gasLimit);
        }
        if (pollMillis <= 0) {
            throw new IllegalArgumentException("pollMillis: must be positive, got " + pollMillis);
        }
        operatorKeyHex = operatorKeyHex.startsWith("0x") ? operatorKeyHex.substring(2) : operatorKeyHex;
    }

    /** The configuration of this process: system properties, then environment, then defaults. */
    public static EvmConfig fromEnvironment() {
        return from(System::getProperty, System.getenv());
    }

    /** The configuration from the given system-property lookup and environment (see the class comment). */
    public static EvmConfig from(UnaryOperator<String> properties, Map<String, String> env) {
        Source source = new Source(properties, env);
        Path home = Path.of(source.get("flexledger.home", "FLEX_HOME").orElse(".flex"));
        return new EvmConfig(
                source.get("flexledger.evm.rpc-url", "FLEX_EVM_RPC_URL")
                        .map(v -> source.uri(v, "flexledger.evm.rpc-url"))
                        .orElse(StackEndpoints.of(env, Path.of("")).evmRpc()),
                source.get("flexledger.evm.chain-id", "FLEX_EVM_CHAIN_ID")
                        .map(v -> source.number(v, "flexledger.evm.chain-id").longValueExact())
                        .orElse(DEFAULT_CHAIN_ID),
                source.get("flexledger.evm.operator-key", "FLEX_EVM_OPERATOR_KEY")
                        .orElse(GANACHE_ACCOUNT_0_KEY),
                source.get("flexledger.evm.anchor-address", "FLEX_EVM_ANCHOR_ADDRESS")
                        .map(v -> source.address(v, "flexledger.evm.anchor-address")),
                source.get("flexledger.evm.token-address", "FLEX_EVM_TOKEN_ADDRESS")
                        .map(v -> source.address(v, "flexledger.evm.token-address")),
                source.get("flexledger.evm.contracts-file", "FLEX_EVM_CONTRACTS_FILE")
                        .map(Path::of)
                        .orElse(home.resolve("evm").resolve("contracts.json")),
                source.get("flexledger.evm.gas-limit", "FLEX_EVM_GAS_LIMIT")
                        .map(v -> source.number(v, "flexledger.evm.gas-limit"))
                        .orElse(DEFAULT_GAS_LIMIT),
                source.get("flexledger.evm.gas-price-wei", "FLEX_EVM_GAS_PRICE_WEI")
                        .map(v -> source.number(v, "flexledger.evm.gas-price-wei")),
                source.get("flexledger.evm.poll-millis", "FLEX_EVM_POLL_MILLIS")
                        .map(v -> source.number(v, "flexledger.evm.poll-millis").longValueExact())
                        .orElse(DEFAULT_POLL_MILLIS),
                AggregatorAccounts.parse(
                        source.get("flexledger.evm.accounts", "FLEX_EVM_ACCOUNTS")
                                .orElse(null),
                        "flexledger.evm.accounts"));
    }

    /** The same configuration with another contracts file and no configured addresses. */
    public EvmConfig withContractsFile(Path file) {
        return new EvmConfig(
                rpcUrl,
                chainId,
                operatorKeyHex,
                Optional.empty(),
                Optional.empty(),
                file,
                gasLimit,
                gasPriceWei,
                pollMillis,
                aggregatorAccounts);
    }

    /** The same configuration signing with another key (e.g. a second party in tests). */
    public EvmConfig withOperatorKey(String keyHex) {
        return new EvmConfig(
                rpcUrl,
                chainId,
                keyHex,
                anchorAddress,
                tokenAddress,
                contractsFile,
                gasLimit,
                gasPriceWei,
                pollMillis,
                aggregatorAccounts);
    }

    /** The same configuration with fixed contract addresses. */
    public EvmConfig withAddresses(EvmAddress anchor, EvmAddress token) {
        return new EvmConfig(
                rpcUrl,
                chainId,
                operatorKeyHex,
                Optional.of(anchor),
                Optional.of(token),
                contractsFile,
                gasLimit,
                gasPriceWei,
                pollMillis,
                aggregatorAccounts);
    }

    @Override
    public String toString() {
        // The key stays out of logs.
        return "EvmConfig[rpcUrl=" + rpcUrl + ", chainId=" + chainId + ", operatorKey=***, anchorAddress="
                + anchorAddress + ", tokenAddress=" + tokenAddress + ", contractsFile=" + contractsFile
                + ", gasLimit=" + gasLimit + ", gasPriceWei=" + gasPriceWei + ", pollMillis=" + pollMillis
                + ", aggregatorAccounts=" + aggregatorAccounts + "]";
    }

    /** Lookup in order system property, environment; blank counts as absent. */
    private record Source(UnaryOperator<String> properties, Map<String, String> env) {

        Optional<String> get(String property, String variable) {
            String value = properties.apply(property);
            if (value == null || value.isBlank()) {
                value = env.get(variable);
            }
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }

        BigInteger number(String value, String field) {
            try {
                BigInteger number = new BigInteger(value);
                if (number.signum() < 0) {
                    throw new IllegalArgumentException(field + ": must not be negative, got " + value);
                }
                return number;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(field + ": not a whole number: '" + value + "'", e);
            }
        }

        EvmAddress address(String value, String field) {
            try {
                return EvmAddress.of(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
            }
        }

        URI uri(String value, String field) {
            try {
                URI uri = URI.create(value);
                // web3j's HTTP service speaks http(s) only.
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    throw new IllegalArgumentException(field + ": expected an http(s) URL, got '" + value + "'");
                }
                return uri;
            } catch (IllegalArgumentException e) {
                if (e.getMessage().startsWith(field)) {
                    throw e;
                }
                throw new IllegalArgumentException(field + ": not a URL: '" + value + "'", e);
            }
        }
    }
}
