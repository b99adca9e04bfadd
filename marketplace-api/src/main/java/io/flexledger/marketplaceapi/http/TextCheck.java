package io.flexledger.marketplaceapi.http;

/**
 * The characters a parameter may not hold: control characters (C0, DEL, C1), invisible formatting
 * characters (e.g. U+202E, which reverses how text reads), surrogates, private-use and unassigned code
 * points (U+FFFE and U+FFFF among them), line and paragraph separators, and U+FFFD, the mark of a
 * byte sequence that was not UTF-8. No identifier, day, number or bookmark of this API holds one, and
 * none may reach the ledger.
 */
public final class TextCheck {
    private TextCheck() {}

    /** The index of the first character of {@code text} a parameter may not hold, or -1. */
    public static int firstInvalid(String text) {
        return firstInvalid(text, false);
    }

    /**
     * As {@link #firstInvalid(String)}; with {@code freeText} a tab, line feed or carriage return is
     * allowed (a reason or a note may have lines).
     */
    public static int firstInvalid(String text, boolean freeText) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (!allowed(cp) && !(freeText && (cp == '\t' || cp == '\n' || cp == '\r'))) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /** Why the character at {@code index} of {@code text} is refused, e.g. "contains the control character U+0001 at position 3". */
    public static String describe(String text, int index) {
        int cp = text.codePointAt(index);
        return "contains " + kind(cp) + " " + String.format("U+%04X", cp) + " at position " + index
                + " (control, formatting, private-use, unassigned and replacement characters are refused)";
    }

    private static boolean allowed(int cp) {
        if (cp == 0xFFFD) {
            return false;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }

    private static String kind(int cp) {
        if (cp == 0xFFFD) {
            return "the replacement character";
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL -> "the control character";
            case Character.FORMAT -> "the formatting character";
            case Character.SURROGATE -> "the unpaired surrogate";
            case Character.PRIVATE_USE -> "the private-use character";
            case Character.UNASSIGNED -> "the unassigned code point";
            default -> "the separator";
        };
    }
}
