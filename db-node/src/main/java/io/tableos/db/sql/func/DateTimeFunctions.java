package io.tableos.db.sql.func;

import static io.tableos.db.sql.func.FunctionRegistry.fixed;
import static io.tableos.db.sql.func.FunctionRegistry.lenient;
import static io.tableos.db.sql.func.FunctionRegistry.strict;
import static io.tableos.db.sql.func.FunctionRegistry.volatileFunction;
import static io.tableos.db.types.text.IntervalText.MICROS_PER_DAY;
import static io.tableos.db.types.text.IntervalText.MICROS_PER_HOUR;
import static io.tableos.db.types.text.IntervalText.MICROS_PER_MINUTE;
import static io.tableos.db.types.text.IntervalText.MICROS_PER_SECOND;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.Interval;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import io.tableos.db.types.text.DateTimeText;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Date/time functions. The session time zone is UTC, so a timestamptz is handled through its
 * UTC local date-time. now()/current_timestamp are the transaction's start, as in PostgreSQL.
 */
final class DateTimeFunctions {
    private DateTimeFunctions() {}

    static void register(Map<String, FunctionRegistry.Resolver> r) {
        ScalarFunction now = lenient(DataType.TIMESTAMPTZ, (a, c) -> c.transactionTimestamp());
        fixed(r, "now", 0, 0, now);
        fixed(r, "current_timestamp", 0, 1, now);
        fixed(r, "transaction_timestamp", 0, 0, now);
        fixed(r, "statement_timestamp", 0, 0, lenient(DataType.TIMESTAMPTZ, (a, c) -> c.statementTimestamp()));
        fixed(r, "clock_timestamp", 0, 0, volatileFunction(DataType.TIMESTAMPTZ,
                (a, c) -> OffsetDateTime.of(DateTimeText.truncateToMicros(LocalDateTime.now(ZoneOffset.UTC)), ZoneOffset.UTC)));
        fixed(r, "current_date", 0, 0, lenient(DataType.DATE, (a, c) -> utc(c.transactionTimestamp()).toLocalDate()));
        fixed(r, "localtimestamp", 0, 1, lenient(DataType.TIMESTAMP, (a, c) -> utc(c.transactionTimestamp())));
        fixed(r, "localtime", 0, 1, lenient(DataType.of(SqlType.TIME), (a, c) -> utc(c.transactionTimestamp()).toLocalTime()));
        r.put("date_trunc", DateTimeFunctions::dateTrunc);
        fixed(r, "date_part", 2, 2, strict(DataType.FLOAT8, (a, c) -> datePart(Args.text(a[0]), a[1])));
        r.put("age", t -> t.size() == 1 ? strict(DataType.INTERVAL, (a, c) -> age(utc(c.transactionTimestamp()).toLocalDate().atStartOfDay(), Args.timestamp(a[0])))
                : t.size() == 2 ? strict(DataType.INTERVAL, (a, c) -> age(Args.timestamp(a[0]), Args.timestamp(a[1]))) : null);
        fixed(r, "to_char", 2, 2, strict(DataType.TEXT, (a, c) -> ToChar.format(a[0], Args.text(a[1]))));
        r.put("to_timestamp", t -> t.size() == 1 ? strict(DataType.TIMESTAMPTZ, (a, c) -> fromEpoch(Args.doubleValue(a[0]))) : null);
        fixed(r, "make_interval", 0, 7, lenient(DataType.INTERVAL, (a, c) -> makeInterval(a)));
        fixed(r, "make_date", 3, 3, strict(DataType.DATE, (a, c) -> makeDate(Args.intValue(a[0]), Args.intValue(a[1]), Args.intValue(a[2]))));
        fixed(r, "justify_hours", 1, 1, strict(DataType.INTERVAL, (a, c) -> justifyHours((Interval) Casts.cast(a[0], DataType.INTERVAL))));
        fixed(r, "justify_days", 1, 1, strict(DataType.INTERVAL, (a, c) -> justifyDays((Interval) Casts.cast(a[0], DataType.INTERVAL))));
        r.put("timezone", t -> t.size() != 2 ? null : t.get(1).type() == SqlType.TIMESTAMP
                ? strict(DataType.TIMESTAMPTZ, (a, c) -> localToZone((LocalDateTime) a[1], zone(Args.text(a[0]))))
                : strict(DataType.TIMESTAMP, (a, c) -> zoneLocal(Args.timestampTz(a[1]), zone(Args.text(a[0])))));
    }

    static LocalDateTime utc(OffsetDateTime t) {
        return t.getOffset().equals(ZoneOffset.UTC) ? t.toLocalDateTime() : t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }

    private static ZoneId zone(String name) {
        try {
            String n = name.strip();
            if (n.equalsIgnoreCase("utc") || n.equalsIgnoreCase("gmt") || n.equalsIgnoreCase("z")) return ZoneOffset.UTC;
            return ZoneId.of(n);
        } catch (DateTimeException e) {
            throw FuncErrors.invalidParameter("time zone \"" + name + "\" not recognized");
        }
    }

    private static OffsetDateTime localToZone(LocalDateTime t, ZoneId zone) {
        return t.atZone(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static LocalDateTime zoneLocal(OffsetDateTime t, ZoneId zone) {
        return t.atZoneSameInstant(zone).toLocalDateTime();
    }

    private static ScalarFunction dateTrunc(List<DataType> t) {
        if (t.size() != 2 && t.size() != 3) return null;
        SqlType source = t.get(1).type();
        if (source == SqlType.INTERVAL) {
            return strict(DataType.INTERVAL, (a, c) -> truncInterval(Args.text(a[0]), (Interval) Casts.cast(a[1], DataType.INTERVAL)));
        }
        if (source == SqlType.TIMESTAMP) return strict(DataType.TIMESTAMP, (a, c) -> trunc(Args.text(a[0]), (LocalDateTime) a[1]));
        return strict(DataType.TIMESTAMPTZ, (a, c) -> {
            ZoneId zone = a.length == 3 ? zone(Args.text(a[2])) : ZoneOffset.UTC;
            LocalDateTime local = zoneLocal(Args.timestampTz(a[1]), zone);
            return localToZone(trunc(Args.text(a[0]), local), zone);
        });
    }

    static LocalDateTime trunc(String field, LocalDateTime t) {
        if (t.equals(LocalDateTime.MAX) || t.equals(LocalDateTime.MIN)) return t;
        switch (field.toLowerCase(Locale.ROOT)) {
            case "microseconds": return t.truncatedTo(ChronoUnit.MICROS);
            case "milliseconds": return t.truncatedTo(ChronoUnit.MILLIS);
            case "second": return t.truncatedTo(ChronoUnit.SECONDS);
            case "minute": return t.truncatedTo(ChronoUnit.MINUTES);
            case "hour": return t.truncatedTo(ChronoUnit.HOURS);
            case "day": return t.truncatedTo(ChronoUnit.DAYS);
            case "week": return t.toLocalDate().minusDays(t.getDayOfWeek().getValue() - 1).atStartOfDay();
            case "month": return t.toLocalDate().withDayOfMonth(1).atStartOfDay();
            case "quarter": return LocalDate.of(t.getYear(), (t.getMonthValue() - 1) / 3 * 3 + 1, 1).atStartOfDay();
            case "year": return LocalDate.of(t.getYear(), 1, 1).atStartOfDay();
            case "decade": return LocalDate.of(Math.floorDiv(t.getYear(), 10) * 10, 1, 1).atStartOfDay();
            case "century": return LocalDate.of(centuryStart(t.getYear()), 1, 1).atStartOfDay();
            case "millennium": return LocalDate.of(t.getYear() > 0 ? (t.getYear() - 1) / 1000 * 1000 + 1 : -((-t.getYear()) / 1000 * 1000) - 999, 1, 1).atStartOfDay();
            default: throw unitNotRecognized(field, "timestamp");
        }
    }

    private static int centuryStart(int year) {
        return year > 0 ? (year - 1) / 100 * 100 + 1 : -((-year) / 100 * 100) - 99;
    }

    private static Interval truncInterval(String field, Interval i) {
        long micros = i.micros();
        switch (field.toLowerCase(Locale.ROOT)) {
            case "microseconds": return i;
            case "milliseconds": return new Interval(i.months(), i.days(), micros / 1000 * 1000);
            case "second": return new Interval(i.months(), i.days(), micros / MICROS_PER_SECOND * MICROS_PER_SECOND);
            case "minute": return new Interval(i.months(), i.days(), micros / MICROS_PER_MINUTE * MICROS_PER_MINUTE);
            case "hour": return new Interval(i.months(), i.days(), micros / MICROS_PER_HOUR * MICROS_PER_HOUR);
            case "day": return new Interval(i.months(), i.days(), 0);
            case "month": return new Interval(i.months(), 0, 0);
            case "year": return new Interval(i.months() / 12 * 12, 0, 0);
            default: throw unitNotRecognized(field, "interval");
        }
    }

    private static DbException unitNotRecognized(String field, String type) {
        return new DbException(SqlState.FEATURE_NOT_SUPPORTED, type + " units \"" + field + "\" not supported");
    }

    /** date_part / EXTRACT for date, time, timestamp, timestamptz and interval values. */
    static Double datePart(String field, Object source) {
        String f = field.toLowerCase(Locale.ROOT);
        if (source instanceof String s) source = DateTimeFunctionsSupport.parseLenient(s);
        if (source instanceof Interval i) return intervalPart(f, i);
        if (source instanceof LocalTime t) return timePart(f, t, field);
        boolean withZone = source instanceof OffsetDateTime;
        LocalDateTime t = Args.timestamp(source);
        switch (f) {
            case "epoch": return t.toEpochSecond(ZoneOffset.UTC) + t.getNano() / 1e9;
            case "year": return (double) (t.getYear() > 0 ? t.getYear() : t.getYear() - 1);
            case "month": return (double) t.getMonthValue();
            case "day": return (double) t.getDayOfMonth();
            case "dow": return (double) (t.getDayOfWeek().getValue() % 7);
            case "isodow": return (double) t.getDayOfWeek().getValue();
            case "doy": return (double) t.getDayOfYear();
            case "week": return (double) t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case "isoyear": return (double) t.get(IsoFields.WEEK_BASED_YEAR);
            case "quarter": return (double) ((t.getMonthValue() - 1) / 3 + 1);
            case "decade": return (double) Math.floorDiv(t.getYear(), 10);
            case "century": return (double) (t.getYear() > 0 ? (t.getYear() + 99) / 100 : -((99 - (t.getYear() - 1)) / 100));
            case "millennium": return (double) (t.getYear() > 0 ? (t.getYear() + 999) / 1000 : -((999 - (t.getYear() - 1)) / 1000));
            case "julian": return (double) (t.toLocalDate().toEpochDay() + 2440588) + t.toLocalTime().toNanoOfDay() / 86_400e9;
            case "timezone": case "timezone_hour": case "timezone_minute":
                if (!withZone) throw unitNotRecognized(field, "timestamp");
                return 0.0;
            default: return timePart(f, t.toLocalTime(), field);
        }
    }

    private static Double timePart(String f, LocalTime t, String field) {
        switch (f) {
            case "hour": return (double) t.getHour();
            case "minute": return (double) t.getMinute();
            case "second": return t.getSecond() + t.getNano() / 1e9;
            case "milliseconds": return t.getSecond() * 1000 + t.getNano() / 1e6;
            case "microseconds": return t.getSecond() * 1e6 + t.getNano() / 1000;
            case "epoch": return t.toNanoOfDay() / 1e9;
            default: throw unitNotRecognized(field, "timestamp");
        }
    }

    private static Double intervalPart(String f, Interval i) {
        long micros = i.micros();
        switch (f) {
            case "epoch": return i.months() / 12 * 365.25 * 86400 + (i.months() % 12) * 30.0 * 86400 + i.days() * 86400.0 + micros / 1e6;
            case "year": return (double) (i.months() / 12);
            case "month": return (double) (i.months() % 12);
            case "day": return (double) i.days();
            case "hour": return (double) (micros / MICROS_PER_HOUR);
            case "minute": return (double) (micros / MICROS_PER_MINUTE % 60);
            case "second": return (micros % MICROS_PER_MINUTE) / 1e6;
            case "milliseconds": return (micros % MICROS_PER_MINUTE) / 1e3;
            case "microseconds": return (double) (micros % MICROS_PER_MINUTE);
            default: throw unitNotRecognized(f, "interval");
        }
    }

    /** age(a, b): a − b in years, months and days, borrowing field by field as PostgreSQL does. */
    static Interval age(LocalDateTime a, LocalDateTime b) {
        boolean negative = a.isBefore(b);
        LocalDateTime later = negative ? b : a, earlier = negative ? a : b;
        long micros = ChronoUnit.MICROS.between(earlier.toLocalTime(), later.toLocalTime());
        LocalDate laterDate = later.toLocalDate();
        if (micros < 0) {
            micros += MICROS_PER_DAY;
            laterDate = laterDate.minusDays(1);
        }
        int months = (laterDate.getYear() - earlier.getYear()) * 12 + laterDate.getMonthValue() - earlier.getMonthValue();
        int days = laterDate.getDayOfMonth() - earlier.getDayOfMonth();
        if (days < 0) {
            months--;
            days += earlier.toLocalDate().lengthOfMonth();
        }
        Interval result = new Interval(months, days, micros);
        return negative ? DateArithmetic.negate(result) : result;
    }

    private static OffsetDateTime fromEpoch(double seconds) {
        if (Double.isNaN(seconds)) throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp cannot be NaN");
        if (Double.isInfinite(seconds)) return seconds > 0 ? DateTimeText.TIMESTAMPTZ_INFINITY : DateTimeText.TIMESTAMPTZ_MINUS_INFINITY;
        long micros = Math.round(seconds * 1e6);
        return OffsetDateTime.of(LocalDateTime.of(1970, 1, 1, 0, 0).plus(micros, ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /** make_interval(years, months, weeks, days, hours, mins, secs); missing or null arguments are 0. */
    private static Interval makeInterval(Object[] a) {
        int years = a.length > 0 && a[0] != null ? Args.intValue(a[0]) : 0;
        int months = a.length > 1 && a[1] != null ? Args.intValue(a[1]) : 0;
        int weeks = a.length > 2 && a[2] != null ? Args.intValue(a[2]) : 0;
        int days = a.length > 3 && a[3] != null ? Args.intValue(a[3]) : 0;
        long hours = a.length > 4 && a[4] != null ? Args.longValue(a[4]) : 0;
        long minutes = a.length > 5 && a[5] != null ? Args.longValue(a[5]) : 0;
        double seconds = a.length > 6 && a[6] != null ? Args.doubleValue(a[6]) : 0;
        return new Interval(years * 12 + months, weeks * 7 + days,
                hours * MICROS_PER_HOUR + minutes * MICROS_PER_MINUTE + Math.round(seconds * MICROS_PER_SECOND));
    }

    private static LocalDate makeDate(int year, int month, int day) {
        try {
            return LocalDate.of(year < 0 ? year + 1 : year, month, day);
        } catch (DateTimeException e) {
            throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "date field value out of range: " + year + "-" + month + "-" + day);
        }
    }

    private static Interval justifyHours(Interval i) {
        return new Interval(i.months(), i.days() + (int) (i.micros() / MICROS_PER_DAY), i.micros() % MICROS_PER_DAY);
    }

    private static Interval justifyDays(Interval i) {
        return new Interval(i.months() + i.days() / 30, i.days() % 30, i.micros());
    }
}
