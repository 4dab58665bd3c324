package io.tableos.db.sql.func;

import io.tableos.db.types.Interval;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * to_char for date/time values (YYYY YY MM DD HH24 HH12 HH MI SS MS US AM PM Mon Month MON
 * MONTH Dy Day DY DAY D DDD IW Q TZ, FM prefix, "quoted text") and the common numeric
 * patterns (9 0 . D , G, FM, S, MI/PR not supported).
 */
final class ToChar {
    private ToChar() {}

    static String format(Object value, String pattern) {
        if (value instanceof Number n) return number(n, pattern);
        if (value instanceof Interval) return io.tableos.db.types.text.IntervalText.format((Interval) value);
        boolean withZone = value instanceof OffsetDateTime;
        return dateTime(Args.timestamp(value), pattern, withZone);
    }

    private static String dateTime(LocalDateTime t, String p, boolean withZone) {
        StringBuilder out = new StringBuilder(p.length() + 8);
        int i = 0;
        while (i < p.length()) {
            boolean fm = false;
            if (p.startsWith("FM", i) || p.startsWith("fm", i)) {
                fm = true;
                i += 2;
            }
            if (i < p.length() && p.charAt(i) == '"') {
                int end = p.indexOf('"', i + 1);
                if (end < 0) end = p.length();
                out.append(p, i + 1, end);
                i = end + 1;
                continue;
            }
            int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
            if (match(p, i, "YYYY")) { pad(out, t.getYear(), 4, fm); i += 4; }
            else if (match(p, i, "IYYY")) { pad(out, t.get(IsoFields.WEEK_BASED_YEAR), 4, fm); i += 4; }
            else if (match(p, i, "YY")) { pad(out, t.getYear() % 100, 2, fm); i += 2; }
            else if (match(p, i, "MONTH")) { name(out, t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH).toUpperCase(Locale.ROOT), fm); i += 5; }
            else if (p.startsWith("Month", i)) { name(out, t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH), fm); i += 5; }
            else if (p.startsWith("month", i)) { name(out, t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT), fm); i += 5; }
            else if (p.startsWith("MON", i)) { out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toUpperCase(Locale.ROOT)); i += 3; }
            else if (p.startsWith("Mon", i)) { out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)); i += 3; }
            else if (p.startsWith("mon", i)) { out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT)); i += 3; }
            else if (match(p, i, "MM")) { pad(out, t.getMonthValue(), 2, fm); i += 2; }
            else if (match(p, i, "MI")) { pad(out, t.getMinute(), 2, fm); i += 2; }
            else if (match(p, i, "MS")) { pad(out, t.getNano() / 1_000_000, 3, fm); i += 2; }
            else if (match(p, i, "US")) { pad(out, t.getNano() / 1000, 6, fm); i += 2; }
            else if (match(p, i, "DDD")) { pad(out, t.getDayOfYear(), 3, fm); i += 3; }
            else if (match(p, i, "DD")) { pad(out, t.getDayOfMonth(), 2, fm); i += 2; }
            else if (p.startsWith("DAY", i)) { name(out, t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH).toUpperCase(Locale.ROOT), fm); i += 3; }
            else if (p.startsWith("Day", i)) { name(out, t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH), fm); i += 3; }
            else if (p.startsWith("DY", i)) { out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toUpperCase(Locale.ROOT)); i += 2; }
            else if (p.startsWith("Dy", i)) { out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH)); i += 2; }
            else if (match(p, i, "D")) { out.append(t.getDayOfWeek().getValue() % 7 + 1); i += 1; }
            else if (match(p, i, "HH24")) { pad(out, t.getHour(), 2, fm); i += 4; }
            else if (match(p, i, "HH12")) { pad(out, hour12, 2, fm); i += 4; }
            else if (match(p, i, "HH")) { pad(out, hour12, 2, fm); i += 2; }
            else if (match(p, i, "SS")) { pad(out, t.getSecond(), 2, fm); i += 2; }
            else if (match(p, i, "IW")) { pad(out, t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, fm); i += 2; }
            else if (match(p, i, "AM") || match(p, i, "PM")) { out.append(t.getHour() < 12 ? "AM" : "PM"); i += 2; }
            else if (p.startsWith("am", i) || p.startsWith("pm", i)) { out.append(t.getHour() < 12 ? "am" : "pm"); i += 2; }
            else if (match(p, i, "Q")) { out.append((t.getMonthValue() - 1) / 3 + 1); i += 1; }
            else if (match(p, i, "TZ")) { if (withZone) out.append(p.charAt(i) == 'T' ? "UTC" : "utc"); i += 2; }
            else if (match(p, i, "OF")) { if (withZone) out.append("+00"); i += 2; }
            else { out.append(p.charAt(i)); i++; }
        }
        return out.toString();
    }

    private static boolean match(String p, int i, String token) {
        return p.regionMatches(true, i, token, 0, token.length());
    }

    private static void pad(StringBuilder out, int value, int width, boolean fillMode) {
        String s = Integer.toString(Math.abs(value));
        if (value < 0) out.append('-');
        if (!fillMode) for (int k = s.length(); k < width; k++) out.append('0');
        out.append(s);
    }

    private static void name(StringBuilder out, String name, boolean fillMode) {
        out.append(name);
        if (!fillMode) for (int k = name.length(); k < 9; k++) out.append(' ');
    }

    /** Numeric patterns: digits 9 (blank-padded) and 0 (zero-padded), '.'/D, ','/G, FM trims; a sign column leads. */
    private static String number(Number n, String p) {
        boolean fm = p.startsWith("FM") || p.startsWith("fm");
        String body = fm ? p.substring(2) : p;
        int dot = Math.max(body.indexOf('.'), body.indexOf('D'));
        String intPattern = dot < 0 ? body : body.substring(0, dot);
        String fracPattern = dot < 0 ? "" : body.substring(dot + 1);
        int fracDigits = 0;
        for (char c : fracPattern.toCharArray()) if (c == '9' || c == '0') fracDigits++;
        BigDecimal d = Args.decimal(n).setScale(fracDigits, RoundingMode.HALF_UP);
        boolean negative = d.signum() < 0;
        String digits = d.abs().toPlainString();
        String intDigits = dot < 0 || fracDigits == 0 ? digits.split("\\.")[0] : digits.substring(0, digits.indexOf('.'));
        String fracText = fracDigits == 0 ? "" : digits.substring(digits.indexOf('.') + 1);
        int slots = 0;
        for (char c : intPattern.toCharArray()) if (c == '9' || c == '0') slots++;
        if (intDigits.length() > slots) {
            return "#".repeat(Math.max(slots, 1)) + (dot < 0 ? "" : "." + "#".repeat(fracDigits));
        }
        StringBuilder out = new StringBuilder();
        int di = intDigits.length() - slots; // negative: leading slots without digits
        boolean started = false;
        for (char c : intPattern.toCharArray()) {
            if (c == '9' || c == '0') {
                char digit = di >= 0 ? intDigits.charAt(di) : ' ';
                if (di < 0 && c == '0') digit = '0';
                if (digit != ' ' && !(digit == '0' && !started && c == '9' && di < intDigits.length() - 1)) started = true;
                if (digit == ' ' || (!started && c == '9')) {
                    if (!fm) out.append(' ');
                } else {
                    out.append(digit);
                    started = true;
                }
                di++;
            } else if (c == ',' || c == 'G') {
                if (started) out.append(',');
                else if (!fm) out.append(' ');
            } else {
                out.append(c);
            }
        }
        if (intDigits.equals("0") && out.toString().isBlank() && fracDigits == 0) out.append('0');
        String sign = negative ? "-" : (fm ? "" : " ");
        String integerPart = out.toString();
        int firstNonBlank = 0;
        while (firstNonBlank < integerPart.length() && integerPart.charAt(firstNonBlank) == ' ') firstNonBlank++;
        String result = integerPart.substring(0, firstNonBlank) + sign + integerPart.substring(firstNonBlank);
        if (dot >= 0) {
            result += ".";
            result += fm ? stripTrailingZeros(fracText, fracPattern) : fracText;
        }
        return result;
    }

    private static String stripTrailingZeros(String frac, String pattern) {
        int end = frac.length();
        while (end > 0 && frac.charAt(end - 1) == '0' && pattern.charAt(Math.min(end - 1, pattern.length() - 1)) == '9') end--;
        return frac.substring(0, end);
    }
}
