package io.flexledger.devicebridge.anchor;

import io.flexledger.domain.metering.ReadingAnchor;
import java.time.LocalDate;
import java.util.List;

/**
 * A home's readings of a sealed day, each with its proof against the anchor of the home's aggregator.
 *
 * @param day the day
 * @param assetId the home
 * @param aggregatorMsp the aggregator whose anchor holds the readings
 * @param anchor that anchor as the bridge sealed it
 * @param readings the readings in leaf order
 */
public record HomeReadings(
        LocalDate day, String assetId, String aggregatorMsp, ReadingAnchor anchor, List<ProvenReading> readings) {}
