package dev.churnops.local.asl;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
  * RFC 3339 timestamps as the States Language uses them in {@code Wait} states, {@code Timestamp*}
  * comparisons and the context object. Step Functions insists on an upper-case {@code T} and
  * {@code Z}, so a value Java would accept leniently but AWS would not is rejected here as well.
  */
final class Timestamps {

    private static final Pattern RFC3339 = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
    private static final DateTimeFormatter CONTEXT_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    static Optional<Instant> parse(String text) {
        if (text == null || !RFC3339.matcher(text).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Millisecond precision in UTC, the shape Step Functions uses in the context object. */
    static String format(Instant instant) {
        return CONTEXT_FORMAT.format(instant);
    }
}
