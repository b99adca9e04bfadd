package io.flexledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;

import io.flexledger.contract.Transactions;
import io.flexledger.contract.Tx;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.junit.jupiter.api.Test;

/** The ledger contract's catalogue names exactly the transactions the contracts carry, with their intent. */
class CatalogueTest {
    private static final List<Class<?>> CONTRACTS = List.of(
            AnchorContract.class,
            BaselineContract.class,
            CommunityContract.class,
            DisputeContract.class,
            IdempotencyContract.class,
            OfferContract.class,
            OrderContract.class,
            RegistryContract.class,
            RequestContract.class,
            RevocationContract.class,
            SettlementContract.class,
            UftpContract.class);

    @Test
    void everyTransactionOfEveryContractIsInTheCatalogueAndNothingElse() {
        Set<Tx> carried = CONTRACTS.stream()
                .flatMap(c -> {
                    String contract = c.getAnnotation(Contract.class).name();
                    return Stream.of(c.getDeclaredMethods())
                            .filter(m -> m.isAnnotationPresent(Transaction.class))
                            .map(m -> {
                                Transaction t = m.getAnnotation(Transaction.class);
                                return new Tx(
                                        contract,
                                        t.name(),
                                        t.intent() == Transaction.TYPE.SUBMIT ? Tx.Intent.SUBMIT : Tx.Intent.EVALUATE);
                            });
                })
                .collect(Collectors.toSet());

        assertThat(Set.copyOf(Transactions.ALL)).isEqualTo(carried);
        assertThat(Transactions.ALL).doesNotHaveDuplicates();
    }
}
