package io.flexledger.chaincode;

import static io.flexledger.chaincode.failures.Failures.fail;

import io.flexledger.chaincode.codec.JsonInput;
import io.flexledger.chaincode.codec.RegistryJson;
import io.flexledger.chaincode.codec.SettlementJson.PresentedReading;
import io.flexledger.chaincode.support.Keys;
import io.flexledger.chaincode.support.Ledger;
import io.flexledger.chaincode.support.PrivateCollections;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.contract.codec.RegistryRecords.StoredDevice;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.DeviceKey;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.domain.participants.DeviceState;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The checks of metered readings presented for a settlement, shared by {@code settlements:SettleOrder}
 * and {@code community:SettleCommunityMember}: one reading per settled slot of the home's day, each of a
 * registered METER of the home approved by the DSO, signed with a key of the meter during the slot that
 * the DSO's peer countersigned, and a leaf of the anchored Merkle tree of the portfolio's day.
 */
final class ReadingChecks {
    private ReadingChecks() {}

    /**
     * What the readings settle: a home's day and slots, in the portfolio of {@code aggregatorMsp}; the
     * words name the settled thing in messages ({@code "ordered"}, {@code "the order covers"}, {@code
     * "the order's home"}).
     */
    record Scope(
            String homeId,
            LocalDate day,
            Set<Integer> slots,
            String aggregatorMsp,
            String settled,
            String covers,
            String home,
            boolean approvalByHash) {
        static Scope ofOrder(FlexOffer offer) {
            return new Scope(
                    offer.assetId(),
                    offer.period().day(),
                    offer.kwBySlot().keySet(),
                    offer.aggregatorMsp(),
                    "ordered",
                    "the order covers",
                    "the order's home",
                    false);
        }

        static Scope ofTrades(String homeId, LocalDate day, Set<Integer> slots, String operatorMsp) {
            // CommunityMSP's peer endorses too and holds no aggregator-DSO collection.
            return new Scope(
                    homeId, day, slots, operatorMsp, "traded", "the home's trades cover", "the traded home", true);
        }
    }

    /** Checks every presented reading and returns them in slot order, one per settled slot. */
    static List<PresentedReading> check(
            Ledger ledger, Scope scope, ReadingAnchor anchor, List<PresentedReading> readings) {
        TreeMap<Integer, PresentedReading> bySlot = new TreeMap<>();
        for (PresentedReading p : readings) {
            MeterReading r = p.reading();
            // A reading settles a slot the order (the trades) cover, on its day.
            if (!r.day().equals(scope.day()) || !scope.slots().contains(r.slot())) {
                throw fail(
                        ErrorCode.READING_OUT_OF_ORDER_SLOT,
                        "%s: slot %d of %s is not %s (%s slots %s of %s)",
                        p.path(),
                        r.slot(),
                        r.day(),
                        scope.settled(),
                        scope.covers(),
                        new java.util.TreeSet<>(scope.slots()),
                        scope.day());
            }
            // One reading per slot: the settler may not choose the more favourable of two.
            if (bySlot.containsKey(r.slot())) {
                throw fail(ErrorCode.READING_SLOT_DUPLICATE, "%s: slot %d has a reading already", p.path(), r.slot());
            }
            // The reading is the settled home's.
            if (!r.assetId().equals(scope.homeId())) {
                throw fail(
                        ErrorCode.READING_ASSET_MISMATCH,
                        "%s.assetId: the reading is of %s, %s is %s",
                        p.path(),
                        r.assetId(),
                        scope.home(),
                        scope.homeId());
            }
            StoredDevice stored = ledger.read(ledger.key(Keys.DEVICE, r.deviceId()), RegistryJson::storedDevice)
                    .orElseThrow(() -> fail(
                            ErrorCode.READING_DEVICE_UNKNOWN,
                            "%s.deviceId: device %s is not registered",
                            p.path(),
                            r.deviceId()));
            Device device = stored.device();
            // Only a meter measures delivery.
            if (device.kind() != DeviceKind.METER) {
                throw fail(
                        ErrorCode.READING_NOT_A_METER,
                        "%s.deviceId: device %s is a %s, not a METER",
                        p.path(),
                        device.id(),
                        device.kind());
            }
            // The meter is registered at the settled home.
            if (!device.assetId().equals(scope.homeId())) {
                throw fail(
                        ErrorCode.READING_ASSET_MISMATCH,
                        "%s.deviceId: device %s is registered at %s, %s is %s",
                        p.path(),
                        device.id(),
                        device.assetId(),
                        scope.home(),
                        scope.homeId());
            }
            // A meter counts once the DSO approved it: its aggregator alone cannot make one count.
            if (stored.state() != DeviceState.ACTIVE) {
                throw fail(
                        ErrorCode.READING_METER_NOT_APPROVED,
                        "%s.deviceId: meter %s is %s; the DSO has not approved it",
                        p.path(),
                        device.id(),
                        stored.state());
            }
            // The meter signed exactly this reading, with a key that was its own during the slot (after a
            // rotation, earlier slots verify with the key retired then, later ones with the new key only).
            DeviceKey signedWith = DeviceKey.coveringSlot(stored.keys(), r.day(), r.slot()).stream()
                    .filter(k -> p.signed().verify(k.publicKey()))
                    .findFirst()
                    .orElseThrow(() -> fail(
                            ErrorCode.READING_BAD_SIGNATURE,
                            "%s.signature: does not verify with the registered key of %s",
                            p.path(),
                            device.id()));
            requireApproval(ledger, scope, device.id(), signedWith, p.path());
            // The reading is a leaf of the anchored tree: same size, path to the same root.
            if (p.proof().leafCount() != anchor.leafCount()) {
                throw fail(
                        ErrorCode.READING_PROOF_INVALID,
                        "%s.proof.leafCount: is %d, the anchor of %s for %s has %d leaves",
                        p.path(),
                        p.proof().leafCount(),
                        anchor.aggregatorMsp(),
                        anchor.day(),
                        anchor.leafCount());
            }
            if (!p.proof().verify(p.signed().leafHash(), anchor.rootHex())) {
                throw fail(
                        ErrorCode.READING_PROOF_INVALID,
                        "%s.proof: does not lead to the anchored root %s of %s for %s",
                        p.path(),
                        anchor.rootHex(),
                        anchor.aggregatorMsp(),
                        anchor.day());
            }
            bySlot.put(r.slot(), p);
        }
        for (Integer slot : new java.util.TreeSet<>(scope.slots())) {
            // Every settled slot is settled on a reading.
            if (!bySlot.containsKey(slot)) {
                throw fail(
                        ErrorCode.READING_SLOT_MISSING, "$.readings: no reading for %s slot %d", scope.settled(), slot);
            }
        }
        return new ArrayList<>(bySlot.values());
    }

    /**
     * Refuses a reading whose key bears no approval of the DSO's peer: the countersignature that
     * {@code registry:ApproveMeter} writes, in the collection only the aggregator's and the DSO's peers
     * write, for exactly this key version. A device record made ACTIVE by any other means (peers running
     * altered chaincode) has none.
     *
     * <p>When the endorsers include a peer outside that collection ({@code CommunityMSP}'s, for a community
     * statement, whose Fabric peer refuses to read a private record it does not hold), every endorser
     * checks the collection's public hash of the receipt instead: it must be the hash of the receipt for
     * this key written by one of the transactions that changed the device's record. Both ways the receipt
     * is one that only the aggregator's and the DSO's peers together could have written.
     */
    private static void requireApproval(Ledger ledger, Scope scope, String deviceId, DeviceKey key, String at) {
        String expected = Baseline.sha256Hex(CanonicalJson.write(RegistryJson.approvedKey(deviceId, key)));
        String collection = PrivateCollections.forAggregator(scope.aggregatorMsp());
        String receiptKey = ledger.key(Keys.COUNTERSIGNATURE, Keys.DEVICE, deviceId, Keys.version(key.version()));
        boolean approved;
        if (!scope.approvalByHash()) {
            approved = ledger.getPrivate(collection, receiptKey)
                    .map(receipt -> expected.equals(JsonInput.parse(receipt).string("sha256")))
                    .orElse(false);
        } else {
            List<String> parts = List.of(Keys.DEVICE, deviceId, Keys.version(key.version()));
            approved = ledger.privateHash(collection, receiptKey)
                    .map(hash -> ledger.history(ledger.key(Keys.DEVICE, deviceId)).stream()
                            .map(v -> String.valueOf(v.get("txId")))
                            .anyMatch(txId -> hash.equals(Baseline.sha256Hex(
                                    CanonicalJson.write(Ledger.countersignature(parts, expected, txId))))))
                    .orElse(false);
        }
        if (!approved) {
            throw fail(
                    ErrorCode.READING_METER_NOT_APPROVED,
                    "%s.deviceId: key version %d of meter %s bears no approval of the DSO's peer",
                    at,
                    key.version(),
                    deviceId);
        }
    }
}
