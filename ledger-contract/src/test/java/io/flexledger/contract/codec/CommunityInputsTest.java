package io.flexledger.contract.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.flexledger.contract.Community;
import io.flexledger.contract.codec.CommunityRecords.Day;
import io.flexledger.contract.codec.CommunityRecords.MembershipInput;
import io.flexledger.contract.codec.CommunityRecords.Order;
import io.flexledger.contract.codec.CommunityRecords.Pricing;
import io.flexledger.contract.codec.CommunityRecords.Side;
import io.flexledger.domain.units.EurosPerKwh;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.ValidationException;
import io.flexledger.domain.validation.Violation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The community market's inputs as the API writes them: each written by the codec's input writer is read
 * back by the reader the chaincode reads it with (under the catalogue's field set) as an equal value, and
 * a value the chaincode must refuse is still refused once written.
 */
class CommunityInputsTest {
    static final LocalDate DAY = LocalDate.of(2030, 6, 1);

    /** {@code text} read as the chaincode reads an input: the field set first, problems collected. */
    private static JsonFields read(String text, java.util.Set<String> fields, List<Violation> found) {
        return JsonFields.parse(text, JsonReader.Limits.LEDGER, JsonFields.collecting(found))
                .onlyFields(fields);
    }

    static Day day(String exportAt68) {
        int slots = MarketRecords.RULES.period(DAY).slotCount();
        List<EurosPerKwh> imports = new ArrayList<>(Collections.nCopies(slots, EurosPerKwh.of("0.30")));
        List<EurosPerKwh> exports = new ArrayList<>(Collections.nCopies(slots, EurosPerKwh.of("0.08")));
        imports.set(3, EurosPerKwh.of("0.31251"));
        exports.set(68, EurosPerKwh.of(exportAt68));
        return new Day(
                "Aggregator1MSP",
                MarketRecords.RULES.period(DAY),
                Instant.parse("2030-05-31T20:00:00Z"),
                Pricing.PAY_AS_BID,
                imports,
                exports);
    }

    @Test
    void aDayInputIsReadBackAsTheSameDay() {
        Day d = day("0.1");
        String text = CanonicalJson.write(CommunityRecords.dayInput(d));
        Day back = CommunityRecords.day(read(text, Community.DAY_FIELDS, new ArrayList<>()));
        assertThat(back).isEqualTo(d);
        assertThat(text)
                .startsWith("{\"community\":\"Aggregator1MSP\",\"day\":\"2030-06-01\",\"exportPrice\":[\"0.08000\"");
    }

    @Test
    void aDayTheChaincodeRefusesIsStillRefusedOnceWritten() {
        // An export price above the slot's import price passes the writer but not the chaincode's reader.
        String text = CanonicalJson.write(CommunityRecords.dayInput(day("0.5")));
        List<Violation> found = new ArrayList<>();
        ValidationException e = catchThrowableOfType(
                ValidationException.class, () -> CommunityRecords.day(read(text, Community.DAY_FIELDS, found)));
        assertThat(e.violations())
                .containsExactly(new Violation("$.exportPrice[68]", "must not exceed the import price 0.30000"));
    }

    @Test
    void aMembershipInputIsReadBackAsTheSameMembership() {
        MembershipInput m = new MembershipInput("agg1-prosumer \"quoted\" é", "home-1");
        String text = CanonicalJson.write(CommunityRecords.membershipInput(m));
        assertThat(CommunityRecords.membership(read(text, Community.MEMBERSHIP_FIELDS, new ArrayList<>())))
                .isEqualTo(m);
    }

    @Test
    void aMemberNameTheChaincodeRefusesIsStillRefusedOnceWritten() {
        String text =
                CanonicalJson.write(CommunityRecords.membershipInput(new MembershipInput("x".repeat(201), "home-1")));
        ValidationException e = catchThrowableOfType(
                ValidationException.class,
                () -> CommunityRecords.membership(read(text, Community.MEMBERSHIP_FIELDS, new ArrayList<>())));
        assertThat(e.violations()).extracting(Violation::path).containsExactly("$.member");
    }

    @Test
    void anOrderInputIsReadBackAsTheSameOrder() {
        for (Order o : List.of(
                new Order(
                        "b-68",
                        "home-1",
                        "agg1-prosumer",
                        DAY,
                        68,
                        Side.BUY,
                        false,
                        Kilowatts.of("1.25"),
                        EurosPerKwh.of("0.21")),
                new Order("s-0", "home-2", "m", DAY, 0, Side.SELL, true, Kilowatts.of("0.001"), EurosPerKwh.of("0")))) {
            String text = CanonicalJson.write(CommunityRecords.orderInput(o));
            JsonFields in = read(text, Community.ORDER_FIELDS, new ArrayList<>());
            Order back = CommunityRecords.order(in);
            in.done();
            assertThat(back).isEqualTo(o);
        }
    }

    @Test
    void anOrderTheChaincodeRefusesIsStillRefusedOnceWritten() {
        // slot 96 is not a slot of a 96-slot day: the writer writes it, the chaincode's reader refuses it.
        Order o = new Order("b-96", "home-1", "m", DAY, 96, Side.BUY, false, Kilowatts.of("1"), EurosPerKwh.of("0.2"));
        String text = CanonicalJson.write(CommunityRecords.orderInput(o));
        JsonFields in = read(text, Community.ORDER_FIELDS, new ArrayList<>());
        CommunityRecords.order(in);
        ValidationException e = catchThrowableOfType(ValidationException.class, in::done);
        assertThat(e.violations()).extracting(Violation::path).containsExactly("$.slot");
    }
}
