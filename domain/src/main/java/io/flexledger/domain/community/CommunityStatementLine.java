package io.flexledger.domain.community;

import io.flexledger.domain.units.Euros;
import io.flexledger.domain.units.KilowattHours;

/**
 * The settlement of one traded slot of a home in its community.
 *
 * @param slot the slot of the market day, from 0
 * @param boughtKwh the energy the home bought in the community (B)
 * @param soldKwh the energy the home sold in the community (S)
 * @param meteredKwh the metered net energy (import positive, export negative)
 * @param deliveredKwh the measured export that covers the net sale, {@code clamp(export, 0, S - B)}
 * @param takenKwh the measured import that covers the net purchase, {@code clamp(import, 0, B - S)}
 * @param shortfallKwh the net sale not exported, bought from the grid on the home's account
 * @param unusedKwh the net purchase not imported, sold to the grid for the home
 * @param paidEur what the home pays for the slot: its buys at their prices and the shortfall at the
 *     import price (rounded half-even to 4 decimals, for display; the totals round once)
 * @param receivedEur what the home receives for the slot: its sells at their prices and the unused
 *     energy at the export price (rounded as {@code paidEur})
 */
public record CommunityStatementLine(
        int slot,
        KilowattHours boughtKwh,
        KilowattHours soldKwh,
        KilowattHours meteredKwh,
        KilowattHours deliveredKwh,
        KilowattHours takenKwh,
        KilowattHours shortfallKwh,
        KilowattHours unusedKwh,
        Euros paidEur,
        Euros receivedEur) {}
