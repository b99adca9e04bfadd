package io.flexledger.contract;

import io.flexledger.contract.codec.RegistryRecords.StoredDevice;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.metering.MerkleProof;
import io.flexledger.domain.metering.MeterReading;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.metering.SignedReading;
import io.flexledger.domain.participants.Device;
import io.flexledger.domain.participants.DeviceKey;
import io.flexledger.domain.participants.DeviceKind;
import io.flexledger.domain.participants.DeviceState;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The rules every settlement applies to the metered readings presented for it ({@code
 * settlements:SettleOrder}, {@code community:SettleCommunityMember}): one reading per settled slot of the
 * home's day, each of a registered METER of the home approved by the DSO, signed with a key of the meter
 * during the slot, and a leaf of the anchored Merkle tree of the portfolio's day. The device registry and
 * what a key's approval needs beyond its state are the caller's; a refusal carries the chaincode's error
 * code and text.
 */
public final class ReadingRules {
    private ReadingRules() {}

    /** A presented reading: the signed reading, its proof and where the input holds it ({@code $.readings[3]}). */
    public interface Presented {
        SignedReading signed();

        MerkleProof proof();

        String path();

        /** The reading itself. */
        default MeterReading reading() {
            return signed().reading();
        }
    }

    /**
     * What the readings settle: a home's day and slots; the words name the settled thing in messages
     * ({@code "ordered"}, {@code "the order covers"}, {@code "the order's home"}).
     */
    public record Scope(String homeId, LocalDate day, Set<Integer> slots, String settled, String covers, String home) {
        /** The ordered slots of the home of {@code offer}, on its day. */
        public static Scope ofOrder(FlexOffer offer) {
            return new Scope(
                    offer.assetId(),
                    offer.period().day(),
                    offer.kwBySlot().keySet(),
                    "ordered",
                    "the order covers",
                    "the order's home");
        }

        /** The traded slots of {@code homeId} on {@code day}. */
        public static Scope ofTrades(String homeId, LocalDate day, Set<Integer> slots) {
            return new Scope(homeId, day, slots, "traded", "the home's trades cover", "the traded home");
        }
    }

    /** A refusal as the ledger words it: its error code and text. */
    @FunctionalInterface
    public interface Refusals {
        RuntimeException refuse(ErrorCode code, String message);
    }

    /** A further check of the key a reading verified with (the DSO's approval of that key version). */
    @FunctionalInterface
    public interface KeyApproval {
        void require(Device meter, DeviceKey key, String path);
    }

    /**
     * Checks every presented reading, in the order presented, and returns them in slot order, one per
     * settled slot; the first reading at fault is refused with its path.
     *
     * @param devices the registered device of an id, if any
     * @param approval called once a reading's signature verified, with the key it verified with
     */
    public static <P extends Presented> List<P> check(
            Scope scope,
            ReadingAnchor anchor,
            List<P> readings,
            Function<String, Optional<StoredDevice>> devices,
            KeyApproval approval,
            Refusals refusals) {
        TreeMap<Integer, P> bySlot = new TreeMap<>();
        for (P p : readings) {
            MeterReading r = p.reading();
            // A reading settles a slot the order (the trades) cover, on its day.
            if (!r.day().equals(scope.day()) || !scope.slots().contains(r.slot())) {
                throw refusals.refuse(
                        ErrorCode.READING_OUT_OF_ORDER_SLOT,
                        String.format(
                                "%s: slot %d of %s is not %s (%s slots %s of %s)",
                                p.path(),
                                r.slot(),
                                r.day(),
                                scope.settled(),
                                scope.covers(),
                                new TreeSet<>(scope.slots()),
                                scope.day()));
            }
            // One reading per slot: the settler may not choose the more favourable of two.
            if (bySlot.containsKey(r.slot())) {
                throw refusals.refuse(
                        ErrorCode.READING_SLOT_DUPLICATE,
                        String.format("%s: slot %d has a reading already", p.path(), r.slot()));
            }
            // The reading is the settled home's.
            if (!r.assetId().equals(scope.homeId())) {
                throw refusals.refuse(
                        ErrorCode.READING_ASSET_MISMATCH,
                        String.format(
                                "%s.assetId: the reading is of %s, %s is %s",
                                p.path(), r.assetId(), scope.home(), scope.homeId()));
            }
            StoredDevice stored = devices.apply(r.deviceId())
                    .orElseThrow(() -> refusals.refuse(
                            ErrorCode.READING_DEVICE_UNKNOWN,
                            String.format("%s.deviceId: device %s is not registered", p.path(), r.deviceId())));
            Device device = stored.device();
            // Only a meter measures delivery.
            if (device.kind() != DeviceKind.METER) {
                throw refusals.refuse(
                        ErrorCode.READING_NOT_A_METER,
                        String.format(
                                "%s.deviceId: device %s is a %s, not a METER", p.path(), device.id(), device.kind()));
            }
            // The meter is registered at the settled home.
            if (!device.assetId().equals(scope.homeId())) {
                throw refusals.refuse(
                        ErrorCode.READING_ASSET_MISMATCH,
                        String.format(
                                "%s.deviceId: device %s is registered at %s, %s is %s",
                                p.path(), device.id(), device.assetId(), scope.home(), scope.homeId()));
            }
            // A meter counts once the DSO approved it: its aggregator alone cannot make one count.
            if (stored.state() != DeviceState.ACTIVE) {
                throw refusals.refuse(
                        ErrorCode.READING_METER_NOT_APPROVED,
                        String.format(
                                "%s.deviceId: meter %s is %s; the DSO has not approved it",
                                p.path(), device.id(), stored.state()));
            }
            // The meter signed exactly this reading, with a key that was its own during the slot (after a
            // rotation, earlier slots verify with the key retired then, later ones with the new key only).
            DeviceKey signedWith = DeviceKey.coveringSlot(stored.keys(), r.day(), r.slot()).stream()
                    .filter(k -> p.signed().verify(k.publicKey()))
                    .findFirst()
                    .orElseThrow(() -> refusals.refuse(
                            ErrorCode.READING_BAD_SIGNATURE,
                            String.format(
                                    "%s.signature: does not verify with the registered key of %s",
                                    p.path(), device.id())));
            approval.require(device, signedWith, p.path());
            // The reading is a leaf of the anchored tree: same size, path to the same root.
            if (p.proof().leafCount() != anchor.leafCount()) {
                throw refusals.refuse(
                        ErrorCode.READING_PROOF_INVALID,
                        String.format(
                                "%s.proof.leafCount: is %d, the anchor of %s for %s has %d leaves",
                                p.path(),
                                p.proof().leafCount(),
                                anchor.aggregatorMsp(),
                                anchor.day(),
                                anchor.leafCount()));
            }
            if (!p.proof().verify(p.signed().leafHash(), anchor.rootHex())) {
                throw refusals.refuse(
                        ErrorCode.READING_PROOF_INVALID,
                        String.format(
                                "%s.proof: does not lead to the anchored root %s of %s for %s",
                                p.path(), anchor.rootHex(), anchor.aggregatorMsp(), anchor.day()));
            }
            bySlot.put(r.slot(), p);
        }
        for (Integer slot : new TreeSet<>(scope.slots())) {
            // Every settled slot is settled on a reading.
            if (!bySlot.containsKey(slot)) {
                throw refusals.refuse(
                        ErrorCode.READING_SLOT_MISSING,
                        String.format("$.readings: no reading for %s slot %d", scope.settled(), slot));
            }
        }
        return new ArrayList<>(bySlot.values());
    }
}
