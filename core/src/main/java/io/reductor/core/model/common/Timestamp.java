package io.reductor.core.model.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Objects;

/**
 * A date-time as the Reducto API sends it. The spec says ISO-8601 date-time, but the live service sends some without a
 * zone offset ({@code "2026-02-27T23:11:39.787917"}); those are read as UTC. The wire text is kept exactly, so a value
 * is written back as it was received, and is parsed only when asked.
 *
 * @param value the text on the wire
 */
public record Timestamp(@JsonValue String value) {

    private static final DateTimeFormatter LENIENT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .parseDefaulting(ChronoField.OFFSET_SECONDS, 0)
            .toFormatter();

    /** Wraps the wire text; it is not parsed until {@link #toOffsetDateTime()} or {@link #toInstant()}. */
    @JsonCreator
    public Timestamp {
        Objects.requireNonNull(value, "value");
    }

    /** A timestamp for {@code instant}, written in UTC with an offset. */
    public static Timestamp of(Instant instant) {
        return new Timestamp(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC)));
    }

    /**
     * The date-time, with offset UTC when the wire text has none.
     *
     * @throws DateTimeParseException when the text is not an ISO-8601 date-time
     */
    public OffsetDateTime toOffsetDateTime() {
        return OffsetDateTime.parse(value, LENIENT);
    }

    /**
     * The instant, taking UTC when the wire text has no offset.
     *
     * @throws DateTimeParseException when the text is not an ISO-8601 date-time
     */
    public Instant toInstant() {
        return toOffsetDateTime().toInstant();
    }

    @Override
    public String toString() {
        return value;
    }
}
