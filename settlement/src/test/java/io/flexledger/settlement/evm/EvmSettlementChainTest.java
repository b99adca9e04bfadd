package io.flexledger.settlement.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.settlement.evm.SettlementChainException.Reason;
import io.flexledger.settlement.evm.contracts.FlexToken;
import io.flexledger.settlement.evm.contracts.SettlementAnchor;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/** The contract rules and the EVM specifics on a real ganache started by the test. */
@ExtendWith(GanacheExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EvmSettlementChainTest extends SettlementChainContractTest {

    /** Ganache account 1 of the demo mnemonic (not the contracts' owner). */
    private static final String ACCOUNT_1_KEY = "6cbed15c793ce57650b9877cf6fa156fbef513c4e6134f022a85b1ffdd59b2a1";

    private Ganache ganache;
    private EvmConfig config;
    private EvmSettlementChain chain;
    private Web3j web3j;

    @BeforeAll
    void connect(Ganache ganache) {
        this.ganache = ganache;
        this.config = ganache.config();
        long started = System.nanoTime();
        this.chain = EvmSettlementChain.connect(config);
        System.out.printf("EVM connect + deploy of both contracts: %d ms%n", (System.nanoTime() - started) / 1_000_000);
        this.web3j = Web3j.build(new HttpService(ganache.rpcUrl().toString()));
    }

    @AfterAll
    void close() {
        chain.close();
        web3j.shutdown();
    }

    @Override
    SettlementChain chain() {
        return chain;
    }

    @Test
    void deploysBothContractsOwnedByTheOperatorAndRecordsThem() throws Exception {
        DeployedContracts contracts = chain.contracts();

        assertThat(DeployedContracts.read(config.contractsFile())).contains(contracts);
        assertThat(config.contractsFile()).isEqualTo(ganache.flexHome().resolve("evm/contracts.json"));
        assertThat(Files.readString(config.contractsFile()))
                .contains(contracts.flexToken().value());
        FlexToken token = FlexToken.load(contracts.flexToken().value(), web3j, readOnly(), new DefaultGasProvider());
        assertThat(token.name().send()).isEqualTo("FlexLedger Euro");
        assertThat(token.symbol().send()).isEqualTo("FLEX");
        assertThat(token.decimals().send()).isEqualTo(BigInteger.TWO);
        assertThat(EvmAddress.of(token.owner().send())).isEqualTo(chain.operatorAddress());
        SettlementAnchor anchor = SettlementAnchor.load(
                contracts.settlementAnchor().value(), web3j, readOnly(), new DefaultGasProvider());
        assertThat(EvmAddress.of(anchor.owner().send())).isEqualTo(chain.operatorAddress());
    }

    @Test
    void aSecondConnectionReusesTheRecordedContracts() {
        LocalDate day = freshDay();
        Bytes32 root = randomBytes32();
        chain.anchorPeriod(day, root);

        try (EvmSettlementChain again = EvmSettlementChain.connect(config)) {
            assertThat(again.contracts()).isEqualTo(chain.contracts());
            assertThat(again.anchoredRoot(day)).contains(root);
        }
    }

    @Test
    void aRestartedNodeKeepsTheChainAndTheContractsAreReused() throws Exception {
        LocalDate day = freshDay();
        Bytes32 root = randomBytes32();
        EvmAddress beneficiary = freshAccount();
        Ganache own = Ganache.start();
        DeployedContracts before;
        try {
            try (EvmSettlementChain first = EvmSettlementChain.connect(own.config())) {
                first.anchorPeriod(day, root);
                first.payout(beneficiary, 250, EvmIds.settlementId("stl-restart"));
                before = first.contracts();
            }
            own = own.restarted();
            try (EvmSettlementChain again = EvmSettlementChain.connect(own.config())) {
                assertThat(again.contracts()).isEqualTo(before);
                assertThat(again.anchoredRoot(day)).contains(root);
                assertThat(again.balanceCents(beneficiary)).isEqualTo(250);
            }
        } finally {
            own.close();
        }
    }

    @Test
    void aRecordedAddressWithoutCodeIsReplacedByAFreshDeployment() throws Exception {
        var file = ganache.flexHome().resolve("evm/stale-contracts.json");
        new DeployedContracts(
                        config.chainId(), freshAccount(), chain.contracts().flexToken())
                .write(file);

        try (EvmSettlementChain again = EvmSettlementChain.connect(config.withContractsFile(file))) {
            assertThat(again.contracts().flexToken())
                    .isEqualTo(chain.contracts().flexToken());
            assertThat(again.contracts().settlementAnchor())
                    .isNotEqualTo(chain.contracts().settlementAnchor());
            assertThat(DeployedContracts.read(file)).contains(again.contracts());
        }
    }

    @Test
    void aConfiguredAddressWithoutCodeIsAnError() {
        EvmAddress nowhere = freshAccount();
        EvmConfig wrong = config.withAddresses(nowhere, chain.contracts().flexToken());

        assertThatThrownBy(() -> EvmSettlementChain.connect(wrong))
                .isInstanceOfSatisfying(
                        SettlementChainException.class,
                        e -> assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.CONTRACT_MISSING))
                .hasMessageContaining("flexledger.evm.anchor-address")
                .hasMessageContaining(nowhere.value());
    }

    @Test
    void aWrongChainIdIsRefusedBeforeAnyTransaction() {
        EvmConfig wrong = EvmConfig.from(
                name -> null,
                Map.of(
                        "FLEX_EVM_RPC_URL", ganache.rpcUrl().toString(),
                        "FLEX_HOME", ganache.flexHome().toString(),
                        "FLEX_EVM_CHAIN_ID", "5"));

        assertThatThrownBy(() -> EvmSettlementChain.connect(wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chainId")
                .hasMessageContaining("1337");
    }

    @Test
    void anAccountOtherThanTheOwnerCanNeitherAnchorNorPayOut() {
        EvmConfig stranger = config.withOperatorKey(ACCOUNT_1_KEY)
                .withAddresses(
                        chain.contracts().settlementAnchor(), chain.contracts().flexToken());
        LocalDate day = freshDay();
        EvmAddress beneficiary = freshAccount();
        Bytes32 settlement = randomBytes32();

        try (EvmSettlementChain notOwner = EvmSettlementChain.connect(stranger)) {
            assertThat(notOwner.operatorAddress()).isEqualTo(AggregatorAccounts.GANACHE_ACCOUNT_1);
            assertThatThrownBy(() -> notOwner.anchorPeriod(day, randomBytes32()))
                    .isInstanceOfSatisfying(SettlementChainException.class, e -> {
                        assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.NOT_OWNER);
                        assertThat(e.revertReason()).isEqualTo("SettlementAnchor: caller is not the owner");
                    });
            assertThatThrownBy(() -> notOwner.payout(beneficiary, 100, settlement))
                    .isInstanceOfSatisfying(SettlementChainException.class, e -> {
                        assertThat(e.reason()).as(e.getMessage()).isEqualTo(Reason.NOT_OWNER);
                        assertThat(e.revertReason()).isEqualTo("FlexToken: caller is not the owner");
                    });
        }
        assertThat(chain.anchoredRoot(day)).isEmpty();
        assertThat(chain.paidOut(settlement)).isFalse();
        assertThat(chain.balanceCents(beneficiary)).isZero();
    }

    @Test
    void anchoringEmitsPeriodAnchoredWithThePeriodIdAndRoot() throws Exception {
        LocalDate day = freshDay();
        Bytes32 root = randomBytes32();

        ChainReceipt receipt = chain.anchorPeriod(day, root);

        TransactionReceipt mined = minedReceipt(receipt);
        assertThat(mined.getBlockNumber().longValueExact()).isEqualTo(receipt.blockNumber());
        List<SettlementAnchor.PeriodAnchoredEventResponse> events = SettlementAnchor.getPeriodAnchoredEvents(mined);
        assertThat(events).hasSize(1);
        assertThat(Bytes32.of(events.get(0).periodId)).isEqualTo(EvmIds.periodId(day));
        assertThat(Bytes32.of(events.get(0).root)).isEqualTo(root);
    }

    @Test
    void aPayoutEmitsPayoutWithTheSettlementBeneficiaryAndCents() throws Exception {
        EvmAddress beneficiary = freshAccount();
        Bytes32 settlement = EvmIds.settlementId("stl-" + randomBytes32());

        ChainReceipt receipt = chain.payout(beneficiary, 4_200, settlement);

        List<FlexToken.PayoutEventResponse> events = FlexToken.getPayoutEvents(minedReceipt(receipt));
        assertThat(events).hasSize(1);
        assertThat(Bytes32.of(events.get(0).settlementId)).isEqualTo(settlement);
        assertThat(EvmAddress.of(events.get(0).to)).isEqualTo(beneficiary);
        assertThat(events.get(0).cents).isEqualTo(BigInteger.valueOf(4_200));
    }

    @Test
    void theDefaultKeysAreGanachesDeterministicAccounts() throws Exception {
        List<String> accounts = web3j.ethAccounts().send().getAccounts();

        assertThat(EvmAddress.of(
                        Credentials.create(EvmConfig.GANACHE_ACCOUNT_0_KEY).getAddress()))
                .isEqualTo(EvmAddress.of(accounts.get(0)));
        assertThat(EvmAddress.of(Credentials.create(ACCOUNT_1_KEY).getAddress()))
                .isEqualTo(EvmAddress.of(accounts.get(1)));
        assertThat(config.aggregatorAccounts().of("Aggregator1MSP")).isEqualTo(EvmAddress.of(accounts.get(1)));
        assertThat(config.aggregatorAccounts().of("Aggregator2MSP")).isEqualTo(EvmAddress.of(accounts.get(2)));
    }

    @Test
    void thePeriodIdIsTheNodesKeccakOfTheIsoDay() throws Exception {
        LocalDate day = LocalDate.of(2026, 11, 28);
        String data = "0x" + HexFormat.of().formatHex(day.toString().getBytes(StandardCharsets.UTF_8));

        String nodeHash = web3j.web3Sha3(data).send().getResult();

        assertThat(EvmIds.periodId(day)).isEqualTo(Bytes32.fromHex(nodeHash));
    }

    private TransactionReceipt minedReceipt(ChainReceipt receipt) throws Exception {
        return web3j.ethGetTransactionReceipt(receipt.txHash())
                .send()
                .getTransactionReceipt()
                .orElseThrow();
    }

    private ReadonlyTransactionManager readOnly() {
        return new ReadonlyTransactionManager(web3j, chain.operatorAddress().value());
    }
}
