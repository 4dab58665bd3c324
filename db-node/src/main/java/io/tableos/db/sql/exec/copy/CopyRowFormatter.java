package io.tableos.db.sql.exec.copy;

import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.types.TextFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Formats rows as COPY TO STDOUT lines (each ending with a newline), in text format
 * (backslash escapes, {@code \N} for NULL) or CSV (quoted when needed, NULL empty).
 */
public final class CopyRowFormatter {
    private final CopyFormat format;
    private final List<ResultColumn> columns;

    public CopyRowFormatter(CopyFormat format, List<ResultColumn> columns) {
        this.format = format;
        this.columns = columns;
    }

    public byte[] header() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) sb.append(format.delimiter());
            sb.append(format.csv() ? csvField(columns.get(i).name()) : textField(columns.get(i).name()));
        }
        return sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    public byte[] format(Object[] row) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) sb.append(format.delimiter());
            String v = TextFormat.format(row[i], columns.get(i).type());
            if (v == null) sb.append(format.nullString());
            else sb.append(format.csv() ? csvField(v) : textField(v));
        }
        return sb.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    private String textField(String v) {
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == format.delimiter()) sb.append('\\');
                    sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    private String csvField(String v) {
        boolean needsQuotes = v.isEmpty() && !format.nullString().isEmpty() ? false : v.equals(format.nullString());
        for (int i = 0; i < v.length() && !needsQuotes; i++) {
            char c = v.charAt(i);
            needsQuotes = c == format.delimiter() || c == format.quote() || c == '\n' || c == '\r';
        }
        if (!needsQuotes) return v;
        StringBuilder sb = new StringBuilder().append(format.quote());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == format.quote() || c == format.escape()) sb.append(format.escape());
            sb.append(c);
        }
        return sb.append(format.quote()).toString();
    }
}
