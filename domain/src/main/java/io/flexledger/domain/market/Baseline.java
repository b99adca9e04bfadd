package io.flexledger.domain.market;

import io.flexledger.domain.time.MarketPeriod;
import io.flexledger.domain.units.Kilowatts;
import io.flexledger.domain.validation.Violations;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A home's D-prognosis: its expected net load (import positive, export negative) in every slot of a
 * day, the reference against which delivered flexibility is measured.
 *
 * @param assetId the home
 * @param period the day
 * @param kwBySlot the expected average net load of every slot, exactly one entry per slot
 */
public record Baseline(String assetId, MarketPeriod period, List<Kilowatts> kwBySlot) {
    /** Salts are 16 to 64 random bytes in lower-case hex. */
    public static final String SALT_PATTERN = "([0-9a-f]{2}){16,64}";

    public Baseline {
        Violations v = new Violations();
        v.id(assetId, "assetId");
        v.present(period, "period");
        if (v.present(kwBySlot, "kwBySlot") && period != null) {
            // A prognosis covers the whole day, one value per slot.
            v.check(
                    kwBySlot.size() == period.slotCount(),
                    "kwBySlot",
                    "must have " + period.slotCount() + " entries, one per slot");
            for (int i = 0; i < kwBySlot.size(); i++) {
                v.present(kwBySlot.get(i), "kwBySlot[" + i + "]");
            }
        }
        v.throwIfAny();
        kwBySlot = List.copyOf(kwBySlot);
    }

    /**
     * The text that is hashed for a commitment: {@code assetId|day|kw0,kw1,...|salt}, with every kW
     * in its canonical form (three decimals).
     */
    public String canonicalText(String saltHex) {
        checkSalt(saltHex);
        return assetId + "|" + period.day() + "|"
                + kwBySlot.stream().map(Kilowatts::toString).collect(Collectors.joining(",")) + "|" + saltHex;
    }

    /** The commitment hash: SHA-256 of {@link #canonicalText(String)} in UTF-8, lower-case hex. */
    public String commitmentHash(String saltHex) {
        return sha256Hex(canonicalText(saltHex));
    }

    /** Throws if {@code saltHex} is not a valid salt. */
    public static void checkSalt(String saltHex) {
        Violations v = new Violations();
        // A salt keeps a low-entropy prognosis from being guessed from its hash.
        if (v.present(saltHex, "salt")) {
            v.check(saltHex.matches(SALT_PATTERN), "salt", "must be 16 to 64 bytes in lower-case hex");
        }
        v.throwIfAny();
    }

    /** SHA-256 of a UTF-8 string, in lower-case hex. */
    public static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
