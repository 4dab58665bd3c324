package io.tableos.db.sql.func;

import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;

/** Errors raised while evaluating values, worded as PostgreSQL words them. */
final class FuncErrors {
    private FuncErrors() {}

    static final String CANNOT_COERCE = "42846";
    static final String INVALID_ARGUMENT_FOR_POWER = "2201F";
    static final String INVALID_ARGUMENT_FOR_LOG = "2201E";
    static final String INVALID_REGULAR_EXPRESSION = "2201B";
    static final String INVALID_ESCAPE_SEQUENCE = "22025";
    static final String SUBSTRING_ERROR = "22011";
    static final String AMBIGUOUS_FUNCTION = "42725";

    static DbException outOfRange(String typeName) {
        return new DbException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, typeName + " out of range");
    }

    static DbException divisionByZero() {
        return new DbException(SqlState.DIVISION_BY_ZERO, "division by zero");
    }

    static DbException cannotCast(DataType from, DataType to) {
        return new DbException(CANNOT_COERCE, "cannot cast type " + from.sqlName() + " to " + to.sqlName());
    }

    static DbException noOperator(String op, Object a, Object b) {
        String left = a == null ? "" : Casts.typeOfValue(a).sqlName() + " ";
        return new DbException(SqlState.UNDEFINED_FUNCTION,
                "operator does not exist: " + left + op + " " + Casts.typeOfValue(b).sqlName(), null,
                "No operator matches the given name and argument types. You might need to add explicit type casts.", 0, null);
    }

    static DbException invalidParameter(String message) {
        return new DbException(SqlState.INVALID_PARAMETER_VALUE, message);
    }
}
