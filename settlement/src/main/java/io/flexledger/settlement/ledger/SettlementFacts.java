package io.flexledger.settlement.ledger;

import io.flexledger.client.reading.DayReadings;
import io.flexledger.domain.market.Baseline;
import io.flexledger.domain.market.FlexOffer;
import io.flexledger.domain.market.FlexOrder;
import io.flexledger.domain.metering.ReadingAnchor;
import io.flexledger.domain.participants.DeviceRegistration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an audit needs to re-derive one settlement independently of the chaincode.
 *
 * @param settlement the settlement on the ledger
 * @param order the order it settles
 * @param offer the offer the order bought
 * @param committedBaselineHash the baseline hash committed on the ledger before gate closure
 * @param revealedBaseline the baseline values revealed after the day
 * @param revealedSalt the salt revealed with them
 * @param ledgerAnchor the reading anchor of the day and aggregator on the ledger
 * @param readings the home's readings from the bridge, with proofs
 * @param devices the devices registered for the home on the ledger, by id, with their state and keys
 * @param billing the settlement as the off-chain billing store keeps it (fields as text), if kept
 * @param dispute the dispute the settlement names ({@code disputeId}) with its history, if the ledger has it
 */
public record SettlementFacts(
        SettlementRecord settlement,
        FlexOrder order,
        FlexOffer offer,
        String committedBaselineHash,
        Baseline revealedBaseline,
        String revealedSalt,
        Optional<ReadingAnchor> ledgerAnchor,
        DayReadings readings,
        Map<String, DeviceRegistration> devices,
        Optional<Map<String, String>> billing,
        Optional<DisputeRecord> dispute) {}
