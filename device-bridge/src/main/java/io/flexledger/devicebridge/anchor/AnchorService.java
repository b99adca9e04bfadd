package io.flexledger.devicebridge.anchor;

import io.flexledger.client.reading.DayReadings;
import io.flexledger.contract.codec.SettlementRecords.ProvenReading;
import io.flexledger.devicebridge.pipeline.DaySeals;
import io.flexledger.devicebridge.store.AnchorRecord;
import io.flexledger.devicebridge.store.JdbcReadingStore;
import io.flexledger.devicebridge.store.StoredReading;
import io.flexledger.domain.metering.MerkleTree;
import io.flexledger.domain.metering.ReadingAnchor;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Seals a day and anchors its readings: one Merkle root per aggregator over that aggregator's
 * readings of the day in (asset, device, slot) order, kept here and recorded on the ledger. Sealing
 * again retries only what the ledger has not recorded; the roots never change once computed.
 */
public final class AnchorService {
    private static final Logger LOG = Logger.getLogger(AnchorService.class);

    /**
     * The outcome of sealing a day.
     *
     * @param day the day
     * @param anchors the day's anchors, with whether the ledger has each
     * @param ledgerErrors why the ledger did not record some anchors (empty when it recorded all)
     */
    public record SealResult(LocalDate day, List<AnchorRecord> anchors, List<String> ledgerErrors) {}

    private final JdbcReadingStore store;
    private final DaySeals seals;
    private final AnchorLedger ledger;
    private final Clock clock;

    public AnchorService(JdbcReadingStore store, DaySeals seals, AnchorLedger ledger, Clock clock) {
        this.store = store;
        this.seals = seals;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Seals {@code day} (no reading of it is accepted afterwards), computes its roots and anchors them. */
    public SealResult seal(LocalDate day) {
        Instant now = clock.instant();
        seals.lock();
        try {
            if (store.markSealed(day, now)) {
                LOG.infof("sealed %s", day);
            }
            seals.add(day);
            // Roots of aggregators not yet computed (all of them, unless an earlier seal stopped midway).
            List<String> computed = store.anchorsOf(day).stream()
                    .map(a -> a.anchor().aggregatorMsp())
                    .toList();
            for (String msp : store.aggregatorsOn(day)) {
                if (!computed.contains(msp)) {
                    List<StoredReading> leaves = store.readingsOf(day, msp);
                    store.saveLeaves(day, msp, leaves);
                    store.saveAnchor(rootOf(day, msp, leaves), now);
                }
            }
        } finally {
            seals.unlock();
        }
        List<String> errors = new ArrayList<>();
        for (AnchorRecord record : store.anchorsOf(day)) {
            if (record.onLedger()) {
                continue;
            }
            try {
                ledger.anchor(record.anchor());
                store.markAnchored(record.anchor(), clock.instant());
                LOG.infof(
                        "anchored %s %s root %s (%d readings)",
                        day,
                        record.anchor().aggregatorMsp(),
                        record.anchor().rootHex(),
                        record.anchor().leafCount());
            } catch (AnchorLedgerException e) {
                LOG.warnf(
                        "anchor of %s %s not recorded: %s", day, record.anchor().aggregatorMsp(), e.getMessage());
                errors.add(record.anchor().aggregatorMsp() + ": " + e.getMessage());
            }
        }
        return new SealResult(day, store.anchorsOf(day), errors);
    }

    /**
     * A home's readings of a sealed day with their proofs; empty when the home has no readings that day.
     *
     * @throws IllegalStateException when the day is not sealed yet
     */
    public Optional<DayReadings> readingsOf(LocalDate day, String assetId) {
        List<StoredReading> home = store.readingsOfAsset(day, assetId);
        if (home.isEmpty()) {
            return Optional.empty();
        }
        String msp = home.get(0).aggregatorMsp();
        AnchorRecord anchor = store.anchorOf(day, msp)
                .orElseThrow(() -> new IllegalStateException("day " + day + " is not sealed yet"));
        // The proofs come from the tree as it was sealed: a reading changed since then is served as
        // it is now, and its own leaf no longer leads to the root, while every other proof still does.
        List<JdbcReadingStore.SealedLeaf> sealed = store.sealedLeaves(day, msp);
        List<ProvenReading> proven = new ArrayList<>();
        if (sealed.isEmpty()) {
            // A day sealed before leaves were kept: the tree of the readings as they are now.
            List<StoredReading> all = store.readingsOf(day, msp);
            MerkleTree tree =
                    MerkleTree.of(all.stream().map(r -> r.signed().leafHash()).toList());
            for (int i = 0; i < all.size(); i++) {
                StoredReading r = all.get(i);
                if (r.signed().reading().assetId().equals(assetId)) {
                    proven.add(new ProvenReading(r.signed(), tree.proof(i)));
                }
            }
        } else {
            HexFormat hex = HexFormat.of();
            MerkleTree tree = MerkleTree.of(
                    sealed.stream().map(l -> hex.parseHex(l.leafHashHex())).toList());
            Map<String, Integer> index = new HashMap<>();
            sealed.forEach(l -> index.put(l.deviceId() + "|" + l.slot(), l.index()));
            for (StoredReading r : home) {
                Integer i = index.get(r.signed().reading().deviceId() + "|"
                        + r.signed().reading().slot());
                // A reading stored after the seal is in no anchored tree: it has no proof to give.
                if (i != null) {
                    proven.add(new ProvenReading(r.signed(), tree.proof(i)));
                }
            }
        }
        return Optional.of(new DayReadings(day, assetId, msp, anchor.anchor(), proven));
    }

    /** The anchor over {@code readings}, which are in leaf order. */
    public static ReadingAnchor rootOf(LocalDate day, String aggregatorMsp, List<StoredReading> readings) {
        MerkleTree tree =
                MerkleTree.of(readings.stream().map(r -> r.signed().leafHash()).toList());
        return new ReadingAnchor(day, aggregatorMsp, tree.rootHex(), tree.leafCount());
    }
}
