package io.tableos.db.types.text;

import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One-dimensional array literals: {@code {1,2,NULL}}, {@code {"a b","x\"y",""}}. An element is
 * quoted on output when it is empty, is NULL spelled as text, or holds a brace, comma, quote,
 * backslash or blank. Multi-dimensional input is rejected (0A000): TableOS arrays have one
 * dimension.
 */
public final class ArrayText {
    private ArrayText() {}

    /** {@code formattedElements} are already in text form, null for SQL NULL. */
    public static String format(String[] formattedElements) {
        StringBuilder out = new StringBuilder(2 + formattedElements.length * 8);
        out.append('{');
        for (int k = 0; k < formattedElements.length; k++) {
            if (k > 0) out.append(',');
            String e = formattedElements[k];
            if (e == null) out.append("NULL");
            else if (needsQuotes(e)) appendQuoted(out, e);
            else out.append(e);
        }
        return out.append('}').toString();
    }

    private static boolean needsQuotes(String e) {
        if (e.isEmpty() || e.equalsIgnoreCase("NULL")) return true;
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c)) return true;
        }
        return false;
    }

    private static void appendQuoted(StringBuilder out, String e) {
        out.append('"');
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '"' || c == '\\') out.append('\\');
            out.append(c);
        }
        out.append('"');
    }

    /** Splits {@code text} into elements and converts each non-null one with {@code element}. */
    public static Object[] parse(String text, Function<String, Object> element) {
        String s = text.strip();
        int n = s.length();
        if (n < 2 || s.charAt(0) != '{' || s.charAt(n - 1) != '}') throw malformed(text, "Array value must start with \"{\" or dimension information.");
        List<Object> out = new ArrayList<>();
        int i = 1;
        int end = n - 1;
        if (skip(s, i, end) == end) return new Object[0];
        StringBuilder item = new StringBuilder();
        while (true) {
            i = skip(s, i, end);
            if (i >= end) throw malformed(text, "Unexpected \"}\" character.");
            char c = s.charAt(i);
            item.setLength(0);
            boolean quoted = false;
            if (c == '{') {
                throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "multidimensional arrays are not supported");
            } else if (c == '"') {
                quoted = true;
                i++;
                while (true) {
                    if (i >= end) throw malformed(text, "Unexpected end of input.");
                    char q = s.charAt(i++);
                    if (q == '"') break;
                    if (q == '\\') {
                        if (i >= end) throw malformed(text, "Unexpected end of input.");
                        q = s.charAt(i++);
                    }
                    item.append(q);
                }
            } else {
                int lastSignificant = 0;
                while (i < end && s.charAt(i) != ',') {
                    char u = s.charAt(i++);
                    if (u == '"' || u == '{' || u == '}') throw malformed(text, "Unexpected \"" + u + "\" character.");
                    if (u == '\\') {
                        if (i >= end) throw malformed(text, "Unexpected end of input.");
                        item.append(s.charAt(i++));
                        lastSignificant = item.length();
                    } else {
                        item.append(u);
                        if (!Character.isWhitespace(u)) lastSignificant = item.length();
                    }
                }
                item.setLength(lastSignificant);
            }
            String value = item.toString();
            out.add(!quoted && value.equalsIgnoreCase("NULL") ? null : element.apply(value));
            i = skip(s, i, end);
            if (i == end) break;
            if (s.charAt(i) != ',') throw malformed(text, "Unexpected array element.");
            i++;
        }
        return out.toArray();
    }

    private static int skip(String s, int i, int end) {
        while (i < end && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    private static DbException malformed(String text, String detail) {
        return new DbException(SqlState.INVALID_TEXT_REPRESENTATION, "malformed array literal: \"" + text + "\"",
                detail, null, 0, null);
    }
}
