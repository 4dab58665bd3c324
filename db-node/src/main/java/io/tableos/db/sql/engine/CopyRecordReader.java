package io.tableos.db.sql.engine;

import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts COPY input, arriving in chunks split anywhere, into records and records into fields.
 * A record ends at a newline (a preceding carriage return is dropped) outside CSV quotes. In
 * text format a field equal to the null marker is NULL and backslash escapes are decoded
 * ({@code \b \f \n \r \t \v \\}, octal {@code \ooo}, hex {@code \xhh}, any other char as
 * itself); the line {@code \.} ends the data. In CSV an unquoted field equal to the null
 * marker is NULL, quotes enclose fields and the escape char escapes a quote inside them.
 * One record may hold at most {@code lineBytesMax} bytes (54000 above).
 */
final class CopyRecordReader {
    interface RecordHandler {
        /** One parsed record; {@code lineNumber} is 1-based. Fields: null for SQL NULL. */
        void record(List<String> fields, long lineNumber);
    }

    private final CopyFormat format;
    private final int lineBytesMax;
    private final RecordHandler handler;
    private byte[] line = new byte[256];
    private int length;
    private boolean inQuotes;
    private boolean previousWasEscape;
    private long lineNumber;
    private boolean ended;
    private boolean headerSkipped;

    CopyRecordReader(CopyFormat format, int lineBytesMax, RecordHandler handler) {
        this.format = format;
        this.lineBytesMax = lineBytesMax;
        this.handler = handler;
    }

    void data(byte[] chunk, int offset, int count) {
        for (int i = offset; i < offset + count && !ended; i++) {
            byte b = chunk[i];
            if (format.csv()) {
                if (inQuotes) {
                    if (previousWasEscape) {
                        previousWasEscape = false;
                    } else if (b == format.escape() && format.escape() != format.quote()) {
                        previousWasEscape = true;
                    } else if (b == format.quote()) {
                        inQuotes = false;
                    }
                } else if (b == format.quote()) {
                    inQuotes = true;
                }
            }
            if (b == '\n' && !inQuotes) {
                endRecord();
                continue;
            }
            append(b);
        }
    }

    /** The end of the data: a last record without a newline counts. */
    void finish() {
        if (ended) return;
        if (inQuotes) throw error("unterminated CSV quoted field");
        if (length > 0) endRecord();
        ended = true;
    }

    private void append(byte b) {
        if (length == line.length) {
            if (length >= lineBytesMax) {
                throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "COPY line exceeds the limit of " + lineBytesMax + " bytes",
                        null, null, 0, null).withDetail("line " + (lineNumber + 1));
            }
            line = java.util.Arrays.copyOf(line, Math.min(lineBytesMax, length * 2));
        }
        line[length++] = b;
    }

    private void endRecord() {
        lineNumber++;
        int end = length;
        if (end > 0 && line[end - 1] == '\r') end--;
        String text = new String(line, 0, end, StandardCharsets.UTF_8);
        length = 0;
        if (!format.csv() && text.equals("\\.")) {
            ended = true;
            return;
        }
        if (format.csv() && text.equals("\\.")) {
            ended = true;
            return;
        }
        if (format.header() && !headerSkipped) {
            headerSkipped = true;
            return;
        }
        handler.record(format.csv() ? csvFields(text) : textFields(text), lineNumber);
    }

    long lineNumber() {
        return lineNumber;
    }

    private List<String> textFields(String text) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == format.delimiter()) {
                String raw = text.substring(start, i);
                fields.add(raw.equals(format.nullString()) ? null : unescape(raw));
                start = i + 1;
            } else if (text.charAt(i) == '\\') {
                i++; // an escaped char (even the delimiter) never ends the field
            }
        }
        return fields;
    }

    private String unescape(String raw) {
        if (raw.indexOf('\\') < 0) return raw;
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '\\' || i + 1 == raw.length()) {
                sb.append(c);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000B');
                case 'x' -> {
                    int j = i + 1;
                    int value = 0;
                    while (j < raw.length() && j < i + 3 && Character.digit(raw.charAt(j), 16) >= 0) value = value * 16 + Character.digit(raw.charAt(j++), 16);
                    if (j == i + 1) sb.append('x');
                    else sb.append((char) value);
                    i = j - 1;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int j = i;
                        int value = 0;
                        while (j < raw.length() && j < i + 3 && raw.charAt(j) >= '0' && raw.charAt(j) <= '7') value = value * 8 + (raw.charAt(j++) - '0');
                        sb.append((char) value);
                        i = j - 1;
                    } else {
                        sb.append(e);
                    }
                }
            }
        }
        return sb.toString();
    }

    private List<String> csvFields(String text) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length()) {
                fields.add(csvValue(field.toString(), wasQuoted));
                break;
            }
            char c = text.charAt(i);
            if (quoted) {
                char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
                if (c == format.escape() && i + 1 < text.length() && (next == format.quote() || next == format.escape())) {
                    field.append(next); // an escaped quote (or escape) inside quotes
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
                fields.add(csvValue(field.toString(), wasQuoted));
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(c);
            }
        }
        return fields;
    }

    private String csvValue(String value, boolean wasQuoted) {
        return !wasQuoted && value.equals(format.nullString()) ? null : value;
    }

    private DbException error(String message) {
        return new DbException(SqlState.INVALID_TEXT_REPRESENTATION, message, "COPY, line " + (lineNumber + 1), null, 0, null);
    }
}
