package io.tableos.db.sql.engine;

import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.func.ZonedCasts;
import io.tableos.db.storage.ColumnConversion;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

/**
 * The session settings a column conversion of ALTER COLUMN TYPE reads, as PostgreSQL's do:
 * TimeZone (timestamptz to and from local times and text), DateStyle (date/time to and from
 * text), IntervalStyle (interval to and from text). Replicas convert without the session, so
 * the TimeZone travels in each {@link ColumnConversion} and the final assignment cast honours it
 * ({@link ZonedCasts}). DateStyle and IntervalStyle do not travel: the engine reads and prints
 * only ISO and postgres, so a conversion that would read another fails here (0A000). So does a
 * USING expression over date/time values under any of them but UTC, ISO and postgres: its own
 * casts and functions are the engine's, which take the session to be in UTC.
 */
final class ConversionSettings {
    private ConversionSettings() {}

    private static final Set<SqlType> DATE_TIMES = Set.of(SqlType.DATE, SqlType.TIME, SqlType.TIMESTAMP, SqlType.TIMESTAMPTZ);
    private static final Set<SqlType> STRINGS = Set.of(SqlType.TEXT, SqlType.VARCHAR, SqlType.BPCHAR, SqlType.NAME);
    /** Words of a USING expression that make date/time values (types, functions, literals' prefixes). */
    private static final Set<String> DATE_TIME_WORDS = Set.of("date", "time", "timetz", "timestamp", "timestamptz", "interval", "zone",
            "to_char", "to_date", "to_timestamp", "date_trunc", "date_part", "extract", "age", "make_date", "make_time",
            "make_timestamp", "make_timestamptz", "make_interval", "justify_days", "justify_hours", "justify_interval", "timezone");

    /** The zone a conversion's TimeZone names; 0A000 for one the engine cannot read (the same on every replica). */
    static ZoneId zone(String timeZone) {
        String name = timeZone.strip();
        if (name.equalsIgnoreCase("utc") || name.equalsIgnoreCase("gmt") || name.equalsIgnoreCase("etc/utc") || name.equalsIgnoreCase("z")) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "time zone \"" + timeZone + "\" is not supported for converting column values;"
                    + " use a zone name such as America/New_York, or UTC");
        }
    }

    /**
     * The TimeZone the conversion of {@code column} (from {@code from}, or from USING's result
     * {@code result} over {@code original}'s columns) to {@code to} carries; 0A000 when it would
     * read a setting replicas cannot honour.
     */
    static String timeZoneFor(SqlSessionImpl session, TableDef original, DataType from, String usingSql, DataType result, DataType to) {
        String timeZone = session.setting("timezone") == null ? ColumnConversion.UTC : session.setting("timezone");
        boolean utc = zone(timeZone).equals(ZoneOffset.UTC);
        String dateStyle = String.valueOf(session.setting("datestyle")).toUpperCase(java.util.Locale.ROOT);
        boolean isoOutput = dateStyle.startsWith("ISO");
        boolean monthFirst = dateStyle.endsWith("MDY");
        boolean isoDates = isoOutput && monthFirst;
        boolean postgresIntervals = "postgres".equalsIgnoreCase(String.valueOf(session.setting("intervalstyle")));
        SqlType source = (usingSql == null || result == null ? from : result).type();
        if (source == SqlType.UNKNOWN) source = SqlType.TEXT; // a string literal
        // Printing reads DateStyle's output style, reading its field order.
        if (!isoOutput && DATE_TIMES.contains(source) && STRINGS.contains(to.type())) throw unsupported("DateStyle", session.setting("datestyle"));
        if (!monthFirst && STRINGS.contains(source) && DATE_TIMES.contains(to.type())) throw unsupported("DateStyle", session.setting("datestyle"));
        if (!postgresIntervals && textWithInterval(source, to.type())) {
            throw unsupported("IntervalStyle", session.setting("intervalstyle"));
        }
        if (usingSql != null && !(utc && isoDates && postgresIntervals) && readsDateTimes(original, usingSql)) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "USING expressions over date/time values are supported only under TimeZone UTC,"
                    + " DateStyle ISO, MDY and IntervalStyle postgres (this session: " + timeZone + "; " + session.setting("datestyle") + "; "
                    + session.setting("intervalstyle") + "): replicas evaluate them without the session");
        }
        return utc ? ColumnConversion.UTC : timeZone.strip();
    }

    private static boolean textWithInterval(SqlType a, SqlType b) {
        return (STRINGS.contains(a) && b == SqlType.INTERVAL) || (a == SqlType.INTERVAL && STRINGS.contains(b));
    }

    /** True when the expression names a date/time column of {@code table} or a date/time type or function. */
    private static boolean readsDateTimes(TableDef table, String usingSql) {
        List<String> names = RetypeDependents.namesOutsideLiterals(usingSql);
        for (String name : names) {
            if (DATE_TIME_WORDS.contains(name)) return true;
            int ordinal = table.columnOrdinal(name);
            if (ordinal < 0) continue;
            SqlType type = table.columns().get(ordinal).type().type();
            if (DATE_TIMES.contains(type) || type == SqlType.INTERVAL) return true;
        }
        return false;
    }

    private static DbException unsupported(String setting, String value) {
        return new DbException(SqlState.FEATURE_NOT_SUPPORTED, "converting between text and date/time values under " + setting + " " + value
                + " is not supported: replicas read and print them only as " + (setting.equals("DateStyle") ? "ISO, MDY" : "postgres") + " do");
    }
}
