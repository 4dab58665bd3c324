package io.tableos.db.sql.exec.copy;

import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Parses COPY data arriving in chunks split at any byte. Each complete row is handed to
 * the consumer as field strings (null for NULL). Memory is bounded: only the current,
 * unfinished line is kept, at most {@link #LINE_BYTES_MAX} bytes.
 *
 * <p>Text format: fields separated by the delimiter, rows by newline; backslash escapes
 * {@code \b \f \n \r \t \v \\ \N}, octal {@code \123}, hex {@code \x4f}; a line {@code \.}
 * ends the data. CSV: fields may be quoted; quoted fields may contain delimiters, newlines
 * and doubled (escaped) quotes; an unquoted field equal to the null string is NULL.
 */
public final class CopyRowParser {
    /** Longest row accepted (PostgreSQL's limit on one field is 1 GB; ours on a row is smaller). */
    public static final int LINE_BYTES_MAX = 64 << 20;

    private final CopyFormat format;
    private final Consumer<String[]> rows;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean inQuotes;
    private boolean skipHeader;
    private boolean ended;
    private long rowNumber;

    public CopyRowParser(CopyFormat format, Consumer<String[]> rows) {
        this.format = format;
        this.rows = rows;
        this.skipHeader = format.header();
    }

    public void feed(byte[] chunk, int offset, int length) {
        for (int i = offset; i < offset + length && !ended; i++) {
            byte b = chunk[i];
            if (format.csv() && b == (byte) format.quote()) inQuotes = !inQuotes;
            if (b == '\n' && !inQuotes) {
                endLine();
            } else {
                if (line.size() >= LINE_BYTES_MAX) {
                    throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "COPY row exceeds " + LINE_BYTES_MAX + " bytes");
                }
                line.write(b);
            }
        }
    }

    /** End of data: parses a last line without newline. */
    public void finish() {
        if (line.size() > 0 && !ended) endLine();
    }

    public long rowNumber() { return rowNumber; }

    private void endLine() {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (text.endsWith("\r")) text = text.substring(0, text.length() - 1);
        rowNumber++;
        if (!format.csv() && text.equals("\\.")) {
            ended = true;
            return;
        }
        if (skipHeader) {
            skipHeader = false;
            return;
        }
        if (format.csv() && text.equals("\\.")) {
            ended = true;
            return;
        }
        rows.accept(format.csv() ? parseCsv(text) : parseText(text));
    }

    private String[] parseText(String text) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean raw = true;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == format.delimiter()) {
                String rawField = text.substring(start, i);
                fields.add(raw && rawField.equals(format.nullString()) ? null : field.toString());
                field.setLength(0);
                start = i + 1;
                continue;
            }
            char c = text.charAt(i);
            if (c != '\\' || i + 1 >= text.length()) {
                field.append(c);
                continue;
            }
            char n = text.charAt(++i);
            switch (n) {
                case 'b' -> field.append('\b');
                case 'f' -> field.append('\f');
                case 'n' -> field.append('\n');
                case 'r' -> field.append('\r');
                case 't' -> field.append('\t');
                case 'v' -> field.append('\u000b');
                case 'x' -> {
                    int end = i + 1;
                    while (end < text.length() && end < i + 3 && Character.digit(text.charAt(end), 16) >= 0) end++;
                    if (end == i + 1) field.append('x');
                    else field.append((char) Integer.parseInt(text.substring(i + 1, end), 16));
                    i = end - 1;
                }
                default -> {
                    if (n >= '0' && n <= '7') {
                        int end = i;
                        while (end < text.length() && end < i + 3 && text.charAt(end) >= '0' && text.charAt(end) <= '7') end++;
                        field.append((char) Integer.parseInt(text.substring(i, end), 8));
                        i = end - 1;
                    } else {
                        field.append(n);
                    }
                }
            }
        }
        return fields.toArray(new String[0]);
    }

    private String[] parseCsv(String text) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false, wasQuoted = false;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length()) {
                if (quoted) throw new DbException("22P04", "unterminated CSV quoted field");
                fields.add(!wasQuoted && field.toString().equals(format.nullString()) ? null : field.toString());
                break;
            }
            char c = text.charAt(i);
            if (quoted) {
                if (c == format.escape() && i + 1 < text.length() && text.charAt(i + 1) == format.quote()) {
                    field.append(format.quote());
                    i++;
                } else if (c == format.quote()) {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == format.quote()) {
                quoted = true;
                wasQuoted = true;
            } else if (c == format.delimiter()) {
                fields.add(!wasQuoted && field.toString().equals(format.nullString()) ? null : field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(c);
            }
        }
        return fields.toArray(new String[0]);
    }
}
