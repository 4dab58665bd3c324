package io.tableos.db.sql.func;

import io.tableos.db.types.DataType;
import io.tableos.db.types.SqlType;
import io.tableos.db.types.text.DateTimeText;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * Assignment casts that read the session's TimeZone, as PostgreSQL makes them: between
 * timestamptz and date, timestamp, time or a string type, and from a string to timestamptz.
 * The engine's own casts ({@link Casts}) take the session to be in UTC; ALTER COLUMN TYPE
 * converts through these with the TimeZone its log entry carries, so every replica gets
 * PostgreSQL's values whatever its own clock's zone. Every other cast is {@link Casts#cast}.
 */
public final class ZonedCasts {
    private ZonedCasts() {}

    private static final Set<SqlType> STRINGS = Set.of(SqlType.TEXT, SqlType.VARCHAR, SqlType.BPCHAR, SqlType.NAME);
    private static final Set<SqlType> LOCAL_TIMES = Set.of(SqlType.DATE, SqlType.TIMESTAMP, SqlType.TIME);

    /** {@code value} cast to {@code to} as an assignment under TimeZone {@code zone}. */
    public static Object cast(Object value, DataType to, ZoneId zone) {
        if (value == null || zone.equals(ZoneOffset.UTC)) return Casts.cast(value, to);
        SqlType t = to.type();
        if (value instanceof OffsetDateTime instant && t != SqlType.TIMESTAMPTZ) {
            if (STRINGS.contains(t)) return Casts.cast(DateTimeText.formatTimestampTz(instant, zone), to);
            if (LOCAL_TIMES.contains(t) && !isInfinite(instant)) return Casts.cast(instant.atZoneSameInstant(zone).toLocalDateTime(), to);
        } else if (t == SqlType.TIMESTAMPTZ) {
            if (value instanceof LocalDate date && !date.equals(LocalDate.MAX) && !date.equals(LocalDate.MIN)) {
                return Casts.cast(DateTimeText.inZone(date.atStartOfDay(), zone), to);
            }
            if (value instanceof LocalDateTime local) return Casts.cast(DateTimeText.inZone(local, zone), to);
            if (value instanceof String text) return Casts.cast(DateTimeText.parseTimestampTz(text, zone), to);
        }
        return Casts.cast(value, to);
    }

    private static boolean isInfinite(OffsetDateTime instant) {
        return instant.equals(DateTimeText.TIMESTAMPTZ_INFINITY) || instant.equals(DateTimeText.TIMESTAMPTZ_MINUS_INFINITY);
    }
}
