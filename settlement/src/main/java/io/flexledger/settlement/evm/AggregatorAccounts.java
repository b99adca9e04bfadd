package io.flexledger.settlement.evm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which EVM account receives the payouts of an aggregator organisation (Fabric MSP id).
 *
 * @param byMsp MSP id -> payout address
 */
public record AggregatorAccounts(Map<String, EvmAddress> byMsp) {

    /** Ganache's deterministic account 1 (demo mnemonic): Aggregator1MSP's payouts. */
    public static final EvmAddress GANACHE_ACCOUNT_1 = EvmAddress.of("0xffcf8fdee72ac11b5c542428b35eef5769c409f0");
    /** Ganache's deterministic account 2 (demo mnemonic): Aggregator2MSP's payouts. */
    public static final EvmAddress GANACHE_ACCOUNT_2 = EvmAddress.of("0x22d491bde2303f2f43325b2108d26f1eaba1e32b");

    public AggregatorAccounts {
        byMsp = Map.copyOf(byMsp);
    }

    /** The local demo mapping: Aggregator1MSP -> account 1, Aggregator2MSP -> account 2. */
    public static AggregatorAccounts ganacheDefaults() {
        return new AggregatorAccounts(Map.of("Aggregator1MSP", GANACHE_ACCOUNT_1, "Aggregator2MSP", GANACHE_ACCOUNT_2));
    }

    /**
     * The defaults overridden or extended by a list {@code MSP=0xADDRESS,MSP=0xADDRESS}.
     *
     * @param field the configuration key, named in errors
     */
    public static AggregatorAccounts parse(String list, String field) {
        Map<String, EvmAddress> accounts = new LinkedHashMap<>(ganacheDefaults().byMsp());
        if (list == null || list.isBlank()) {
            return new AggregatorAccounts(accounts);
        }
        for (String entry : list.split(",")) {
            String[] parts = entry.trim().split("=", 2);
            // Each entry names an MSP and its address.
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new IllegalArgumentException(field + ": expected MSP=0xADDRESS, got '" + entry.trim() + "'");
            }
            try {
                accounts.put(parts[0].trim(), EvmAddress.of(parts[1].trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + "[" + parts[0].trim() + "]: " + e.getMessage(), e);
            }
        }
        return new AggregatorAccounts(accounts);
    }

    /** The payout address of an aggregator MSP. */
    public EvmAddress of(String aggregatorMsp) {
        EvmAddress address = byMsp.get(aggregatorMsp);
        // Paying an unmapped organisation would need a guess; refuse instead.
        if (address == null) {
            throw new IllegalArgumentException("aggregatorMsp: no EVM account configured for '" + aggregatorMsp
                    + "' (known: " + byMsp.keySet() + ")");
        }
        return address;
    }
}
