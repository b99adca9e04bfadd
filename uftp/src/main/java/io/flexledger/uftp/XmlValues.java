package io.flexledger.uftp;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** How the schema's simple types are read and written; a value that does not fit is refused. */
final class XmlValues {
    private XmlValues() {}

    /** xs:dateTime with its offset (the specification asks for the time zone in every time stamp). */
    static final class DateTime extends XmlAdapter<String, OffsetDateTime> {
        @Override
        public OffsetDateTime unmarshal(String value) {
            if (value == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a date-time with offset (xs:dateTime): '" + value + "'");
            }
        }

        @Override
        public String marshal(OffsetDateTime value) {
            if (value == null) {
                return null;
            }
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value);
        }
    }

    /** xs:date, without offset. */
    static final class Date extends XmlAdapter<String, LocalDate> {
        @Override
        public LocalDate unmarshal(String value) {
            if (value == null) {
                return null;
            }
            try {
                return LocalDate.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a date (yyyy-mm-dd): '" + value + "'");
            }
        }

        @Override
        public String marshal(LocalDate value) {
            if (value == null) {
                return null;
            }
            return value.toString();
        }
    }

    /** xs:duration as used for ISP-Duration (PT15M); durations in months or years are refused. */
    static final class IspDuration extends XmlAdapter<String, Duration> {
        @Override
        public Duration unmarshal(String value) {
            if (value == null) {
                return null;
            }
            try {
                return Duration.parse(value.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "not a duration in days, hours or minutes (e.g. PT15M): '" + value + "'");
            }
        }

        @Override
        public String marshal(Duration value) {
            if (value == null) {
                return null;
            }
            return value.toString();
        }
    }

    /** The schema's UUIDType: five groups of hexadecimal digits, 8-4-4-4-12. */
    static final class Uuid extends XmlAdapter<String, UUID> {
        private static final Pattern FORM =
                Pattern.compile("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");

        @Override
        public UUID unmarshal(String value) {
            if (value == null) {
                return null;
            }
            String v = value.trim();
            if (!FORM.matcher(v).matches()) {
                throw new IllegalArgumentException("not a UUID (8-4-4-4-12 hexadecimal digits): '" + value + "'");
            }
            return UUID.fromString(v.toLowerCase(Locale.ROOT));
        }

        @Override
        public String marshal(UUID value) {
            if (value == null) {
                return null;
            }
            return value.toString();
        }
    }
}
