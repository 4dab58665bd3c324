package io.tableos.db.types.text;

import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;

/** The exceptions PostgreSQL raises for bad input, with its exact message wording. */
public final class TextErrors {
    private TextErrors() {}

    /** 22P02 {@code invalid input syntax for type integer: "abc"}. */
    public static DbException invalidSyntax(String typeName, String text) {
        return new DbException(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }

    /** 22007, the date/time flavour of {@link #invalidSyntax}. */
    public static DbException invalidDateTime(String typeName, String text) {
        return new DbException(SqlState.INVALID_DATETIME_FORMAT,
                "invalid input syntax for type " + typeName + ": \"" + text + "\"");
    }

    /** 22008 {@code date/time field value out of range: "2024-02-30"}. */
    public static DbException dateTimeFieldOutOfRange(String text) {
        return new DbException(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \"" + text + "\"");
    }

    /** 22003 {@code value "99999999999" is out of range for type integer}. */
    public static DbException valueOutOfRange(String text, String typeName) {
        return new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                "value \"" + text + "\" is out of range for type " + typeName);
    }

    /** 22003 {@code "1e400" is out of range for type double precision}. */
    public static DbException floatOutOfRange(String text, String typeName) {
        return new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                "\"" + text + "\" is out of range for type " + typeName);
    }
}
