package io.flexledger.settlement.billing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;

/**
 * The DSO's billing copy of each settlement in PostgreSQL: what is invoiced and paid from. The audit
 * compares it field by field with the ledger. The table is {@code billing.billing_settlement}, named
 * with its schema, so the connection's search path does not matter.
 */
public final class BillingStore implements SettlementBilling, AutoCloseable {
    /** The settlement fields the billing store keeps. */
    public static final List<String> FIELDS =
            List.of("aggregatorMsp", "assetId", "creditedKwh", "shortfallKwh", "paymentEur", "penaltyEur", "netEur");

    private final Connection db;

    private BillingStore(Connection db) {
        this.db = db;
    }

    /** Migrates the schema {@value BillingSchema#NAME} (see {@link BillingSchema}), then connects. */
    public static BillingStore open(String jdbcUrl, String user, String password) {
        try {
            BillingSchema.migrate(jdbcUrl, user, password);
            return new BillingStore(DriverManager.getConnection(jdbcUrl, user, password));
        } catch (SQLException | FlywayException e) {
            throw new IllegalStateException("billing store at " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /**
     * Records a settlement as the ledger holds it; a settlement already recorded is brought up to
     * date (the ledger is the source: after a resolved dispute its net changes there first).
     */
    @Override
    public void record(Map<String, String> s) {
        try (PreparedStatement p = db.prepareStatement("""
                insert into billing.billing_settlement (settlement_id, day, aggregator_msp, asset_id, credited_kwh,
                  shortfall_kwh, payment_eur, penalty_eur, net_eur, ledger_tx_id)
                values (?, ?, ?, ?, ?::numeric, ?::numeric, ?::numeric, ?::numeric, ?::numeric, ?)
                on conflict (settlement_id) do update set aggregator_msp = excluded.aggregator_msp,
                  asset_id = excluded.asset_id, credited_kwh = excluded.credited_kwh,
                  shortfall_kwh = excluded.shortfall_kwh, payment_eur = excluded.payment_eur,
                  penalty_eur = excluded.penalty_eur, net_eur = excluded.net_eur,
                  ledger_tx_id = excluded.ledger_tx_id""")) {
            p.setString(1, s.get("id"));
            p.setObject(2, LocalDate.parse(s.get("day")));
            p.setString(3, s.get("aggregatorMsp"));
            p.setString(4, s.get("assetId"));
            p.setString(5, s.get("creditedKwh"));
            p.setString(6, s.get("shortfallKwh"));
            p.setString(7, s.get("paymentEur"));
            p.setString(8, s.get("penaltyEur"));
            p.setString(9, s.get("netEur"));
            p.setString(10, s.getOrDefault("txId", ""));
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("billing store: " + e.getMessage(), e);
        }
    }

    /** The billing copy of a settlement, fields as text at the ledger's scale, if recorded. */
    @Override
    public Optional<Map<String, String>> find(String settlementId) {
        try (PreparedStatement p = db.prepareStatement("""
                select aggregator_msp, asset_id, credited_kwh, shortfall_kwh, payment_eur, penalty_eur, net_eur
                from billing.billing_settlement where settlement_id = ?""")) {
            p.setString(1, settlementId);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                Map<String, String> out = new LinkedHashMap<>();
                for (int i = 0; i < FIELDS.size(); i++) {
                    out.put(FIELDS.get(i), r.getString(i + 1));
                }
                return Optional.of(out);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("billing store: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // closing a connection that is already gone loses nothing
        }
    }
}
