package io.tableos.db.types.text;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * float4/float8 text I/O as PostgreSQL 12+ does it with extra_float_digits = 1: the shortest
 * digit string that reads back to the same value, in fixed notation when the decimal
 * exponent is in [-4, 15) (float4: [-4, 6)), otherwise as {@code 1e+20} / {@code 1.5e-07}.
 *
 * <p>Java 17's {@code Double.toString} occasionally prints one digit more than needed
 * (JDK-4511638, fixed in Java 19), so long digit strings are re-checked for a shorter one.
 */
public final class FloatText {
    private FloatText() {}

    private static final int DOUBLE_FIXED_EXPONENT_LIMIT = 15;
    private static final int FLOAT_FIXED_EXPONENT_LIMIT = 6;
    /** Digit counts from which Java may have printed a non-shortest string. */
    private static final int DOUBLE_SUSPECT_DIGITS = 16;
    private static final int FLOAT_SUSPECT_DIGITS = 8;

    public static String formatDouble(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "Infinity" : "-Infinity";
        if (d == 0) return 1 / d < 0 ? "-0" : "0";
        StringBuilder digits = new StringBuilder(24);
        int exponent = decompose(Double.toString(Math.abs(d)), digits);
        if (digits.length() >= DOUBLE_SUSPECT_DIGITS) exponent = shortenDouble(Math.abs(d), digits, exponent);
        return layout(d < 0, digits, exponent, DOUBLE_FIXED_EXPONENT_LIMIT);
    }

    public static String formatFloat(float f) {
        if (Float.isNaN(f)) return "NaN";
        if (Float.isInfinite(f)) return f > 0 ? "Infinity" : "-Infinity";
        if (f == 0) return 1 / f < 0 ? "-0" : "0";
        StringBuilder digits = new StringBuilder(16);
        int exponent = decompose(Float.toString(Math.abs(f)), digits);
        if (digits.length() >= FLOAT_SUSPECT_DIGITS) exponent = shortenFloat(Math.abs(f), digits, exponent);
        return layout(f < 0, digits, exponent, FLOAT_FIXED_EXPONENT_LIMIT);
    }

    /**
     * Splits Java's "123.45" / "1.0E-5" into significant digits (no leading or trailing
     * zeros) and returns the decimal exponent of the first digit.
     */
    static int decompose(String javaText, StringBuilder digits) {
        int e = javaText.indexOf('E');
        int javaExponent = e < 0 ? 0 : Integer.parseInt(javaText, e + 1, javaText.length(), 10);
        int end = e < 0 ? javaText.length() : e;
        int dot = javaText.indexOf('.');
        int integerDigits = dot < 0 ? end : dot;
        int leadingZeros = 0;
        boolean seenNonZero = false;
        for (int i = 0; i < end; i++) {
            char c = javaText.charAt(i);
            if (c == '.') continue;
            if (!seenNonZero && c == '0') {
                leadingZeros++;
                continue;
            }
            seenNonZero = true;
            digits.append(c);
        }
        int last = digits.length();
        while (last > 1 && digits.charAt(last - 1) == '0') last--;
        digits.setLength(last);
        return integerDigits - 1 - leadingZeros + javaExponent;
    }

    private static int shortenDouble(double value, StringBuilder digits, int exponent) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision < digits.length(); precision++) {
            BigDecimal rounded = exact.round(new MathContext(precision));
            if (rounded.doubleValue() == value) return replaceDigits(rounded, digits);
        }
        return exponent;
    }

    private static int shortenFloat(float value, StringBuilder digits, int exponent) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision < digits.length(); precision++) {
            BigDecimal rounded = exact.round(new MathContext(precision));
            if (rounded.floatValue() == value) return replaceDigits(rounded, digits);
        }
        return exponent;
    }

    private static int replaceDigits(BigDecimal rounded, StringBuilder digits) {
        BigDecimal stripped = rounded.stripTrailingZeros();
        String unscaled = stripped.unscaledValue().toString();
        digits.setLength(0);
        digits.append(unscaled);
        return unscaled.length() - 1 - stripped.scale();
    }

    private static String layout(boolean negative, StringBuilder digits, int exponent, int fixedExponentLimit) {
        StringBuilder out = new StringBuilder(digits.length() + 8);
        if (negative) out.append('-');
        int n = digits.length();
        if (exponent >= -4 && exponent < fixedExponentLimit) {
            if (exponent < 0) {
                out.append("0.");
                for (int i = -1; i > exponent; i--) out.append('0');
                out.append(digits);
            } else if (n <= exponent + 1) {
                out.append(digits);
                for (int i = n; i <= exponent; i++) out.append('0');
            } else {
                out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, n);
            }
            return out.toString();
        }
        out.append(digits.charAt(0));
        if (n > 1) out.append('.').append(digits, 1, n);
        out.append('e').append(exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        if (magnitude < 10) out.append('0');
        return out.append(magnitude).toString();
    }

    /** Parses float8 input: decimal or exponent notation, NaN, [+-]Infinity, [+-]inf; surrounding blanks allowed. */
    public static double parseDouble(String text, String typeName) {
        String s = text.strip();
        Double special = special(s);
        if (special != null) return special;
        if (!plainDecimal(s)) throw TextErrors.invalidSyntax(typeName, text);
        double d = Double.parseDouble(s);
        if (Double.isInfinite(d) || (d == 0 && hasNonZeroDigit(s))) throw TextErrors.floatOutOfRange(text, typeName);
        return d;
    }

    public static float parseFloat(String text, String typeName) {
        String s = text.strip();
        Double special = special(s);
        if (special != null) return special.floatValue();
        if (!plainDecimal(s)) throw TextErrors.invalidSyntax(typeName, text);
        double d = Double.parseDouble(s);
        float f = (float) d;
        if (Float.isInfinite(f) || (f == 0 && hasNonZeroDigit(s))) throw TextErrors.floatOutOfRange(text, typeName);
        return f;
    }

    private static Double special(String s) {
        if (s.length() < 3 || s.length() > 9) return null;
        switch (s.toLowerCase(java.util.Locale.ROOT)) {
            case "nan": return Double.NaN;
            case "infinity": case "+infinity": case "inf": case "+inf": return Double.POSITIVE_INFINITY;
            case "-infinity": case "-inf": return Double.NEGATIVE_INFINITY;
            default: return null;
        }
    }

    /** [+-]digits[.digits][e[+-]digits] with at least one mantissa digit: rejects Java-only forms like "1d" or hex. */
    static boolean plainDecimal(String s) {
        int i = 0, n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        int mantissaDigits = 0;
        while (i < n && isDigit(s.charAt(i))) { i++; mantissaDigits++; }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) { i++; mantissaDigits++; }
        }
        if (mantissaDigits == 0) return false;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int exponentDigits = 0;
            while (i < n && isDigit(s.charAt(i))) { i++; exponentDigits++; }
            if (exponentDigits == 0) return false;
        }
        return i == n;
    }

    private static boolean hasNonZeroDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'e' || c == 'E') return false;
            if (c >= '1' && c <= '9') return true;
        }
        return false;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
