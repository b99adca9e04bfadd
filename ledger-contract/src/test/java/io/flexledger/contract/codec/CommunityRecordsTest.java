package io.flexledger.contract.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flexledger.domain.community.CommunityStatement;
import io.flexledger.domain.community.CommunityStatementLine;
import io.flexledger.domain.community.CommunityTrade;
import io.flexledger.domain.units.Euros;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.KilowattHours;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.domain.validation.Violation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommunityRecordsTest {
    static final Instant AT = Instant.parse("2026-11-29T06:00:00Z");

    private static KilowattHours kwh(String s) {
        return KilowattHours.of(s);
    }

    private static Euros eur(String s) {
        return new Euros(new BigDecimal(s));
    }

    /** A statement of one sold slot (68): 0.5 kWh sold, 0.4 delivered, 0.1 short. */
    static CommunityStatement statement() {
        CommunityStatementLine line = new CommunityStatementLine(
                68,
                kwh("0"),
                kwh("0.5"),
                kwh("-0.4"),
                kwh("0.4"),
                kwh("0"),
                kwh("0.1"),
                kwh("0"),
                eur("0.03"),
                eur("0.08"));
        return new CommunityStatement(
                "Aggregator1MSP",
                "home-1",
                LocalDate.of(2026, 11, 28),
                List.of(line),
                kwh("0"),
                kwh("0.5"),
                kwh("0.4"),
                kwh("0"),
                kwh("0.1"),
                kwh("0"),
                eur("0.03"),
                eur("0.08"),
                eur("0.05"));
    }

    @Test
    void aStatementIsWrittenInOneShapeOnly() {
        String written = CanonicalJson.write(CommunityRecords.statement(
                statement(), "agg1-prosumer", List.of(Map.of("slot", 68)), "ab", "cd", AT, "tx-9"));
        assertThat(written)
                .isEqualTo("{\"anchorRoot\":\"ab\",\"clearingSha256\":\"cd\",\"community\":\"Aggregator1MSP\","
                        + "\"day\":\"2026-11-28\",\"homeId\":\"home-1\",\"lines\":[{\"boughtKwh\":\"0.000000\","
                        + "\"deliveredKwh\":\"0.400000\",\"meteredKwh\":\"-0.400000\",\"paidEur\":\"0.0300\","
                        + "\"receivedEur\":\"0.0800\",\"shortfallKwh\":\"0.100000\",\"slot\":68,"
                        + "\"soldKwh\":\"0.500000\",\"takenKwh\":\"0.000000\",\"unusedKwh\":\"0.000000\"}],"
                        + "\"member\":\"agg1-prosumer\",\"readings\":[{\"slot\":68}],"
                        + "\"recordedAt\":\"2026-11-29T06:00:00Z\",\"totals\":{\"boughtKwh\":\"0.000000\","
                        + "\"deliveredKwh\":\"0.400000\",\"netEur\":\"0.0500\",\"paidEur\":\"0.0300\","
                        + "\"receivedEur\":\"0.0800\",\"shortfallKwh\":\"0.100000\",\"soldKwh\":\"0.500000\","
                        + "\"takenKwh\":\"0.000000\",\"unusedKwh\":\"0.000000\"},\"txId\":\"tx-9\"}");
        // What the rule settled is the statement without its evidence.
        assertThat(CommunityRecords.settled(statement(), "agg1-prosumer"))
                .containsOnlyKeys("community", "day", "homeId", "member", "lines", "totals");
    }

    @Test
    void thePublicStatementNamesNoMember() {
        String written = CanonicalJson.write(
                CommunityRecords.publicStatement("Aggregator1MSP", "2026-11-28", "home-1", "ff", "ab", "cd", AT, "t"));
        assertThat(written)
                .isEqualTo("{\"anchorRoot\":\"ab\",\"clearingSha256\":\"cd\",\"community\":\"Aggregator1MSP\","
                        + "\"day\":\"2026-11-28\",\"homeId\":\"home-1\",\"recordedAt\":\"2026-11-29T06:00:00Z\","
                        + "\"sha256\":\"ff\",\"txId\":\"t\"}");
    }

    @Test
    void aHomesTradesAreReadFromTheClearingInItsOrder() {
        String clearing = "{\"trades\":["
                + "{\"orderId\":\"b-70\",\"homeId\":\"home-1\",\"slot\":70,\"side\":\"BUY\",\"kw\":\"1\",\"price\":\"0.1625\"},"
                + "{\"orderId\":\"s-68\",\"homeId\":\"home-2\",\"slot\":68,\"side\":\"SELL\",\"kw\":\"2\",\"price\":\"0.2\"},"
                + "{\"orderId\":\"s-68b\",\"homeId\":\"home-1\",\"slot\":68,\"side\":\"SELL\",\"kw\":\"0.5\",\"price\":0.2}"
                + "]}";
        List<CommunityTrade> trades = CommunityRecords.trades(MarketRecords.stored(clearing), "home-1");
        assertThat(trades)
                .containsExactly(
                        new CommunityTrade(
                                "b-70", 70, CommunityTrade.Side.BUY, Kilowatts.of("1"), new BigDecimal("0.1625")),
                        new CommunityTrade(
                                "s-68b", 68, CommunityTrade.Side.SELL, Kilowatts.of("0.5"), new BigDecimal("0.2")));
        assertThat(CommunityRecords.trades(MarketRecords.stored(clearing), "home-3"))
                .isEmpty();
    }

    @Test
    void aTradeTheDomainRefusesIsNamedByItsPath() {
        // A clearing that pays a seller a negative price must not settle.
        String clearing = "{\"trades\":[{\"orderId\":\"s-68\",\"homeId\":\"home-1\",\"slot\":68,\"side\":\"SELL\","
                + "\"kw\":\"1\",\"price\":\"-0.2\"}]}";
        ValidationException e = catchThrowableOfType(
                ValidationException.class, () -> CommunityRecords.trades(MarketRecords.stored(clearing), "home-1"));
        assertThat(e.violations()).containsExactly(new Violation("$.trades[0].price", "must be >= 0"));
    }

    @Test
    void aTradeWithoutItsSideIsRefusedNotGuessed() {
        String clearing =
                "{\"trades\":[{\"orderId\":\"s-68\",\"homeId\":\"home-1\",\"slot\":68,\"kw\":\"1\",\"price\":\"0.2\"}]}";
        InputRefusal r = catchThrowableOfType(
                InputRefusal.class, () -> CommunityRecords.trades(MarketRecords.stored(clearing), "home-1"));
        assertThat(r.getMessage()).isEqualTo("$.trades[0].side: is required");
    }

    @Test
    void everyPriceAtFaultIsNamedAndNegativeOnesAreRefused() {
        List<Violation> found = new ArrayList<>();
        JsonFields day = JsonFields.parse(
                "{\"importPrice\":[\"0.3\",\"-0.1\",7,\"x\"]}", JsonReader.Limits.LEDGER, JsonFields.collecting(found));
        List<EurosPerKwh> prices = CommunityRecords.prices(day, "importPrice");
        assertThat(prices).hasSize(4);
        assertThat(prices.get(0)).isEqualTo(EurosPerKwh.of("0.3"));
        assertThat(found)
                .extracting(Violation::path)
                .containsExactly("$.importPrice[2]", "$.importPrice[1]", "$.importPrice[3]");
        assertThat(found.get(1).reason()).isEqualTo("must not be negative");
        assertThat(catchThrowableOfType(ValidationException.class, day::done)).isNotNull();
    }
}
