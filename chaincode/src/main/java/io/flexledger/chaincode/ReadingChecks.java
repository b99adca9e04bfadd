package io.flexledger.chaincode;

import static io.flexledger.chaincode.failures.Failures.fail;

import io.flexledger.chaincode.codec.JsonInput;
import io.flexledger.chaincode.codec.RegistryJson;
import io.flexledger.chaincode.codec.SettlementJson.PresentedReading;
import io.flexledger.chaincode.support.Keys;
import io.flexledger.chaincode.support.Ledger;
import io.flexledger.chaincode.support.PrivateCollections;
import io.flexledger.contract.ErrorCode;
import io.flexledger.contract.ReadingRules;
import io.flexledger.contract.codec.CanonicalJson;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.participants.DeviceKey;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * The checks of metered readings presented for a settlement, shared by {@code settlements:SettleOrder}
 * and {@code community:SettleCommunityMember}: the ledger contract's {@link ReadingRules} (one reading per
 * settled slot of the home's day, each of a registered METER of the home approved by the DSO, signed with a
 * key of the meter during the slot, and a leaf of the anchored Merkle tree of the portfolio's day), the
 * devices read from the ledger, and the key's approval that the DSO's peer countersigned.
 */
final class ReadingChecks {
    private ReadingChecks() {}

    /**
     * What the readings settle ({@link ReadingRules.Scope}), in the portfolio of {@code aggregatorMsp}
     * whose collection holds the keys' approvals.
     */
    record Scope(ReadingRules.Scope rules, String aggregatorMsp, boolean approvalByHash) {
        static Scope ofOrder(FlexOffer offer) {
            return new Scope(ReadingRules.Scope.ofOrder(offer), offer.aggregatorMsp(), false);
        }

        static Scope ofTrades(String homeId, LocalDate day, Set<Integer> slots, String operatorMsp) {
            // CommunityMSP's peer endorses too and holds no aggregator-DSO collection.
            return new Scope(ReadingRules.Scope.ofTrades(homeId, day, slots), operatorMsp, true);
        }
    }

    /** Checks every presented reading and returns them in slot order, one per settled slot. */
    static List<PresentedReading> check(
            Ledger ledger, Scope scope, ReadingAnchor anchor, List<PresentedReading> readings) {
        return ReadingRules.check(
                scope.rules(),
                anchor,
                readings,
                deviceId -> ledger.read(ledger.key(Keys.DEVICE, deviceId), RegistryJson::storedDevice),
                (meter, key, at) -> requireApproval(ledger, scope, meter.id(), key, at),
                (code, message) -> fail(code, "%s", message));
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
