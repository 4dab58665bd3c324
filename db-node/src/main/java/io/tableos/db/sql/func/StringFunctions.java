package io.tableos.db.sql.func;

import static io.tableos.db.sql.func.FunctionRegistry.fixed;
import static io.tableos.db.sql.func.FunctionRegistry.lenient;
import static io.tableos.db.sql.func.FunctionRegistry.strict;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

/** Text functions with PostgreSQL semantics; positions and lengths count characters (code points), not UTF-16 units. */
final class StringFunctions {
    private StringFunctions() {}

    /** Longest string repeat/lpad/rpad may build (PostgreSQL's limit is 1 GB of bytes). */
    static final int RESULT_CHARS_MAX = 256 * 1024 * 1024;

    static void register(Map<String, FunctionRegistry.Resolver> r) {
        r.put("length", t -> t.size() == 1 ? strict(DataType.INT4, (a, c) -> a[0] instanceof byte[] b ? b.length : codePoints(Args.text(a[0]))) : null);
        fixed(r, "char_length", 1, 1, strict(DataType.INT4, (a, c) -> codePoints(Args.text(a[0]))));
        fixed(r, "character_length", 1, 1, strict(DataType.INT4, (a, c) -> codePoints(Args.text(a[0]))));
        fixed(r, "octet_length", 1, 1, strict(DataType.INT4, (a, c) -> a[0] instanceof byte[] b ? b.length : utf8(Args.text(a[0])).length));
        fixed(r, "bit_length", 1, 1, strict(DataType.INT4, (a, c) -> 8 * (a[0] instanceof byte[] b ? b.length : utf8(Args.text(a[0])).length)));
        fixed(r, "lower", 1, 1, strict(DataType.TEXT, (a, c) -> Args.text(a[0]).toLowerCase(Locale.ROOT)));
        fixed(r, "upper", 1, 1, strict(DataType.TEXT, (a, c) -> Args.text(a[0]).toUpperCase(Locale.ROOT)));
        Resolver substring = t -> {
            if (t.size() == 2 && Args.isText(t.get(1))) return strict(DataType.TEXT, (a, c) -> regexSubstring(Args.text(a[0]), Args.text(a[1])));
            if (t.size() == 2) return strict(DataType.TEXT, (a, c) -> substr(Args.text(a[0]), Args.longValue(a[1]), Long.MAX_VALUE / 4));
            if (t.size() == 3) return strict(DataType.TEXT, (a, c) -> substr(Args.text(a[0]), Args.longValue(a[1]), Args.longValue(a[2])));
            return null;
        };
        r.put("substring", substring::resolve);
        r.put("substr", t -> t.size() == 2 || t.size() == 3 ? strict(DataType.TEXT,
                (a, c) -> substr(Args.text(a[0]), Args.longValue(a[1]), a.length == 3 ? Args.longValue(a[2]) : Long.MAX_VALUE / 4)) : null);
        fixed(r, "btrim", 1, 2, strict(DataType.TEXT, (a, c) -> trim(Args.text(a[0]), a.length > 1 ? Args.text(a[1]) : " ", true, true)));
        fixed(r, "trim", 1, 2, strict(DataType.TEXT, (a, c) -> trim(Args.text(a[0]), a.length > 1 ? Args.text(a[1]) : " ", true, true)));
        fixed(r, "ltrim", 1, 2, strict(DataType.TEXT, (a, c) -> trim(Args.text(a[0]), a.length > 1 ? Args.text(a[1]) : " ", true, false)));
        fixed(r, "rtrim", 1, 2, strict(DataType.TEXT, (a, c) -> trim(Args.text(a[0]), a.length > 1 ? Args.text(a[1]) : " ", false, true)));
        fixed(r, "lpad", 2, 3, strict(DataType.TEXT, (a, c) -> pad(Args.text(a[0]), Args.longValue(a[1]), a.length > 2 ? Args.text(a[2]) : " ", true)));
        fixed(r, "rpad", 2, 3, strict(DataType.TEXT, (a, c) -> pad(Args.text(a[0]), Args.longValue(a[1]), a.length > 2 ? Args.text(a[2]) : " ", false)));
        fixed(r, "replace", 3, 3, strict(DataType.TEXT, (a, c) -> {
            String from = Args.text(a[1]);
            return from.isEmpty() ? Args.text(a[0]) : Args.text(a[0]).replace(from, Args.text(a[2]));
        }));
        fixed(r, "strpos", 2, 2, strict(DataType.INT4, (a, c) -> strpos(Args.text(a[0]), Args.text(a[1]))));
        // position(sub IN str): JSqlParser hands the operands in written order, the reverse of strpos(str, sub).
        fixed(r, "position", 2, 2, strict(DataType.INT4, (a, c) -> strpos(Args.text(a[1]), Args.text(a[0]))));
        fixed(r, "left", 2, 2, strict(DataType.TEXT, (a, c) -> left(Args.text(a[0]), Args.longValue(a[1]))));
        fixed(r, "right", 2, 2, strict(DataType.TEXT, (a, c) -> right(Args.text(a[0]), Args.longValue(a[1]))));
        fixed(r, "repeat", 2, 2, strict(DataType.TEXT, (a, c) -> repeat(Args.text(a[0]), Args.longValue(a[1]))));
        fixed(r, "reverse", 1, 1, strict(DataType.TEXT, (a, c) -> new StringBuilder(Args.text(a[0])).reverse().toString()));
        r.put("concat", t -> lenient(DataType.TEXT, (a, c) -> concat("", a, 0)));
        r.put("concat_ws", t -> t.isEmpty() ? null : lenient(DataType.TEXT, (a, c) -> a[0] == null ? null : concat(Args.text(a[0]), a, 1)));
        fixed(r, "split_part", 3, 3, strict(DataType.TEXT, (a, c) -> splitPart(Args.text(a[0]), Args.text(a[1]), Args.longValue(a[2]))));
        fixed(r, "initcap", 1, 1, strict(DataType.TEXT, (a, c) -> initcap(Args.text(a[0]))));
        fixed(r, "md5", 1, 1, strict(DataType.TEXT, (a, c) -> HexFormat.of().formatHex(digest("MD5", bytes(a[0])))));
        fixed(r, "sha256", 1, 1, strict(DataType.BYTEA, (a, c) -> digest("SHA-256", bytes(a[0]))));
        r.put("to_hex", t -> t.size() == 1 ? strict(DataType.TEXT, (a, c) -> a[0] instanceof Long l ? Long.toHexString(l)
                : Integer.toHexString((int) Args.longValue(a[0]))) : null);
        fixed(r, "ascii", 1, 1, strict(DataType.INT4, (a, c) -> {
            String s = Args.text(a[0]);
            return s.isEmpty() ? 0 : s.codePointAt(0);
        }));
        fixed(r, "chr", 1, 1, strict(DataType.TEXT, (a, c) -> chr(Args.longValue(a[0]))));
        fixed(r, "starts_with", 2, 2, strict(DataType.BOOL, (a, c) -> Args.text(a[0]).startsWith(Args.text(a[1]))));
        r.put("format", t -> t.isEmpty() ? null : lenient(DataType.TEXT, (a, c) -> a[0] == null ? null : FormatFunction.format(Args.text(a[0]), a)));
        fixed(r, "quote_ident", 1, 1, strict(DataType.TEXT, (a, c) -> FormatFunction.quoteIdentifier(Args.text(a[0]))));
        fixed(r, "quote_literal", 1, 1, strict(DataType.TEXT, (a, c) -> FormatFunction.quoteLiteral(Args.text(a[0]))));
        fixed(r, "quote_nullable", 1, 1, lenient(DataType.TEXT, (a, c) -> a[0] == null ? "NULL" : FormatFunction.quoteLiteral(Args.text(a[0]))));
        fixed(r, "regexp_replace", 3, 4, strict(DataType.TEXT, (a, c) -> regexpReplace(Args.text(a[0]), Args.text(a[1]), Args.text(a[2]),
                a.length > 3 ? Args.text(a[3]) : "")));
        fixed(r, "encode", 2, 2, strict(DataType.TEXT, (a, c) -> encode(bytes(a[0]), Args.text(a[1]))));
        fixed(r, "decode", 2, 2, strict(DataType.BYTEA, (a, c) -> decode(Args.text(a[0]), Args.text(a[1]))));
    }

    private interface Resolver extends FunctionRegistry.Resolver {}

    static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Object v) {
        return v instanceof byte[] b ? b : utf8(Args.text(v));
    }

    /** substr with PostgreSQL's rule: characters [start, start+count) intersected with [1, length]. */
    static String substr(String s, long start, long count) {
        if (count < 0) throw new DbException(FuncErrors.SUBSTRING_ERROR, "negative substring length not allowed");
        long end = start + count; // exclusive, 1-based
        long from = Math.max(start, 1);
        int length = codePoints(s);
        long to = Math.min(end, (long) length + 1);
        if (from >= to) return "";
        int begin = s.offsetByCodePoints(0, (int) from - 1);
        return s.substring(begin, s.offsetByCodePoints(begin, (int) (to - from)));
    }

    private static String regexSubstring(String s, String regex) {
        Matcher m = RegexPatterns.compile(regex, false).matcher(s);
        if (!m.find()) return null;
        return m.groupCount() >= 1 ? m.group(1) : m.group();
    }

    static String trim(String s, String chars, boolean leading, boolean trailing) {
        int begin = 0, end = s.length();
        if (leading) while (begin < end && chars.indexOf(s.codePointAt(begin)) >= 0) begin += Character.charCount(s.codePointAt(begin));
        if (trailing) while (end > begin && chars.indexOf(s.codePointBefore(end)) >= 0) end -= Character.charCount(s.codePointBefore(end));
        return s.substring(begin, end);
    }

    static String pad(String s, long length, String fill, boolean left) {
        if (length > RESULT_CHARS_MAX) throw tooLong();
        int have = codePoints(s);
        if (length <= 0) return "";
        if (have >= length) return s.substring(0, s.offsetByCodePoints(0, (int) length));
        if (fill.isEmpty()) return s;
        StringBuilder padding = new StringBuilder();
        int fillPoints = codePoints(fill);
        long need = length - have;
        int k = 0;
        for (long i = 0; i < need; i++) {
            int cp = fill.codePointAt(fill.offsetByCodePoints(0, k));
            padding.appendCodePoint(cp);
            k = (k + 1) % fillPoints;
        }
        return left ? padding.append(s).toString() : s + padding;
    }

    static int strpos(String s, String sub) {
        int at = s.indexOf(sub);
        return at < 0 ? 0 : s.codePointCount(0, at) + 1;
    }

    static String left(String s, long n) {
        int length = codePoints(s);
        long keep = n >= 0 ? Math.min(n, length) : Math.max(0, length + n);
        return s.substring(0, s.offsetByCodePoints(0, (int) keep));
    }

    static String right(String s, long n) {
        int length = codePoints(s);
        long keep = n >= 0 ? Math.min(n, length) : Math.max(0, length + n);
        return s.substring(s.offsetByCodePoints(0, (int) (length - keep)));
    }

    static String repeat(String s, long n) {
        if (n <= 0 || s.isEmpty()) return "";
        if (n * s.length() > RESULT_CHARS_MAX) throw tooLong();
        return s.repeat((int) n);
    }

    private static DbException tooLong() {
        return new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested length too large");
    }

    private static String concat(String separator, Object[] args, int from) {
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (int i = from; i < args.length; i++) {
            if (args[i] == null) continue;
            if (!first) out.append(separator);
            first = false;
            out.append(Args.text(args[i]));
        }
        return out.toString();
    }

    static String splitPart(String s, String delimiter, long n) {
        if (n == 0) throw FuncErrors.invalidParameter("field position must not be zero");
        if (delimiter.isEmpty()) return (n == 1 || n == -1) ? s : "";
        java.util.List<String> parts = new java.util.ArrayList<>();
        int at = 0;
        while (true) {
            int next = s.indexOf(delimiter, at);
            if (next < 0) {
                parts.add(s.substring(at));
                break;
            }
            parts.add(s.substring(at, next));
            at = next + delimiter.length();
        }
        long index = n > 0 ? n - 1 : parts.size() + n;
        return index >= 0 && index < parts.size() ? parts.get((int) index) : "";
    }

    static String initcap(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean inWord = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            out.appendCodePoint(inWord ? Character.toLowerCase(cp) : Character.toUpperCase(cp));
            inWord = Character.isLetterOrDigit(cp);
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    static String chr(long code) {
        if (code == 0) throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "null character not permitted");
        if (code < 0 || code > Character.MAX_CODE_POINT || (code >= 0xD800 && code <= 0xDFFF)) {
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested character too large for encoding: " + code);
        }
        return new String(Character.toChars((int) code));
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from the JDK", e);
        }
    }

    /** PostgreSQL replacement syntax: \1..\9 groups, \& whole match; flags g (all) and i (case-insensitive). */
    static String regexpReplace(String s, String regex, String replacement, String flags) {
        Matcher m = RegexPatterns.compile(regex, flags.indexOf('i') >= 0).matcher(s);
        StringBuilder javaReplacement = new StringBuilder();
        for (int i = 0; i < replacement.length(); i++) {
            char ch = replacement.charAt(i);
            if (ch == '\\' && i + 1 < replacement.length()) {
                char next = replacement.charAt(++i);
                if (next >= '1' && next <= '9') javaReplacement.append('$').append(next);
                else if (next == '&') javaReplacement.append("$0");
                else javaReplacement.append(Matcher.quoteReplacement(String.valueOf(next)));
            } else {
                javaReplacement.append(Matcher.quoteReplacement(String.valueOf(ch)));
            }
        }
        String r = javaReplacement.toString();
        return flags.indexOf('g') >= 0 ? m.replaceAll(r) : m.replaceFirst(r);
    }

    static String encode(byte[] data, String format) {
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "hex" -> HexFormat.of().formatHex(data);
            case "base64" -> Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(data);
            case "escape" -> escapeBytes(data);
            default -> throw FuncErrors.invalidParameter("unrecognized encoding: \"" + format + "\"");
        };
    }

    static byte[] decode(String text, String format) {
        try {
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "hex" -> HexFormat.of().parseHex(text);
                case "base64" -> Base64.getMimeDecoder().decode(text);
                case "escape" -> (byte[]) io.tableos.db.types.TextFormat.parse(text, DataType.BYTEA);
                default -> throw FuncErrors.invalidParameter("unrecognized encoding: \"" + format + "\"");
            };
        } catch (IllegalArgumentException e) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "invalid " + format + " data: " + e.getMessage());
        }
    }

    private static String escapeBytes(byte[] data) {
        StringBuilder out = new StringBuilder(data.length);
        for (byte b : data) {
            int v = b & 0xFF;
            if (v == '\\') out.append("\\\\");
            else if (v < 0x20 || v > 0x7E) out.append('\\').append((char) ('0' + (v >> 6))).append((char) ('0' + ((v >> 3) & 7))).append((char) ('0' + (v & 7)));
            else out.append((char) v);
        }
        return out.toString();
    }

    static boolean isTextType(SqlType t) {
        return t.isText();
    }
}
