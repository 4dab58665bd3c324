package io.tableos.db.sql.func;

import static io.tableos.db.types.text.IntervalText.MICROS_PER_DAY;

import io.tableos.db.types.DbException;
import io.tableos.db.types.Interval;
import io.tableos.db.types.SqlState;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Date/time arithmetic as PostgreSQL does it: an interval is added months first (clamping
 * the day to the month's end), then days, then microseconds; timestamp − timestamp is
 * days + time with whole 24-hour spans turned into days (justify_hours).
 */
final class DateArithmetic {
    private DateArithmetic() {}

    static LocalDateTime plus(LocalDateTime t, Interval i, int sign) {
        if (t.equals(LocalDateTime.MAX) || t.equals(LocalDateTime.MIN)) return t;
        try {
            return t.plusMonths((long) sign * i.months()).plusDays((long) sign * i.days()).plus(sign * i.micros(), ChronoUnit.MICROS);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "timestamp out of range");
        }
    }

    static OffsetDateTime plus(OffsetDateTime t, Interval i, int sign) {
        LocalDateTime utc = t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        return OffsetDateTime.of(plus(utc, i, sign), ZoneOffset.UTC);
    }

    static LocalTime plus(LocalTime t, Interval i, int sign) {
        return t.plusNanos(Math.floorMod(sign * i.micros(), MICROS_PER_DAY) * 1000);
    }

    static LocalDate plusDays(LocalDate d, long days) {
        try {
            return d.plusDays(days);
        } catch (java.time.DateTimeException e) {
            throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "date out of range");
        }
    }

    static Interval difference(LocalDateTime a, LocalDateTime b) {
        long micros = ChronoUnit.MICROS.between(b, a);
        return new Interval(0, (int) (micros / MICROS_PER_DAY), micros % MICROS_PER_DAY);
    }

    static Interval difference(LocalTime a, LocalTime b) {
        return new Interval(0, 0, (a.toNanoOfDay() - b.toNanoOfDay()) / 1000);
    }

    static Interval add(Interval a, Interval b, int sign) {
        try {
            return new Interval(Math.addExact(a.months(), sign * b.months()), Math.addExact(a.days(), sign * b.days()),
                    Math.addExact(a.micros(), sign * b.micros()));
        } catch (ArithmeticException e) {
            throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
    }

    /** interval * factor: fractional months spill into days (30 per month), fractional days into microseconds. */
    static Interval multiply(Interval i, double factor) {
        if (Double.isNaN(factor) || Double.isInfinite(factor)) throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        double months = i.months() * factor;
        double wholeMonths = months < 0 ? Math.ceil(months) : Math.floor(months);
        double days = i.days() * factor + (months - wholeMonths) * 30;
        double wholeDays = days < 0 ? Math.ceil(days) : Math.floor(days);
        double micros = i.micros() * factor + (days - wholeDays) * MICROS_PER_DAY;
        if (Math.abs(wholeMonths) > Integer.MAX_VALUE || Math.abs(wholeDays) > Integer.MAX_VALUE || Math.abs(micros) > 9.2e18) {
            throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
        return new Interval((int) wholeMonths, (int) wholeDays, Math.round(micros));
    }

    static Interval negate(Interval i) {
        return new Interval(-i.months(), -i.days(), -i.micros());
    }

    /** Compares intervals by total span, a month counting 30 days, without overflowing a long. */
    static int compare(Interval a, Interval b) {
        long daysA = a.months() * 30L + a.days() + a.micros() / MICROS_PER_DAY;
        long daysB = b.months() * 30L + b.days() + b.micros() / MICROS_PER_DAY;
        long restA = a.micros() % MICROS_PER_DAY, restB = b.micros() % MICROS_PER_DAY;
        if (restA < 0) { restA += MICROS_PER_DAY; daysA--; }
        if (restB < 0) { restB += MICROS_PER_DAY; daysB--; }
        int c = Long.compare(daysA, daysB);
        return c != 0 ? c : Long.compare(restA, restB);
    }
}
