package io.flexledger.clearing.community;

/**
 * A feeder of the community, the congestion point its homes sit behind.
 *
 * @param id the congestion point id (as in the clearing format)
 * @param maxImportKw the most the feeder may draw from the grid in any slot, kW
 * @param maxExportKw the most the feeder may push into the grid in any slot, kW
 */
public record Feeder(String id, double maxImportKw, double maxExportKw) {}
