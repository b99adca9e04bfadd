package io.flexledger.marketplaceapi.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flexledger.domain.validation.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The ledger's bookmarks (composite keys, with U+0000 in them) travel as base64url and come back checked. */
class BookmarksTest {
    static final String LEDGER = "\u0000offerByDay\u00002030-06-01\u0000o-17\u0000";

    @Test
    void aLedgerBookmarkTravelsAsBase64UrlAndComesBackAsItWas() {
        String api = Bookmarks.apiBookmark(LEDGER);
        assertThat(api).matches("[A-Za-z0-9_-]+");
        assertThat(Bookmarks.ledgerBookmark(api, List.of("2030-06-01"))).isEqualTo(LEDGER);
    }

    @Test
    void theEndOfAListStaysEmpty() {
        assertThat(Bookmarks.apiBookmark("")).isEmpty();
        assertThat(Bookmarks.ledgerBookmark("", List.of("2030-06-01"))).isEmpty();
        assertThat(Bookmarks.ledgerBookmark(null, List.of("2030-06-01"))).isEmpty();
    }

    @Test
    void aBookmarkOfAnotherListIsRefused() {
        String api = Bookmarks.apiBookmark(LEDGER);
        assertRefused(api, List.of("2030-06-02"));
        assertRefused(Bookmarks.apiBookmark("\u0000deviceByAsset\u0000home-1\u0000m-1\u0000"), List.of("home-2"));
    }

    @Test
    void aBookmarkOfTheSameListWithItsKeysInAnyOrderIsTaken() {
        String versions = "\u0000baselineVersion\u00002030-06-01\u0000home-1\u00003\u0000";
        assertThat(Bookmarks.ledgerBookmark(Bookmarks.apiBookmark(versions), List.of("home-1", "2030-06-01")))
                .isEqualTo(versions);
    }

    @Test
    void whatTheLedgerNeverGaveIsRefused() {
        List<String> day = List.of("2030-06-01");
        assertRefused("not base64!", day);
        assertRefused("AG9mZmVy=", day);
        assertRefused("\u0000offerByDay", day);
        assertRefused(LEDGER, day);
        assertRefused("A".repeat(Bookmarks.MAX_LENGTH + 1), day);
        assertRefused(Bookmarks.apiBookmark("offerByDay\u00002030-06-01\u0000o-17\u0000"), day);
        assertRefused(Bookmarks.apiBookmark("\u0000offerByDay\u00002030-06-01\u0000o-17"), day);
        assertRefused(Bookmarks.apiBookmark("\u0000offerByDay\u00002030-06-01\u0000\u0000"), day);
        assertRefused(Bookmarks.apiBookmark("\u0000offerByDay\u00002030-06-01\u0000o\u000117\u0000"), day);
        assertRefused(Bookmarks.apiBookmark("\u0000"), day);
        // bytes that are not UTF-8
        assertRefused(
                Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {0, (byte) 0xc3, 0x28, 0}), day);
    }

    /** Whatever a client makes up, the answer is a bookmark of this list or a 400 naming it, never anything else. */
    @Property(tries = 2000)
    void madeUpBookmarksAreRefusedOrAreKeysOfThisList(@ForAll String madeUp) {
        try {
            String key = Bookmarks.ledgerBookmark(madeUp, List.of("2030-06-01"));
            if (!madeUp.isEmpty()) {
                assertThat(key).startsWith("\u0000").endsWith("\u0000").contains("\u00002030-06-01\u0000");
            }
        } catch (ValidationException e) {
            assertThat(e.violations().get(0).path()).isEqualTo("bookmark");
        }
    }

    @Property(tries = 500)
    void anyKeyOfThisListRoundTrips(@ForAll("ids") String id) {
        String key = "\u0000orderByDay\u00002030-06-01\u0000" + id + "\u0000";
        assertThat(Bookmarks.ledgerBookmark(Bookmarks.apiBookmark(key), List.of("2030-06-01")))
                .isEqualTo(key);
        assertThat(new String(Base64.getUrlDecoder().decode(Bookmarks.apiBookmark(key)), StandardCharsets.UTF_8))
                .isEqualTo(key);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> ids() {
        return net.jqwik.api.Arbitraries.strings()
                .alpha()
                .numeric()
                .withChars("._:-")
                .ofMinLength(1)
                .ofMaxLength(64);
    }

    private static void assertRefused(String bookmark, List<String> keys) {
        assertThatThrownBy(() -> Bookmarks.ledgerBookmark(bookmark, keys))
                .as(bookmark)
                .isInstanceOf(ValidationException.class)
                .satisfies(e -> assertThat(
                                ((ValidationException) e).violations().get(0).path())
                        .isEqualTo("bookmark"));
    }
}
