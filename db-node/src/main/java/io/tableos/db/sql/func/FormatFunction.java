package io.tableos.db.sql.func;

import java.util.Locale;

/** format(fmt, ...): %s, %I (identifier), %L (literal), %% and positional %n$s; widths are not supported. */
final class FormatFunction {
    private FormatFunction() {}

    static String format(String fmt, Object[] args) {
        StringBuilder out = new StringBuilder(fmt.length() + 16);
        int next = 1;
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (++i >= fmt.length()) throw FuncErrors.invalidParameter("unterminated format() type specifier");
            c = fmt.charAt(i);
            if (c == '%') {
                out.append('%');
                continue;
            }
            int argIndex = next;
            int digitsStart = i;
            while (i < fmt.length() && Character.isDigit(fmt.charAt(i))) i++;
            if (i > digitsStart && i < fmt.length() && fmt.charAt(i) == '$') {
                argIndex = Integer.parseInt(fmt, digitsStart, i, 10);
                i++;
            } else {
                i = digitsStart;
            }
            if (i >= fmt.length()) throw FuncErrors.invalidParameter("unterminated format() type specifier");
            c = fmt.charAt(i);
            if (argIndex >= args.length) throw FuncErrors.invalidParameter("too few arguments for format()");
            Object v = args[argIndex];
            next = argIndex + 1;
            switch (c) {
                case 's' -> { if (v != null) out.append(Args.text(v)); }
                case 'I' -> {
                    if (v == null) throw FuncErrors.invalidParameter("null values cannot be formatted as an SQL identifier");
                    out.append(quoteIdentifier(Args.text(v)));
                }
                case 'L' -> out.append(v == null ? "NULL" : quoteLiteral(Args.text(v)));
                default -> throw FuncErrors.invalidParameter("unrecognized format() type specifier \"" + c + "\"");
            }
        }
        return out.toString();
    }

    /** Quotes unless the name is a lower-case identifier (keywords are not checked). */
    static String quoteIdentifier(String name) {
        boolean plain = !name.isEmpty() && (Character.isLowerCase(name.charAt(0)) || name.charAt(0) == '_');
        for (int i = 0; plain && i < name.length(); i++) {
            char ch = name.charAt(i);
            plain = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
        }
        return plain ? name : '"' + name.replace("\"", "\"\"") + '"';
    }

    /** 'it''s'; a value with backslashes becomes E'..' with doubled backslashes, as PostgreSQL's quote_literal. */
    static String quoteLiteral(String s) {
        String body = s.replace("'", "''");
        if (s.indexOf('\\') >= 0) return "E'" + body.replace("\\", "\\\\") + "'";
        return "'" + body + "'";
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
