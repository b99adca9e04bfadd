package io.flexledger.marketplaceapi.api;

import io.flexledger.domain.validation.ValidationException;
import io.flexledger.marketplaceapi.http.TextCheck;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A list's bookmark as the API hands it out and takes it back. The ledger's bookmark is the composite
 * key the next page starts at: U+0000, the index's name and its attributes, each followed by U+0000
 * (e.g. {@code \u0000offerByDay\u00002030-06-01\u0000o-17\u0000}). Control characters are refused in
 * every parameter, so the API writes that key in base64url (no padding) and reads it back only if it
 * decodes to such a key of the same list (its attributes include the list's own, e.g. its day): a
 * bookmark from another list, or one made up, never reaches the ledger, where it would move the start
 * of the range scan.
 */
final class Bookmarks {
    /** A composite key of a few ids and a day is well under this. */
    static final int MAX_LENGTH = 512;

    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]+");
    private static final char SEPARATOR = '\u0000';

    private Bookmarks() {}

    /** The API's bookmark for the ledger's ({@code ""}, the end of the list, stays {@code ""}). */
    static String apiBookmark(String ledgerBookmark) {
        if (ledgerBookmark.isEmpty()) {
            return "";
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ledgerBookmark.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The ledger's bookmark for the one a client passed back to the list whose attributes are
     * {@code keys}; 400 naming {@code bookmark} if it is not one this list handed out.
     */
    static String ledgerBookmark(String bookmark, List<String> keys) {
        if (bookmark == null || bookmark.isEmpty()) {
            return "";
        }
        if (bookmark.length() > MAX_LENGTH || !BASE64URL.matcher(bookmark).matches()) {
            throw invalid();
        }
        String key;
        try {
            key = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(bookmark)))
                    .toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw invalid();
        }
        if (key.length() < 3 || key.charAt(0) != SEPARATOR || key.charAt(key.length() - 1) != SEPARATOR) {
            throw invalid();
        }
        List<String> parts = Arrays.asList(key.substring(1, key.length() - 1).split(String.valueOf(SEPARATOR), -1));
        for (String part : parts) {
            if (part.isEmpty() || TextCheck.firstInvalid(part) >= 0) {
                throw invalid();
            }
        }
        List<String> attributes = parts.subList(1, parts.size());
        if (!attributes.containsAll(keys)) {
            throw invalid();
        }
        return key;
    }

    private static ValidationException invalid() {
        return new ValidationException(
                "bookmark", "must be the bookmark the previous page of this list gave, as it gave it (or empty)");
    }
}
