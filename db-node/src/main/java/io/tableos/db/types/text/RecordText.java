package io.tableos.db.types.text;

/**
 * Row values as PostgreSQL's record_out prints them: {@code (1,,"a b","x""y")}. A null field is
 * empty; a field is quoted when it is empty or holds a parenthesis, comma, quote, backslash or
 * blank, with quotes and backslashes doubled inside. Input of anonymous records is not accepted
 * (PostgreSQL refuses it too: 0A000).
 */
public final class RecordText {
    private RecordText() {}

    /** {@code formattedFields} are already in text form, null for SQL NULL. */
    public static String format(String[] formattedFields) {
        StringBuilder out = new StringBuilder(2 + formattedFields.length * 8);
        out.append('(');
        for (int k = 0; k < formattedFields.length; k++) {
            if (k > 0) out.append(',');
            String f = formattedFields[k];
            if (f == null) continue;
            if (needsQuotes(f)) appendQuoted(out, f);
            else out.append(f);
        }
        return out.append(')').toString();
    }

    private static boolean needsQuotes(String f) {
        if (f.isEmpty()) return true;
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c == '(' || c == ')' || c == ',' || c == '"' || c == '\\' || isBlank(c)) return true;
        }
        return false;
    }

    /** C's isspace in the C locale, which record_out uses. */
    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    private static void appendQuoted(StringBuilder out, String f) {
        out.append('"');
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c == '"' || c == '\\') out.append(c);
            out.append(c);
        }
        out.append('"');
    }
}
