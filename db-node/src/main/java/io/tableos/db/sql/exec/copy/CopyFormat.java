package io.tableos.db.sql.exec.copy;

/**
 * A COPY format with PostgreSQL's defaults: text uses tab and {@code \N}; CSV uses comma,
 * the empty unquoted string for NULL, and {@code "} for quote and escape.
 */
public record CopyFormat(boolean csv, char delimiter, String nullString, char quote, char escape, boolean header) {

    public static CopyFormat of(String format, String delimiter, String nullString, String quote, String escape, boolean header) {
        boolean csv = "csv".equalsIgnoreCase(format);
        char d = delimiter != null && !delimiter.isEmpty() ? delimiter.charAt(0) : (csv ? ',' : '\t');
        String n = nullString != null ? nullString : (csv ? "" : "\\N");
        char q = quote != null && !quote.isEmpty() ? quote.charAt(0) : '"';
        char e = escape != null && !escape.isEmpty() ? escape.charAt(0) : q;
        return new CopyFormat(csv, d, n, q, e, header);
    }

    public static final CopyFormat TEXT = of("text", null, null, null, null, false);
    public static final CopyFormat CSV = of("csv", null, null, null, null, false);
}
