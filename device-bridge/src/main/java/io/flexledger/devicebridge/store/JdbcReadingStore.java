package io.flexledger.devicebridge.store;

import io.flexledger.devicebridge.reading.AcceptedReading;
import io.flexledger.devicebridge.reading.Rejection;
import io.flexledger.devicebridge.reading.RejectionReason;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.units.KilowattHours;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** The PostgreSQL tables of the bridge (schema in {@code db/migration}), over plain JDBC. */
public final class JdbcReadingStore implements ReadingStore {
    private static final String INSERT_READING = "INSERT INTO meter_reading (device_id, asset_id, aggregator_msp, day,"
            + " slot, net_kwh, sequence, signature, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (device_id, day, slot) DO NOTHING";
    private static final String INSERT_REJECTION = "INSERT INTO rejected_reading (reason, detail, topic, device_id,"
            + " day, slot, sequence, payload, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String READING_COLUMNS =
            "device_id, asset_id, aggregator_msp, day, slot, net_kwh, sequence, signature";
    // Leaves in (asset, device, slot) order, compared byte by byte as Java compares the ids.
    private static final String LEAF_ORDER = " ORDER BY asset_id COLLATE \"C\", device_id COLLATE \"C\", slot";

    private final DataSource dataSource;

    public JdbcReadingStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Set<LocalDate> sealedDays() {
        return query("SELECT day FROM sealed_day", ps -> {
            Set<LocalDate> days = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.add(rs.getDate(1).toLocalDate());
                }
            }
            return days;
        });
    }

    @Override
    public Committed commit(List<AcceptedReading> readings, List<Rejection> rejections, Instant receivedAt) {
        Timestamp at = Timestamp.from(receivedAt);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Set<Integer> already = insertReadings(c, readings, at);
                Set<Integer> resent = new HashSet<>();
                Set<Integer> replays = new HashSet<>();
                List<Rejection> all = new ArrayList<>(rejections);
                for (int i : already) {
                    if (sameAsStored(c, readings.get(i))) {
                        resent.add(i);
                    } else {
                        replays.add(i);
                        all.add(sameSlotReplay(readings.get(i)));
                    }
                }
                insertRejections(c, all, at);
                c.commit();
                return already.isEmpty()
                        ? Committed.ALL_STORED
                        : new Committed(Set.copyOf(resent), Set.copyOf(replays));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("could not store a batch of " + (readings.size() + rejections.size()), e);
        }
    }

    /** Whether the stored reading of this reading's device, day and slot says the same (home, energy, sequence). */
    private static boolean sameAsStored(Connection c, AcceptedReading r) throws SQLException {
        MeterReading m = r.signed().reading();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT asset_id, net_kwh, sequence FROM meter_reading WHERE device_id = ? AND day = ? AND slot = ?")) {
            ps.setString(1, m.deviceId());
            ps.setDate(2, Date.valueOf(m.day()));
            ps.setInt(3, m.slot());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        && rs.getString(1).equals(m.assetId())
                        && rs.getBigDecimal(2).compareTo(m.netKwh().value()) == 0
                        && rs.getLong(3) == m.sequence();
            }
        }
    }

    /** The REPLAY rejection of a reading whose device, day and slot is already stored with other content. */
    public static Rejection sameSlotReplay(AcceptedReading r) {
        MeterReading m = r.signed().reading();
        return new Rejection(
                RejectionReason.REPLAY,
                "another reading of device " + m.deviceId() + " for " + m.day() + " slot " + m.slot()
                        + " is already stored",
                null,
                m.deviceId(),
                m.day(),
                m.slot(),
                m.sequence(),
                null);
    }

    private static Set<Integer> insertReadings(Connection c, List<AcceptedReading> readings, Timestamp at)
            throws SQLException {
        Set<Integer> already = new HashSet<>();
        if (readings.isEmpty()) {
            return already;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_READING)) {
            for (AcceptedReading r : readings) {
                MeterReading m = r.signed().reading();
                ps.setString(1, m.deviceId());
                ps.setString(2, m.assetId());
                ps.setString(3, r.aggregatorMsp());
                ps.setDate(4, Date.valueOf(m.day()));
                ps.setInt(5, m.slot());
                ps.setBigDecimal(6, m.netKwh().value());
                ps.setLong(7, m.sequence());
                ps.setString(8, r.signed().signatureBase64());
                ps.setTimestamp(9, at);
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                // ON CONFLICT DO NOTHING: a count of 0 means the slot was stored before.
                if (counts[i] == 0) {
                    already.add(i);
                }
            }
        }
        return already;
    }

    private static void insertRejections(Connection c, List<Rejection> rejections, Timestamp at) throws SQLException {
        if (rejections.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_REJECTION)) {
            for (Rejection r : rejections) {
                ps.setString(1, r.reason().name());
                ps.setString(2, r.detail());
                ps.setString(3, r.topic());
                ps.setString(4, r.deviceId());
                if (r.day() == null) {
                    ps.setNull(5, Types.DATE);
                } else {
                    ps.setDate(5, Date.valueOf(r.day()));
                }
                if (r.slot() == null) {
                    ps.setNull(6, Types.INTEGER);
                } else {
                    ps.setInt(6, r.slot());
                }
                if (r.sequence() == null) {
                    ps.setNull(7, Types.BIGINT);
                } else {
                    ps.setLong(7, r.sequence());
                }
                ps.setString(8, r.payload());
                ps.setTimestamp(9, at);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The aggregators with readings on {@code day}. */
    public List<String> aggregatorsOn(LocalDate day) {
        return query("SELECT DISTINCT aggregator_msp FROM meter_reading WHERE day = ? ORDER BY 1", ps -> {
            ps.setDate(1, Date.valueOf(day));
            List<String> msps = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    msps.add(rs.getString(1));
                }
            }
            return msps;
        });
    }

    /** One aggregator's readings of a day, in leaf order (asset, device, slot). */
    public List<StoredReading> readingsOf(LocalDate day, String aggregatorMsp) {
        return readings(
                "SELECT " + READING_COLUMNS + " FROM meter_reading WHERE day = ? AND aggregator_msp = ?" + LEAF_ORDER,
                day,
                aggregatorMsp);
    }

    /** One home's readings of a day, in leaf order. */
    public List<StoredReading> readingsOfAsset(LocalDate day, String assetId) {
        return readings(
                "SELECT " + READING_COLUMNS + " FROM meter_reading WHERE day = ? AND asset_id = ?" + LEAF_ORDER,
                day,
                assetId);
    }

    /**
     * Keeps the leaves of a sealed tree in their order; leaves kept by an earlier seal of the same
     * day and aggregator stay as they are.
     */
    public void saveLeaves(LocalDate day, String aggregatorMsp, List<StoredReading> leafOrder) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO sealed_leaf"
                        + " (day, aggregator_msp, leaf_index, device_id, slot, leaf_hash) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT DO NOTHING")) {
            c.setAutoCommit(false);
            for (int i = 0; i < leafOrder.size(); i++) {
                MeterReading r = leafOrder.get(i).signed().reading();
                ps.setDate(1, Date.valueOf(day));
                ps.setString(2, aggregatorMsp);
                ps.setInt(3, i);
                ps.setString(4, r.deviceId());
                ps.setInt(5, r.slot());
                ps.setString(6, MerkleTree.hex(leafOrder.get(i).signed().leafHash()));
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        } catch (SQLException e) {
            throw new StoreException("database: " + e.getMessage(), e);
        }
    }

    /** A leaf of a sealed tree: where a device's slot sits and the hash it had at the seal. */
    public record SealedLeaf(int index, String deviceId, int slot, String leafHashHex) {}

    /** The leaves of a sealed tree in leaf order; empty for a day sealed before leaves were kept. */
    public List<SealedLeaf> sealedLeaves(LocalDate day, String aggregatorMsp) {
        return query(
                "SELECT leaf_index, device_id, slot, leaf_hash FROM sealed_leaf"
                        + " WHERE day = ? AND aggregator_msp = ? ORDER BY leaf_index",
                ps -> {
                    ps.setDate(1, Date.valueOf(day));
                    ps.setString(2, aggregatorMsp);
                    List<SealedLeaf> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            out.add(new SealedLeaf(rs.getInt(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
                        }
                    }
                    return out;
                });
    }

    /** Marks {@code day} sealed; false when it already was. */
    public boolean markSealed(LocalDate day, Instant at) {
        return query("INSERT INTO sealed_day (day, sealed_at) VALUES (?, ?) ON CONFLICT (day) DO NOTHING", ps -> {
            ps.setDate(1, Date.valueOf(day));
            ps.setTimestamp(2, Timestamp.from(at));
            return ps.executeUpdate() == 1;
        });
    }

    /** Keeps a computed anchor, not yet on the ledger; an existing one for the same key is kept as it is. */
    public void saveAnchor(ReadingAnchor anchor, Instant sealedAt) {
        query(
                "INSERT INTO reading_anchor (day, aggregator_msp, root_hex, leaf_count, sealed_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (day, aggregator_msp) DO NOTHING",
                ps -> {
                    ps.setDate(1, Date.valueOf(anchor.day()));
                    ps.setString(2, anchor.aggregatorMsp());
                    ps.setString(3, anchor.rootHex());
                    ps.setInt(4, anchor.leafCount());
                    ps.setTimestamp(5, Timestamp.from(sealedAt));
                    return ps.executeUpdate();
                });
    }

    /** Records that the ledger has the anchor. */
    public void markAnchored(ReadingAnchor anchor, Instant at) {
        query(
                "UPDATE reading_anchor SET anchored_at = ? WHERE day = ? AND aggregator_msp = ? AND anchored_at IS NULL",
                ps -> {
                    ps.setTimestamp(1, Timestamp.from(at));
                    ps.setDate(2, Date.valueOf(anchor.day()));
                    ps.setString(3, anchor.aggregatorMsp());
                    return ps.executeUpdate();
                });
    }

    /** The anchors of a day, by aggregator. */
    public List<AnchorRecord> anchorsOf(LocalDate day) {
        return query(
                "SELECT day, aggregator_msp, root_hex, leaf_count, anchored_at FROM reading_anchor WHERE day = ?"
                        + " ORDER BY aggregator_msp",
                ps -> {
                    ps.setDate(1, Date.valueOf(day));
                    List<AnchorRecord> out = new ArrayList<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Timestamp anchoredAt = rs.getTimestamp(5);
                            out.add(new AnchorRecord(
                                    new ReadingAnchor(
                                            rs.getDate(1).toLocalDate(),
                                            rs.getString(2),
                                            rs.getString(3),
                                            rs.getInt(4)),
                                    anchoredAt == null ? null : anchoredAt.toInstant()));
                        }
                    }
                    return out;
                });
    }

    /** The anchor of one aggregator's day. */
    public Optional<AnchorRecord> anchorOf(LocalDate day, String aggregatorMsp) {
        return anchorsOf(day).stream()
                .filter(a -> a.anchor().aggregatorMsp().equals(aggregatorMsp))
                .findFirst();
    }

    private List<StoredReading> readings(String sql, LocalDate day, String key) {
        return query(sql, ps -> {
            ps.setDate(1, Date.valueOf(day));
            ps.setString(2, key);
            List<StoredReading> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    MeterReading m = new MeterReading(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getDate(4).toLocalDate(),
                            rs.getInt(5),
                            new KilowattHours(rs.getBigDecimal(6)),
                            rs.getLong(7));
                    out.add(new StoredReading(new SignedReading(m, rs.getString(8)), rs.getString(3)));
                }
            }
            return out;
        });
    }

    @FunctionalInterface
    private interface Statement<T> {
        T run(PreparedStatement ps) throws SQLException;
    }

    private <T> T query(String sql, Statement<T> body) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            return body.run(ps);
        } catch (SQLException e) {
            throw new StoreException("database: " + e.getMessage(), e);
        }
    }
}
