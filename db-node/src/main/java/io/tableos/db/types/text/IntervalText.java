package io.tableos.db.types.text;

import io.tableos.db.types.DbException;
import io.tableos.db.types.Interval;
import io.tableos.db.types.SqlState;
import java.util.Locale;

/**
 * interval text I/O. Output is IntervalStyle postgres ({@code 1 year 2 mons 3 days 04:05:06.5},
 * {@code -1 days +02:00:00}). Input accepts PostgreSQL's verbose form ({@code 1 day},
 * {@code 5 minutes}, {@code 1.5 hours}, {@code @ 1 day ago}, abbreviations like {@code 5min}),
 * a clock part {@code [-]hh:mm[:ss[.f]]}, a bare number (seconds), and ISO 8601
 * ({@code P1Y2M3DT4H5M6.5S}, {@code PT5M}, {@code P1W}).
 *
 * <p>Fractions spill downwards as in PostgreSQL: a fraction of a month becomes 30-day days,
 * a fraction of a day becomes microseconds.
 */
public final class IntervalText {
    private IntervalText() {}

    public static final long MICROS_PER_SECOND = 1_000_000L;
    public static final long MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
    public static final long MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
    public static final long MICROS_PER_DAY = 24 * MICROS_PER_HOUR;
    public static final int DAYS_PER_MONTH = 30;
    private static final String TYPE = "interval";

    // ---------------------------------------------------------------- output

    public static String format(Interval v) {
        StringBuilder out = new StringBuilder(32);
        boolean[] state = {true, false}; // isZero, isBefore — as in PostgreSQL's EncodeInterval
        addPart(out, v.months() / 12, "year", state);
        addPart(out, v.months() % 12, "mon", state);
        addPart(out, v.days(), "day", state);
        long micros = v.micros();
        if (state[0] || micros != 0) {
            boolean minus = micros < 0;
            long abs = Math.abs(micros);
            if (!state[0]) out.append(' ');
            if (minus) out.append('-');
            else if (state[1]) out.append('+');
            long hours = abs / MICROS_PER_HOUR;
            if (hours < 10) out.append('0');
            out.append(hours).append(':');
            DateTimeText.appendTwoDigits(out, (int) (abs / MICROS_PER_MINUTE % 60));
            out.append(':');
            DateTimeText.appendTwoDigits(out, (int) (abs / MICROS_PER_SECOND % 60));
            DateTimeText.appendFraction(out, (int) (abs % MICROS_PER_SECOND));
        }
        return out.toString();
    }

    private static void addPart(StringBuilder out, int value, String unit, boolean[] state) {
        if (value == 0) return;
        if (!state[0]) out.append(' ');
        if (state[1] && value > 0) out.append('+');
        out.append(value).append(' ').append(unit);
        if (value != 1) out.append('s');
        state[1] = value < 0;
        state[0] = false;
    }

    // ---------------------------------------------------------------- input

    public static Interval parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) throw TextErrors.invalidDateTime(TYPE, text);
        Accumulator acc = new Accumulator(text);
        if (s.charAt(0) == 'p') parseIso(s, acc);
        else parseVerbose(s, acc);
        return acc.result();
    }

    private static void parseVerbose(String s, Accumulator acc) {
        int i = 0, n = s.length();
        if (s.charAt(0) == '@') i++;
        boolean sawAnything = false;
        boolean ago = false;
        while (true) {
            while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == ',')) i++;
            if (i >= n) break;
            if (ago) throw acc.syntax();
            if (s.startsWith("ago", i) && (i + 3 == n || s.charAt(i + 3) == ' ')) {
                ago = true;
                i += 3;
                continue;
            }
            int start = i;
            if (s.charAt(i) == '+' || s.charAt(i) == '-') i++;
            while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
            if (i < n && s.charAt(i) == ':') {
                while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.' || s.charAt(i) == ':')) i++;
                acc.clock(s.substring(start, i));
                sawAnything = true;
                continue;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals("+") || number.equals("-")) throw acc.syntax();
            while (i < n && s.charAt(i) == ' ') i++;
            int unitStart = i;
            while (i < n && Character.isLetter(s.charAt(i))) i++;
            String unit = s.substring(unitStart, i);
            if (unit.isEmpty() || unit.equals("ago")) {
                if (unit.equals("ago")) i = unitStart;
                acc.add(number, MICROS_UNIT_SECOND);
            } else {
                acc.add(number, unitOf(unit, acc));
            }
            sawAnything = true;
        }
        if (!sawAnything) throw acc.syntax();
        if (ago) acc.negate();
    }

    private static void parseIso(String s, Accumulator acc) {
        int i = 1, n = s.length();
        boolean inTime = false;
        boolean sawAnything = false;
        while (i < n) {
            if (s.charAt(i) == 't') {
                if (inTime) throw acc.syntax();
                inTime = true;
                i++;
                continue;
            }
            int start = i;
            if (s.charAt(i) == '-' || s.charAt(i) == '+') i++;
            while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
            if (i == start || i >= n) throw acc.syntax();
            String number = s.substring(start, i);
            char designator = s.charAt(i++);
            int unit = switch (designator) {
                case 'y' -> inTime ? -1 : UNIT_YEAR;
                case 'm' -> inTime ? UNIT_MINUTE : UNIT_MONTH;
                case 'w' -> inTime ? -1 : UNIT_WEEK;
                case 'd' -> inTime ? -1 : UNIT_DAY;
                case 'h' -> inTime ? UNIT_HOUR : -1;
                case 's' -> inTime ? MICROS_UNIT_SECOND : -1;
                default -> -1;
            };
            if (unit < 0) throw acc.syntax();
            acc.add(number, unit);
            sawAnything = true;
        }
        if (!sawAnything) throw acc.syntax();
    }

    private static final int UNIT_MILLENNIUM = 0, UNIT_CENTURY = 1, UNIT_DECADE = 2, UNIT_YEAR = 3, UNIT_MONTH = 4,
            UNIT_WEEK = 5, UNIT_DAY = 6, UNIT_HOUR = 7, UNIT_MINUTE = 8, MICROS_UNIT_SECOND = 9,
            UNIT_MILLISECOND = 10, UNIT_MICROSECOND = 11;

    private static int unitOf(String unit, Accumulator acc) {
        return switch (unit) {
            case "millennium", "millennia", "millenniums", "mil", "mils" -> UNIT_MILLENNIUM;
            case "century", "centuries", "c", "cent" -> UNIT_CENTURY;
            case "decade", "decades", "dec", "decs" -> UNIT_DECADE;
            case "year", "years", "y", "yr", "yrs" -> UNIT_YEAR;
            case "month", "months", "mon", "mons" -> UNIT_MONTH;
            case "week", "weeks", "w" -> UNIT_WEEK;
            case "day", "days", "d" -> UNIT_DAY;
            case "hour", "hours", "h", "hr", "hrs" -> UNIT_HOUR;
            case "minute", "minutes", "m", "min", "mins" -> UNIT_MINUTE;
            case "second", "seconds", "s", "sec", "secs" -> MICROS_UNIT_SECOND;
            case "millisecond", "milliseconds", "ms", "msec", "msecs" -> UNIT_MILLISECOND;
            case "microsecond", "microseconds", "us", "usec", "usecs" -> UNIT_MICROSECOND;
            default -> throw acc.syntax();
        };
    }

    /** Sums parts in wide types, checking the final ranges once. */
    private static final class Accumulator {
        private final String text;
        private long months;
        private long days;
        private double micros;

        Accumulator(String text) {
            this.text = text;
        }

        DbException syntax() {
            return TextErrors.invalidDateTime(TYPE, text);
        }

        void add(String number, int unit) {
            double value;
            try {
                value = Double.parseDouble(number);
            } catch (NumberFormatException e) {
                throw syntax();
            }
            switch (unit) {
                case UNIT_MILLENNIUM -> addMonths(value * 12000);
                case UNIT_CENTURY -> addMonths(value * 1200);
                case UNIT_DECADE -> addMonths(value * 120);
                case UNIT_YEAR -> addMonths(Math.rint(value * 12)); // PostgreSQL rounds year fractions to whole months
                case UNIT_MONTH -> addMonths(value);
                case UNIT_WEEK -> addDays(value * 7);
                case UNIT_DAY -> addDays(value);
                case UNIT_HOUR -> micros += value * MICROS_PER_HOUR;
                case UNIT_MINUTE -> micros += value * MICROS_PER_MINUTE;
                case MICROS_UNIT_SECOND -> micros += value * MICROS_PER_SECOND;
                case UNIT_MILLISECOND -> micros += value * 1000;
                case UNIT_MICROSECOND -> micros += value;
                default -> throw new AssertionError(unit);
            }
        }

        private void addMonths(double value) {
            double whole = value < 0 ? Math.ceil(value) : Math.floor(value);
            months += (long) whole;
            addDays((value - whole) * DAYS_PER_MONTH);
        }

        private void addDays(double value) {
            double whole = value < 0 ? Math.ceil(value) : Math.floor(value);
            days += (long) whole;
            micros += (value - whole) * MICROS_PER_DAY;
        }

        /** [-]h:mm, [-]h:mm:ss[.f]. */
        void clock(String part) {
            boolean negative = part.startsWith("-");
            String body = part.startsWith("-") || part.startsWith("+") ? part.substring(1) : part;
            String[] pieces = body.split(":", -1);
            if (pieces.length < 2 || pieces.length > 3) throw syntax();
            try {
                long hours = Long.parseLong(pieces[0]);
                long minutes = Long.parseLong(pieces[1]);
                double seconds = pieces.length == 3 ? Double.parseDouble(pieces[2]) : 0;
                if (minutes > 59 || seconds >= 60 || pieces[1].length() != 2) throw TextErrors.dateTimeFieldOutOfRange(text);
                double total = hours * (double) MICROS_PER_HOUR + minutes * (double) MICROS_PER_MINUTE + seconds * MICROS_PER_SECOND;
                micros += negative ? -total : total;
            } catch (NumberFormatException e) {
                throw syntax();
            }
        }

        void negate() {
            months = -months;
            days = -days;
            micros = -micros;
        }

        Interval result() {
            double roundedMicros = Math.rint(micros);
            if (months != (int) months || days != (int) days || Math.abs(roundedMicros) > 9.2e18) {
                throw new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
            }
            return new Interval((int) months, (int) days, (long) roundedMicros);
        }
    }
}
