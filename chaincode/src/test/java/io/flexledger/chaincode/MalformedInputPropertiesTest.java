package io.flexledger.chaincode;

import static io.flexledger.chaincode.MarketFixture.AGG1;
import static io.flexledger.chaincode.MarketFixture.DSO;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.flexledger.contract.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Test;

/**
 * Generated bad inputs to the submit transactions that take JSON: whatever the input, the
 * chaincode either accepts it or refuses it with one of its error codes (never a crash without a
 * code), and a refusal leaves the world state untouched.
 */
class MalformedInputPropertiesTest {
    static final Set<String> CODES =
            Arrays.stream(ErrorCode.values()).map(Enum::name).collect(Collectors.toSet());

    static final Map<String, String> VALID = Map.of(
            "offer", MarketFixture.offerJson("o-9"),
            "request", MarketFixture.requestJson("r-9", "TX1", "{\"70\":35}"),
            "order", "{\"id\":\"ord-9\",\"offerId\":\"o-1\",\"activation\":0.75}",
            "revocation", "{\"offerId\":\"o-1\",\"reason\":\"changed plans\"}",
            "congestionPoint", "{\"id\":\"F9\",\"kind\":\"FEEDER\",\"parentId\":\"TX1\",\"capacityKw\":90}",
            "meterKey", MeterKeysTest.proposal("meter-1", MeterKeysTest.K3),
            "meterApproval", MeterKeysTest.approval("meter-1", MeterKeysTest.K2));

    @Provide
    Arbitrary<String> targets() {
        return Arbitraries.of(List.copyOf(VALID.keySet()));
    }

    static final List<String> BAD_VALUES = List.of(
            "null",
            "true",
            "[]",
            "{}",
            "\"\"",
            "-1",
            "0",
            "1e400",
            "-1e-400",
            "1.0000000000001",
            "123456789012345678901234567890",
            "\"2026-02-30\"",
            "\"o 1\"",
            "\"\\u0000\"",
            "[1,2]",
            "{\"68\":-1}",
            "{\"x\":1}",
            "{\"96\":1}",
            "\"NaN\"",
            "\"1e3\"",
            "0.5",
            "2",
            "-0.0",
            "\"TX1\"");

    /**
     * Every fixed bad value in every field of every transaction (replaced and duplicated), every
     * field dropped, and every truncation: an exhaustive sweep; the properties below add random text.
     */
    @Test
    void everyFieldWithEveryBadValue() {
        int cases = 0;
        for (Map.Entry<String, String> target : VALID.entrySet()) {
            int fields =
                    JsonParser.parseString(target.getValue()).getAsJsonObject().size();
            for (int field = 0; field < fields; field++) {
                for (String value : BAD_VALUES) {
                    check(target.getKey(), mutate(target.getValue(), 0, field, value));
                    check(target.getKey(), mutate(target.getValue(), 2, field, value));
                    cases += 2;
                }
                check(target.getKey(), mutate(target.getValue(), 1, field, ""));
                cases++;
            }
            for (int cut = 0; cut < target.getValue().length(); cut++) {
                check(target.getKey(), mutate(target.getValue(), 3, cut, ""));
                cases++;
            }
        }
        assertThat(cases).isGreaterThan(1000);
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.of(BAD_VALUES),
                Arbitraries.strings()
                        .ofMaxLength(12)
                        .map(s -> "\"" + s.replace("\\", "").replace("\"", "") + "\""));
    }

    @Property(tries = 500)
    void badInputIsRefusedWithACodeAndChangesNothing(
            @ForAll("targets") String target,
            @ForAll("values") String value,
            @ForAll @IntRange(min = 0, max = 4) int mutation,
            @ForAll @IntRange(min = 0, max = 40) int field) {
        check(target, mutate(VALID.get(target), mutation, field, value));
    }

    /** Runs one body against a fresh market: accepted, or refused with a code and no state change. */
    static void check(String target, String body) {
        MarketFixture m = seeded();
        Map<String, String> before = m.ledger.snapshot();
        try {
            run(m, target, body);
        } catch (ChaincodeException e) {
            String code = new String(e.getPayload(), StandardCharsets.UTF_8);
            assertThat(CODES).as("payload of %s for %s", e.getMessage(), body).contains(code);
            assertThat(e.getMessage()).startsWith(code + ": ");
            assertThat(m.ledger.snapshot()).isEqualTo(before);
        }
    }

    @Property(tries = 100)
    void everyGeneratedBodyIsHandledByAllJsonTransactions(@ForAll("values") String value) {
        MarketFixture m = seeded();
        for (String target : VALID.keySet()) {
            try {
                run(m, target, value);
            } catch (ChaincodeException e) {
                assertThat(CODES).contains(new String(e.getPayload(), StandardCharsets.UTF_8));
            }
        }
    }

    /** The seeded market with offer o-1, and home-1's approved meter-1 with key K2 awaiting approval. */
    static MarketFixture seeded() {
        MarketFixture m = new MarketFixture().seeded();
        m.postOffer(AGG1, MarketFixture.offerJson("o-1"));
        m.ledger.as(
                AGG1,
                () -> m.registry.registerDevice(
                        m.ledger.ctx, MeterKeysTest.deviceJson("meter-1", "home-1", "METER", MeterKeysTest.K1)));
        m.ledger.as(
                DSO, () -> m.registry.approveMeter(m.ledger.ctx, MeterKeysTest.approval("meter-1", MeterKeysTest.K1)));
        m.ledger.as(
                AGG1,
                () -> m.registry.proposeMeterKey(m.ledger.ctx, MeterKeysTest.proposal("meter-1", MeterKeysTest.K2)));
        return m;
    }

    /** One mutation of a valid body: replace, drop or repeat a field, cut the text, or replace it all. */
    static String mutate(String valid, int mutation, int field, String value) {
        JsonObject object = JsonParser.parseString(valid).getAsJsonObject();
        List<String> names = List.copyOf(object.keySet());
        String name = names.get(field % names.size());
        Map<String, String> raw = new LinkedHashMap<>();
        object.entrySet().forEach(e -> raw.put(e.getKey(), e.getValue().toString()));
        return switch (mutation) {
            case 0 -> {
                raw.put(name, value); // a bad value in one field
                yield text(raw, "");
            }
            case 1 -> {
                raw.remove(name); // a missing field
                yield text(raw, "");
            }
            case 2 -> text(raw, "\"" + name + "\":" + value); // a duplicate field
            case 3 -> valid.substring(0, field % valid.length()); // a truncated body
            default -> value; // something else entirely
        };
    }

    private static String text(Map<String, String> raw, String extra) {
        String fields = raw.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
                .collect(Collectors.joining(","));
        return "{" + fields + (extra.isEmpty() ? "" : (fields.isEmpty() ? "" : ",") + extra) + "}";
    }

    private static void run(MarketFixture m, String target, String body) {
        switch (target) {
            case "offer" -> m.ledger.as(AGG1, () -> m.offers.createOffer(m.ledger.ctx, body));
            case "request" -> m.ledger.as(DSO, () -> m.requests.createRequest(m.ledger.ctx, body));
            case "order" -> m.ledger.as(DSO, () -> m.orders.createOrder(m.ledger.ctx, body));
            case "revocation" -> m.ledger.as(AGG1, () -> m.revocations.revokeOffer(m.ledger.ctx, body));
            case "congestionPoint" -> m.ledger.as(DSO, () -> m.registry.registerCongestionPoint(m.ledger.ctx, body));
            case "meterKey" -> m.ledger.as(AGG1, () -> m.registry.proposeMeterKey(m.ledger.ctx, body));
            case "meterApproval" -> m.ledger.as(DSO, () -> m.registry.approveMeter(m.ledger.ctx, body));
            default -> throw new IllegalArgumentException(target);
        }
    }
}
