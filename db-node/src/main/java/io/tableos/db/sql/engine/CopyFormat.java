package io.tableos.db.sql.engine;

import io.tableos.db.sql.parse.UtilityStatement;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;

/**
 * The resolved options of one COPY: text or CSV, delimiter, null marker, quote and escape
 * (PostgreSQL's defaults: text uses tab and {@code \N}; CSV uses comma, the empty string, and
 * {@code "} for both quote and escape).
 */
record CopyFormat(boolean csv, boolean header, char delimiter, String nullString, char quote, char escape) {

    static CopyFormat of(UtilityStatement.Copy c) {
        if (c.format().equals("binary")) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "COPY in binary format is not supported; use text or csv");
        }
        boolean csv = c.format().equals("csv");
        char delimiter = single("delimiter", c.delimiter(), csv ? ',' : '\t');
        String nullString = c.nullString() != null ? c.nullString() : (csv ? "" : "\\N");
        char quote = single("quote", c.quote(), '"');
        char escape = single("escape", c.escape(), quote);
        if (!csv && (c.quote() != null || c.escape() != null)) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "COPY quote and escape are available only in CSV mode");
        }
        if (!csv && c.header()) {
            // PostgreSQL 15 accepts HEADER in text format too: the first line is skipped on input, written on output.
        }
        if (delimiter == '\n' || delimiter == '\r' || (!csv && delimiter == '\\')) {
            throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter cannot be newline, carriage return or backslash");
        }
        if (csv && delimiter == quote) throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "COPY delimiter and quote must be different");
        return new CopyFormat(csv, c.header(), delimiter, nullString, quote, escape);
    }

    private static char single(String what, String value, char fallback) {
        if (value == null) return fallback;
        if (value.length() != 1) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "COPY " + what + " must be a single one-byte character");
        }
        return value.charAt(0);
    }
}
