package io.flexledger.domain.community;

import io.flexledger.domain.units.Euros;
import io.flexledger.domain.units.KilowattHours;
import java.time.LocalDate;
import java.util.List;

/**
 * One home's community trades of a day settled against its meter: the lines of its traded slots and
 * their totals. {@code netEur = receivedEur - paidEur}: positive, the community owes the member.
 *
 * @param community the community (its operator's MSP id)
 * @param homeId the home
 * @param day the market day
 * @param lines one line per traded slot, in slot order
 */
public record CommunityStatement(
        String community,
        String homeId,
        LocalDate day,
        List<CommunityStatementLine> lines,
        KilowattHours boughtKwh,
        KilowattHours soldKwh,
        KilowattHours deliveredKwh,
        KilowattHours takenKwh,
        KilowattHours shortfallKwh,
        KilowattHours unusedKwh,
        Euros paidEur,
        Euros receivedEur,
        Euros netEur) {
    public CommunityStatement {
        lines = List.copyOf(lines);
    }
}
