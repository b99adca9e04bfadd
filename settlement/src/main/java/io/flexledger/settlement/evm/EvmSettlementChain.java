package io.flexledger.settlement.evm;

import io.flexledger.settlement.evm.contracts.FlexToken;
import io.flexledger.settlement.evm.contracts.SettlementAnchor;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.tx.response.TransactionReceiptProcessor;

/**
 * {@link SettlementChain} on an EVM node over JSON-RPC (web3j), signing locally with the
 * operator's key (EIP-155 legacy transactions). On connect it uses, per contract, the configured
 * address, else the one recorded in the contracts file for this chain id (when code is there),
 * else deploys it; the addresses in use are then recorded in the contracts file.
 * Transactions are sent one at a time (the nonce comes from the node).
 */
public final class EvmSettlementChain implements SettlementChain, AutoCloseable {

    /** Where the build puts the deployable bytecode of each contract (solcjs output). */
    static final String BIN_RESOURCE = "/io/flexledger/settlement/evm/solidity/bin/%s.bin";

    private static final String ERROR_STRING_SELECTOR = "0x08c379a0";
    private static final Pattern ERROR_STRING_DATA = Pattern.compile("0x08c379a0[0-9a-fA-F]*");
    private static final long RECEIPT_TIMEOUT_MILLIS = 120_000;
    private static final List<String> NODE_REVERT_PREFIXES =
            List.of("VM Exception while processing transaction: revert ", "execution reverted: ");

    private final Web3j web3j;
    private final Credentials operator;
    private final long chainId;
    private final TransactionReceiptProcessor receipts;
    private final RawTransactionManager transactions;
    private final ContractGasProvider gas;
    private final DeployedContracts contracts;
    private final SettlementAnchor anchor;
    private final FlexToken token;

    private EvmSettlementChain(Web3j web3j, EvmConfig config) {
        this.web3j = web3j;
        this.operator = Credentials.create(config.operatorKeyHex());
        this.chainId = config.chainId();
        long nodeChainId = read("eth_chainId", () -> web3j.ethChainId().send().getChainId())
                .longValueExact();
        // Transactions signed for one chain id are invalid on another (EIP-155).
        if (nodeChainId != chainId) {
            throw new IllegalArgumentException("chainId (flexledger.evm.chain-id): configured " + chainId
                    + " but the node at " + config.rpcUrl() + " reports " + nodeChainId);
        }
        BigInteger gasPrice = config.gasPriceWei()
                .orElseGet(() ->
                        read("eth_gasPrice", () -> web3j.ethGasPrice().send().getGasPrice()));
        this.gas = new StaticGasProvider(gasPrice, config.gasLimit());
        long attempts = Math.max(1, RECEIPT_TIMEOUT_MILLIS / config.pollMillis());
        this.receipts = new PollingTransactionReceiptProcessor(web3j, config.pollMillis(), (int) attempts);
        this.transactions = new RawTransactionManager(web3j, operator, chainId, receipts);
        this.contracts = resolveContracts(config);
        this.anchor = SettlementAnchor.load(contracts.settlementAnchor().value(), web3j, transactions, gas);
        this.token = FlexToken.load(contracts.flexToken().value(), web3j, transactions, gas);
    }

    /** Connects to the node of {@code config}, deploying the contracts it does not find. */
    public static EvmSettlementChain connect(EvmConfig config) {
        Web3j web3j = Web3j.build(new HttpService(config.rpcUrl().toString()));
        try {
            return new EvmSettlementChain(web3j, config);
        } catch (RuntimeException e) {
            web3j.shutdown();
            throw e;
        }
    }

    /** The contracts in use (also recorded in the contracts file). */
    public DeployedContracts contracts() {
        return contracts;
    }

    /** The operator's account: the owner of contracts this instance deployed. */
    public EvmAddress operatorAddress() {
        return EvmAddress.of(operator.getAddress());
    }

    @Override
    public synchronized ChainReceipt anchorPeriod(LocalDate day, Bytes32 root) {
        Bytes32 periodId = EvmIds.periodId(day);
        return submit("anchor " + day, contracts.settlementAnchor(), anchor.anchor(periodId.bytes(), root.bytes()));
    }

    @Override
    public Optional<Bytes32> anchoredRoot(LocalDate day) {
        Bytes32 periodId = EvmIds.periodId(day);
        Bytes32 root = Bytes32.of(
                read("rootOf " + day, () -> anchor.rootOf(periodId.bytes()).send()));
        // The contract answers zero for a period without a root.
        return root.isZero() ? Optional.empty() : Optional.of(root);
    }

    @Override
    public synchronized ChainReceipt payout(EvmAddress to, long amountCents, Bytes32 settlementId) {
        // uint256 cannot hold a negative amount; zero is refused by the contract.
        if (amountCents < 0) {
            throw new IllegalArgumentException("amountCents: negative " + amountCents);
        }
        return submit(
                "payout " + settlementId,
                contracts.flexToken(),
                token.payout(to.value(), BigInteger.valueOf(amountCents), settlementId.bytes()));
    }

    @Override
    public long balanceCents(EvmAddress account) {
        return read(
                        "balanceOf " + account,
                        () -> token.balanceOf(account.value()).send())
                .longValueExact();
    }

    @Override
    public boolean paidOut(Bytes32 settlementId) {
        return read(
                "paidOut " + settlementId,
                () -> token.paidOut(settlementId.bytes()).send());
    }

    /**
     * The token's {@code Payout} event of the settlement: {@code eth_getLogs} on the token's address
     * from block 0, filtered by the event's signature and the indexed settlement id. The token pays a
     * settlement at most once, so there is at most one such event.
     */
    @Override
    public Optional<Payout> payoutOf(Bytes32 settlementId) {
        EthFilter filter = new EthFilter(
                DefaultBlockParameterName.EARLIEST,
                DefaultBlockParameterName.LATEST,
                contracts.flexToken().value());
        filter.addSingleTopic(EventEncoder.encode(FlexToken.PAYOUT_EVENT));
        filter.addSingleTopic(settlementId.prefixed());
        return read("Payout events of " + settlementId, () -> {
            EthLog logs = web3j.ethGetLogs(filter).send();
            if (logs.hasError()) {
                throw new IOException(logs.getError().getMessage());
            }
            for (EthLog.LogResult<?> result : logs.getLogs()) {
                Log log = (Log) result.get();
                FlexToken.PayoutEventResponse event = FlexToken.getPayoutEventFromLog(log);
                // The node filtered by the indexed id; a log of another settlement is not this payout.
                if (Bytes32.of(event.settlementId).equals(settlementId)) {
                    return Optional.of(new Payout(
                            EvmAddress.of(event.to), event.cents.longValueExact(), log.getTransactionHash()));
                }
            }
            return Optional.<Payout>empty();
        });
    }

    @Override
    public void close() {
        web3j.shutdown();
    }

    private DeployedContracts resolveContracts(EvmConfig config) {
        Optional<DeployedContracts> recorded =
                DeployedContracts.read(config.contractsFile()).filter(c -> c.chainId() == chainId);
        EvmAddress anchorAddress = config.anchorAddress()
                .map(a -> requireCode(a, "flexledger.evm.anchor-address"))
                .or(() -> recorded.map(DeployedContracts::settlementAnchor).filter(this::hasCode))
                .orElseGet(() -> deploy("SettlementAnchor"));
        EvmAddress tokenAddress = config.tokenAddress()
                .map(a -> requireCode(a, "flexledger.evm.token-address"))
                .or(() -> recorded.map(DeployedContracts::flexToken).filter(this::hasCode))
                .orElseGet(() -> deploy("FlexToken"));
        DeployedContracts inUse = new DeployedContracts(chainId, anchorAddress, tokenAddress);
        if (!recorded.equals(Optional.of(inUse))) {
            inUse.write(config.contractsFile());
        }
        return inUse;
    }

    private EvmAddress requireCode(EvmAddress address, String field) {
        // A configured address must hold a contract on this chain.
        if (!hasCode(address)) {
            throw new SettlementChainException(
                    SettlementChainException.Reason.CONTRACT_MISSING,
                    field + ": no contract code at " + address + " on chain " + chainId,
                    null);
        }
        return address;
    }

    private boolean hasCode(EvmAddress address) {
        String code = read(
                "eth_getCode " + address,
                () -> web3j.ethGetCode(address.value(), DefaultBlockParameterName.LATEST)
                        .send()
                        .getCode());
        return code != null && !code.isEmpty() && !"0x".equals(code);
    }

    private EvmAddress deploy(String contractName) {
        String bin = bytecode(contractName);
        String operation = "deploy " + contractName;
        TransactionReceipt receipt;
        try {
            EthSendTransaction sent = transactions.sendTransaction(
                    gas.getGasPrice(), gas.getGasLimit(), null, bin, BigInteger.ZERO, true);
            if (sent.hasError()) {
                throw new SettlementChainException(
                        SettlementChainException.Reason.NODE_ERROR,
                        operation + ": " + sent.getError().getMessage(),
                        null);
            }
            receipt = receipts.waitForTransactionReceipt(sent.getTransactionHash());
        } catch (IOException | TransactionException e) {
            throw new SettlementChainException(
                    SettlementChainException.Reason.NODE_ERROR, operation + ": " + e.getMessage(), e);
        }
        if (!receipt.isStatusOK() || receipt.getContractAddress() == null) {
            throw SettlementChainException.reverted(operation, receipt.getRevertReason());
        }
        return EvmAddress.of(receipt.getContractAddress());
    }

    private ChainReceipt submit(String operation, EvmAddress contract, RemoteFunctionCall<TransactionReceipt> call) {
        try {
            TransactionReceipt receipt = call.send();
            return new ChainReceipt(
                    receipt.getTransactionHash(), receipt.getBlockNumber().longValueExact());
        } catch (TransactionException e) {
            // A mined but failed transaction: its receipt is there, the reason comes from a replay.
            if (e.getTransactionReceipt().isPresent()) {
                TransactionReceipt receipt = e.getTransactionReceipt().get();
                throw SettlementChainException.reverted(
                        operation, revertReason(contract, call.encodeFunctionCall(), receipt));
            }
            throw new SettlementChainException(
                    SettlementChainException.Reason.NODE_ERROR, operation + ": " + e.getMessage(), e);
        } catch (SettlementChainException e) {
            throw e;
        } catch (Exception e) {
            throw new SettlementChainException(
                    SettlementChainException.Reason.NODE_ERROR, operation + ": " + e.getMessage(), e);
        }
    }

    /** The revert message of a failed transaction: from the receipt, else by replaying it as a call. */
    private String revertReason(EvmAddress contract, String data, TransactionReceipt receipt) {
        if (receipt.getRevertReason() != null && !receipt.getRevertReason().isBlank()) {
            return withoutNodePrefix(receipt.getRevertReason());
        }
        try {
            EthCall replay = web3j.ethCall(
                            Transaction.createEthCallTransaction(operator.getAddress(), contract.value(), data),
                            DefaultBlockParameter.valueOf(receipt.getBlockNumber()))
                    .send();
            return decodeRevert(replay);
        } catch (IOException e) {
            return null;
        }
    }

    /** Solidity's {@code Error(string)} from a call result or a node's error, else the node's message. */
    static String decodeRevert(EthCall call) {
        if (call.hasError()) {
            String data = call.getError().getData();
            if (data != null) {
                Matcher m = ERROR_STRING_DATA.matcher(data);
                if (m.find()) {
                    return decodeErrorString(m.group());
                }
            }
            return withoutNodePrefix(call.getError().getMessage());
        }
        String value = call.getValue();
        return value != null && value.startsWith(ERROR_STRING_SELECTOR) ? decodeErrorString(value) : null;
    }

    /** The contract's message without the node's wording around it (ganache, geth and Besu spellings). */
    static String withoutNodePrefix(String message) {
        if (message == null) {
            return null;
        }
        for (String prefix : NODE_REVERT_PREFIXES) {
            int at = message.indexOf(prefix);
            if (at >= 0) {
                return message.substring(at + prefix.length()).strip();
            }
        }
        return message.strip();
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static String decodeErrorString(String hex) {
        List<TypeReference<Type>> output = (List) List.of(new TypeReference<Utf8String>() {});
        List<Type> values = FunctionReturnDecoder.decode(hex.substring(ERROR_STRING_SELECTOR.length()), output);
        return values.isEmpty() ? null : (String) values.get(0).getValue();
    }

    private static String bytecode(String contractName) {
        String resource = BIN_RESOURCE.formatted(contractName);
        try (InputStream in = EvmSettlementChain.class.getResourceAsStream(resource)) {
            // The build compiles the Solidity sources; without that there is nothing to deploy.
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path (the Maven build of module"
                        + " settlement compiles the contracts with solcjs)");
            }
            String bin = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
            return bin.startsWith("0x") ? bin : "0x" + bin;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    private static <T> T read(String operation, Callable<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new SettlementChainException(
                    SettlementChainException.Reason.NODE_ERROR, operation + ": " + e.getMessage(), e);
        }
    }
}
