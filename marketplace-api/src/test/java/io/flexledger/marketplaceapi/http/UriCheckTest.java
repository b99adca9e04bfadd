package io.flexledger.marketplaceapi.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Request targets as they arrive: the well-formed pass, the rest are named by the part at fault. */
class UriCheckTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/offers/o-1",
                "/api/offers?day=2030-06-01&pageSize=50&bookmark=AG9mZmVy",
                "/api/offers?day=2030-06-01&congestionPointId=F1&state=OFFERED&slot=68",
                "/api/baselines/2030-06-01/home-1/versions?pageSize=100&bookmark=",
                "/api/ledger/blocks/7?format=json",
                "/q/health/ready",
                "/api/offers?",
                "/api/offers?&&day=2030-06-01&",
                "/api/offers?note=caf%C3%A9+au+lait",
                "/api/offers/%C3%A9t%C3%A9",
                "http://127.0.0.1:8082/api/offers/o-1?day=2030-06-01",
                "*"
            })
    void wellFormedTargetsPass(String target) {
        assertThat(UriCheck.firstFault(target)).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                // invalid percent-encoding in the path
                "/api/offers/%zz                         | path",
                "/api/offers/abc%                        | path",
                "/api/offers/abc%4                       | path",
                "/api/offers/%G0/revocation              | path",
                "http://host/api/offers/%zz              | path",
                // bytes that are not UTF-8
                "/api/offers/%C3%28                      | path",
                "/api/offers/%ED%A0%80                   | path",
                "/api/offers/%C0%AF                      | path",
                "/api/offers/%FF                         | path",
                // characters that must be escaped
                "/api/offers/a b                         | path",
                "/api/offers/a\"b                        | path",
                "/api/offers/{id}                        | path",
                "/api/offers/a#b                         | path",
                // the query: a parameter named by its name, or the query when the name is at fault
                "/api/offers?day=%zz                     | $.day",
                "/api/offers?day=%E0%A4%A                | $.day",
                "/api/offers?day=2030-06-01&bookmark=%00 | $.bookmark",
                "/api/offers?pageSize=%01                | $.pageSize",
                "/api/offers?slot=6%7F8                  | $.slot",
                "/api/offers?state=%C2%85                | $.state",
                "/api/offers?id=a%E2%80%AEb              | $.id",
                "/api/offers?id=%EF%BF%BF                | $.id",
                "/api/offers?id=%EF%BF%BD                | $.id",
                "/api/offers?id=%F3%B0%80%80             | $.id",
                "/api/offers?day=a[b                     | $.day",
                "/api/offers?%zz=1                       | query",
                "/api/offers?a%00b=1                     | query",
                "/api/offers?%C3=1                       | query"
            })
    void malformedTargetsAreNamedByTheirPart(String target, String part) {
        UriCheck.Fault fault = UriCheck.firstFault(target);
        assertThat(fault).as(target).isNotNull();
        assertThat(fault.field()).as(target + " -> " + fault).isEqualTo(part);
        assertThat(fault.reason()).isNotBlank();
    }

    @Test
    void theReasonSaysWhereAndWhat() {
        assertThat(UriCheck.firstFault("/api/offers/%zz").reason())
                .isEqualTo("has an invalid percent-encoding at position 12: \"%zz\" (a % starts two hex digits)");
        assertThat(UriCheck.firstFault("/api/offers?bookmark=ab%01").reason())
                .startsWith("contains the control character U+0001 at position 2");
        assertThat(UriCheck.firstFault("/api/offers/%C3%28").reason()).isEqualTo("is not UTF-8 once percent-decoded");
    }

    /** Any text a client percent-encodes properly passes, unless it holds a refused character. */
    @Property(tries = 2000)
    void properlyEncodedTextPassesUnlessItHoldsARefusedCharacter(@ForAll("anyText") String value) {
        String target = "/api/offers?day=2030-06-01&bookmark=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        UriCheck.Fault fault = UriCheck.firstFault(target);
        if (TextCheck.firstInvalid(value) >= 0) {
            assertThat(fault).as(target).isNotNull();
            assertThat(fault.field()).isEqualTo("$.bookmark");
        } else {
            assertThat(fault).as(target).isNull();
        }
    }

    /** A control character in any parameter is named by that parameter, wherever it sits in the value. */
    @Property(tries = 2000)
    void aControlCharacterIsNamedByItsParameter(
            @ForAll("names") String name, @ForAll("ids") String value, @ForAll("controls") char control) {
        String bad = value.substring(0, value.length() / 2) + control + value.substring(value.length() / 2);
        String target = "/api/offers?day=2030-06-01&" + name + "=" + URLEncoder.encode(bad, StandardCharsets.UTF_8);
        UriCheck.Fault fault = UriCheck.firstFault(target);
        assertThat(fault).as(target).isNotNull();
        assertThat(fault.field()).isEqualTo("$." + name);
        assertThat(fault.reason()).contains(String.format("U+%04X", (int) control));
    }

    /** A broken escape anywhere in the path or the query is refused, never passed on to be decoded. */
    @Property(tries = 2000)
    void aBrokenEscapeIsRefused(@ForAll("ids") String id, @ForAll("brokenEscapes") String escape) {
        assertThat(UriCheck.firstFault("/api/offers/" + id + escape)).isNotNull();
        // followed by a character that is not a hex digit, so that "%4" stays broken
        assertThat(UriCheck.firstFault("/api/offers/" + escape + "~" + id + "/revocation"))
                .isNotNull();
        UriCheck.Fault inQuery = UriCheck.firstFault("/api/orders?day=" + id + escape);
        assertThat(inQuery).isNotNull();
        assertThat(inQuery.field()).isEqualTo("$.day");
    }

    @Provide
    Arbitrary<String> anyText() {
        // text, not lone surrogates: what a client can encode as UTF-8
        return Arbitraries.strings()
                .all()
                .ofMaxLength(30)
                .filter(s -> new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.of("bookmark", "pageSize", "day", "slot", "state", "congestionPointId", "format", "other");
    }

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.strings()
                .withCharRange('a', 'z')
                .numeric()
                .ofMinLength(1)
                .ofMaxLength(20);
    }

    @Provide
    Arbitrary<Character> controls() {
        return Arbitraries.oneOf(
                Arbitraries.chars().range('\u0000', '\u001f'),
                Arbitraries.chars().range('\u007f', '\u009f'));
    }

    @Provide
    Arbitrary<String> brokenEscapes() {
        return Arbitraries.oneOf(
                Arbitraries.of("%", "%4", "%zz", "%G1", "%-1", "%%", "%\u00e9"),
                Arbitraries.chars()
                        .with("GHIJKLMNOPQRSTUVWXYZghijklmnopqrstuvwxyz")
                        .map(c -> "%" + c + "0"));
    }
}
