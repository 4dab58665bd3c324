package io.tableos.db.types.text;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * date, time, timestamp and timestamptz text I/O with DateStyle ISO and TimeZone UTC.
 *
 * <p>Input: ISO dates, a blank or 'T' between date and time, fractional seconds (rounded to
 * microseconds), an offset ({@code Z}, {@code +05}, {@code +0530}, {@code +05:30}) or a zone
 * name ({@code UTC}, {@code Europe/Paris}), a trailing {@code BC}, and the special words
 * infinity, -infinity, epoch, now, today, tomorrow, yesterday. A timestamp without time zone
 * ignores a given offset, as PostgreSQL does.
 *
 * <p>Infinity is represented by the MAX/MIN values of the Java types (for timestamptz:
 * {@link #TIMESTAMPTZ_INFINITY}, {@link #TIMESTAMPTZ_MINUS_INFINITY}).
 */
public final class DateTimeText {
    private DateTimeText() {}

    public static final OffsetDateTime TIMESTAMPTZ_INFINITY = OffsetDateTime.of(LocalDateTime.MAX, ZoneOffset.UTC);
    public static final OffsetDateTime TIMESTAMPTZ_MINUS_INFINITY = OffsetDateTime.of(LocalDateTime.MIN, ZoneOffset.UTC);
    private static final int NANOS_PER_MICRO = 1000;

    // ---------------------------------------------------------------- output

    public static String formatDate(LocalDate d) {
        if (d.equals(LocalDate.MAX)) return "infinity";
        if (d.equals(LocalDate.MIN)) return "-infinity";
        StringBuilder out = new StringBuilder(13);
        appendDate(out, d);
        appendEra(out, d.getYear());
        return out.toString();
    }

    public static String formatTime(LocalTime t) {
        StringBuilder out = new StringBuilder(15);
        appendTime(out, t);
        return out.toString();
    }

    public static String formatTimestamp(LocalDateTime ts) {
        if (ts.equals(LocalDateTime.MAX)) return "infinity";
        if (ts.equals(LocalDateTime.MIN)) return "-infinity";
        StringBuilder out = new StringBuilder(29);
        appendDate(out, ts.toLocalDate());
        out.append(' ');
        appendTime(out, ts.toLocalTime());
        appendEra(out, ts.getYear());
        return out.toString();
    }

    /** Always printed in UTC with offset "+00", the session time zone being UTC. */
    public static String formatTimestampTz(OffsetDateTime ts) {
        return formatTimestampTz(ts, ZoneOffset.UTC);
    }

    /**
     * As PostgreSQL prints it (DateStyle ISO) under TimeZone {@code zone}: the local time there
     * and its offset, as {@code -05}, {@code +05:30} or {@code -04:56:02}.
     */
    public static String formatTimestampTz(OffsetDateTime ts, ZoneId zone) {
        if (ts.equals(TIMESTAMPTZ_INFINITY)) return "infinity";
        if (ts.equals(TIMESTAMPTZ_MINUS_INFINITY)) return "-infinity";
        OffsetDateTime there = zone.equals(ZoneOffset.UTC) && ts.getOffset().equals(ZoneOffset.UTC) ? ts : ts.atZoneSameInstant(zone).toOffsetDateTime();
        LocalDateTime local = there.toLocalDateTime();
        StringBuilder out = new StringBuilder(32);
        appendDate(out, local.toLocalDate());
        out.append(' ');
        appendTime(out, local.toLocalTime());
        appendOffset(out, there.getOffset().getTotalSeconds());
        appendEra(out, local.getYear());
        return out.toString();
    }

    private static void appendOffset(StringBuilder out, int offsetSeconds) {
        int abs = Math.abs(offsetSeconds);
        out.append(offsetSeconds < 0 ? '-' : '+');
        appendTwoDigits(out, abs / 3600);
        if (abs % 3600 != 0) {
            out.append(':');
            appendTwoDigits(out, abs / 60 % 60);
            if (abs % 60 != 0) {
                out.append(':');
                appendTwoDigits(out, abs % 60);
            }
        }
    }

    private static void appendDate(StringBuilder out, LocalDate d) {
        int year = d.getYear();
        int shownYear = year > 0 ? year : 1 - year;
        if (shownYear < 1000) {
            if (shownYear < 10) out.append("000");
            else if (shownYear < 100) out.append("00");
            else out.append('0');
        }
        out.append(shownYear).append('-');
        appendTwoDigits(out, d.getMonthValue());
        out.append('-');
        appendTwoDigits(out, d.getDayOfMonth());
    }

    private static void appendEra(StringBuilder out, int year) {
        if (year <= 0) out.append(" BC");
    }

    static void appendTime(StringBuilder out, LocalTime t) {
        appendTwoDigits(out, t.getHour());
        out.append(':');
        appendTwoDigits(out, t.getMinute());
        out.append(':');
        appendTwoDigits(out, t.getSecond());
        appendFraction(out, t.getNano() / NANOS_PER_MICRO);
    }

    /** ".5" / ".123456": microseconds without trailing zeros; nothing when zero. */
    static void appendFraction(StringBuilder out, int micros) {
        if (micros == 0) return;
        out.append('.');
        int divisor = 100_000;
        while (micros != 0) {
            out.append((char) ('0' + micros / divisor));
            micros %= divisor;
            divisor /= 10;
        }
    }

    static void appendTwoDigits(StringBuilder out, int value) {
        if (value < 10) out.append('0');
        out.append(value);
    }

    // ---------------------------------------------------------------- input

    public static LocalDate parseDate(String text) {
        String special = text.strip().toLowerCase(Locale.ROOT);
        switch (special) {
            case "infinity": case "+infinity": return LocalDate.MAX;
            case "-infinity": return LocalDate.MIN;
            case "epoch": return LocalDate.EPOCH;
            case "today": case "now": return LocalDate.now(ZoneOffset.UTC);
            case "tomorrow": return LocalDate.now(ZoneOffset.UTC).plusDays(1);
            case "yesterday": return LocalDate.now(ZoneOffset.UTC).minusDays(1);
            default: break;
        }
        Fields f = scan(text, "date");
        return f.date(text);
    }

    public static LocalTime parseTime(String text) {
        String s = text.strip();
        if (s.equalsIgnoreCase("allballs")) return LocalTime.MIDNIGHT;
        Scanner sc = new Scanner(s, text, "time");
        Fields f = new Fields();
        sc.time(f);
        sc.zoneAndEra(f);
        if (!sc.atEnd()) throw TextErrors.invalidDateTime("time", text);
        LocalDateTime t = f.atDate(LocalDate.EPOCH, text);
        return t.toLocalTime();
    }

    public static LocalDateTime parseTimestamp(String text) {
        String special = text.strip().toLowerCase(Locale.ROOT);
        switch (special) {
            case "infinity": case "+infinity": return LocalDateTime.MAX;
            case "-infinity": return LocalDateTime.MIN;
            case "epoch": return LocalDateTime.of(1970, 1, 1, 0, 0);
            case "now": return truncateToMicros(LocalDateTime.now(ZoneOffset.UTC));
            case "today": return LocalDate.now(ZoneOffset.UTC).atStartOfDay();
            case "tomorrow": return LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay();
            case "yesterday": return LocalDate.now(ZoneOffset.UTC).minusDays(1).atStartOfDay();
            default: break;
        }
        Fields f = scan(text, "timestamp");
        return f.atDate(f.date(text), text);
    }

    public static OffsetDateTime parseTimestampTz(String text) {
        return parseTimestampTz(text, ZoneOffset.UTC);
    }

    /**
     * As PostgreSQL reads it under TimeZone {@code sessionZone}: a time without an offset or
     * zone of its own is local time there (in a spring-forward gap, the offset before it; when
     * ambiguous, the one after the jump back, as PostgreSQL resolves them).
     */
    public static OffsetDateTime parseTimestampTz(String text, ZoneId sessionZone) {
        String special = text.strip().toLowerCase(Locale.ROOT);
        switch (special) {
            case "infinity": case "+infinity": return TIMESTAMPTZ_INFINITY;
            case "-infinity": return TIMESTAMPTZ_MINUS_INFINITY;
            default: break;
        }
        if (special.equals("epoch") || special.equals("now") || special.equals("today")
                || special.equals("tomorrow") || special.equals("yesterday")) {
            return OffsetDateTime.of(parseTimestamp(text), ZoneOffset.UTC);
        }
        Fields f = scan(text, "timestamp with time zone");
        LocalDateTime local = f.atDate(f.date(text), text);
        if (f.zone != null) {
            try {
                return local.atZone(f.zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                throw TextErrors.dateTimeFieldOutOfRange(text);
            }
        }
        if (!f.zoneGiven && !sessionZone.equals(ZoneOffset.UTC)) return inZone(local, sessionZone);
        if (f.offsetSeconds == 0) return OffsetDateTime.of(local, ZoneOffset.UTC);
        return local.minusSeconds(f.offsetSeconds).atOffset(ZoneOffset.UTC);
    }

    /** Local time {@code local} in {@code zone}, as an instant in UTC; gaps and overlaps resolved as PostgreSQL does. */
    public static OffsetDateTime inZone(LocalDateTime local, ZoneId zone) {
        if (local.equals(LocalDateTime.MAX)) return TIMESTAMPTZ_INFINITY;
        if (local.equals(LocalDateTime.MIN)) return TIMESTAMPTZ_MINUS_INFINITY;
        return java.time.ZonedDateTime.ofLocal(local, zone, null).withLaterOffsetAtOverlap().toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
    }

    public static LocalDateTime truncateToMicros(LocalDateTime t) {
        return t.withNano(t.getNano() / NANOS_PER_MICRO * NANOS_PER_MICRO);
    }

    private static Fields scan(String text, String typeName) {
        Scanner sc = new Scanner(text.strip(), text, typeName);
        Fields f = new Fields();
        sc.date(f);
        if (sc.timeFollows()) sc.time(f);
        sc.zoneAndEra(f);
        if (!sc.atEnd()) throw TextErrors.invalidDateTime(typeName, text);
        return f;
    }

    /** What the scanner found; unset time fields stay 0. */
    private static final class Fields {
        int year, month, day, hour, minute, second;
        long nanos;
        int offsetSeconds;
        ZoneId zone;
        /** An offset or a zone name was written (UTC, Z and +00 included). */
        boolean zoneGiven;
        boolean beforeChrist;

        LocalDate date(String text) {
            try {
                return LocalDate.of(beforeChrist ? 1 - year : year, month, day);
            } catch (DateTimeException e) {
                throw TextErrors.dateTimeFieldOutOfRange(text);
            }
        }

        LocalDateTime atDate(LocalDate date, String text) {
            boolean endOfDay = hour == 24 && minute == 0 && second == 0 && nanos == 0;
            if (!endOfDay && (hour > 23 || minute > 59 || second > 60)) throw TextErrors.dateTimeFieldOutOfRange(text);
            LocalDateTime t = date.atStartOfDay().plusHours(hour).plusMinutes(minute).plusSeconds(second).plusNanos(nanos);
            return t;
        }
    }

    /** A cursor over the stripped input; each method consumes one part or throws the type's syntax error. */
    private static final class Scanner {
        private final String s;
        private final String original;
        private final String typeName;
        private int i;

        Scanner(String s, String original, String typeName) {
            this.s = s;
            this.original = original;
            this.typeName = typeName;
        }

        boolean atEnd() {
            return i == s.length();
        }

        void date(Fields f) {
            f.year = number(1, 7);
            expect('-');
            f.month = number(1, 2);
            expect('-');
            f.day = number(1, 2);
        }

        boolean timeFollows() {
            int j = i;
            if (j < s.length() && (s.charAt(j) == 'T' || s.charAt(j) == 't')) j++;
            else while (j < s.length() && s.charAt(j) == ' ') j++;
            int digitsStart = j;
            while (j < s.length() && Character.isDigit(s.charAt(j))) j++;
            if (j > digitsStart && j < s.length() && s.charAt(j) == ':') {
                i = digitsStart;
                return true;
            }
            return false;
        }

        void time(Fields f) {
            f.hour = number(1, 2);
            expect(':');
            f.minute = number(2, 2);
            if (i < s.length() && s.charAt(i) == ':') {
                i++;
                f.second = number(2, 2);
                if (i < s.length() && s.charAt(i) == '.') {
                    i++;
                    f.nanos = fractionNanos();
                }
            }
        }

        /** Rounds to microseconds, as PostgreSQL does. */
        private long fractionNanos() {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
            if (i == start) return 0;
            long micros = 0;
            int digits = 0;
            for (int k = start; k < i && digits < 6; k++, digits++) micros = micros * 10 + (s.charAt(k) - '0');
            for (; digits < 6; digits++) micros *= 10;
            if (i - start > 6 && s.charAt(start + 6) >= '5') micros++;
            return micros * NANOS_PER_MICRO;
        }

        void zoneAndEra(Fields f) {
            skipBlanks();
            if (i < s.length()) {
                char c = s.charAt(i);
                f.zoneGiven = c == '+' || c == '-' || c == 'Z' || c == 'z' || (Character.isLetter(c) && !eraFollows());
                if (c == '+' || c == '-') {
                    i++;
                    f.offsetSeconds = (c == '-' ? -1 : 1) * offsetBody();
                } else if (c == 'Z' || c == 'z') {
                    if (i + 1 == s.length() || s.charAt(i + 1) == ' ') i++;
                    else zoneName(f);
                } else if (Character.isLetter(c) && !eraFollows()) {
                    zoneName(f);
                }
            }
            skipBlanks();
            if (eraFollows()) {
                f.beforeChrist = s.regionMatches(true, i, "BC", 0, 2);
                i += 2;
            }
        }

        private boolean eraFollows() {
            return i + 2 == s.length() && (s.regionMatches(true, i, "BC", 0, 2) || s.regionMatches(true, i, "AD", 0, 2));
        }

        /** hh, hhmm, hh:mm, hh:mm:ss. */
        private int offsetBody() {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
            int len = i - start;
            int hours, minutes = 0, seconds = 0;
            if (len == 4) {
                hours = Integer.parseInt(s, start, start + 2, 10);
                minutes = Integer.parseInt(s, start + 2, start + 4, 10);
            } else if (len == 1 || len == 2) {
                hours = Integer.parseInt(s, start, i, 10);
                if (i < s.length() && s.charAt(i) == ':') {
                    i++;
                    minutes = number(2, 2);
                    if (i < s.length() && s.charAt(i) == ':') {
                        i++;
                        seconds = number(2, 2);
                    }
                }
            } else {
                throw TextErrors.invalidDateTime(typeName, original);
            }
            if (hours > 15 || minutes > 59 || seconds > 59) throw TextErrors.dateTimeFieldOutOfRange(original);
            return hours * 3600 + minutes * 60 + seconds;
        }

        private void zoneName(Fields f) {
            int start = i;
            while (i < s.length() && s.charAt(i) != ' ') i++;
            String name = s.substring(start, i);
            if (name.equalsIgnoreCase("UTC") || name.equalsIgnoreCase("GMT") || name.equalsIgnoreCase("Z")) return;
            try {
                f.zone = ZoneId.of(name);
            } catch (DateTimeException e) {
                throw TextErrors.invalidDateTime(typeName, original);
            }
        }

        private void skipBlanks() {
            while (i < s.length() && s.charAt(i) == ' ') i++;
        }

        private int number(int minDigits, int maxDigits) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && i - start < maxDigits) i++;
            if (i - start < minDigits || (i < s.length() && Character.isDigit(s.charAt(i)))) {
                throw TextErrors.invalidDateTime(typeName, original);
            }
            return Integer.parseInt(s, start, i, 10);
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) throw TextErrors.invalidDateTime(typeName, original);
            i++;
        }
    }
}
