package io.tableos.services;

import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.List;

/**
 * What every service module's procedure registrations share: one-column results, one-row
 * answers, and required arguments read from a call (NULL where a value is required is 22023,
 * as PostgreSQL reports an invalid parameter value).
 */
public final class ProcedureValues {
    private ProcedureValues() {}

    public static List<ResultColumn> one(String name, DataType type) {
        return List.of(ResultColumn.of(name, type));
    }

    public static List<Object[]> row(Object value) {
        return List.<Object[]>of(new Object[] {value});
    }

    public static String text(Object value, String name) {
        return (String) required(value, name);
    }

    public static int integer(Object value, String name) {
        return ((Number) required(value, name)).intValue();
    }

    public static long number(Object value, String name) {
        return ((Number) required(value, name)).longValue();
    }

    private static Object required(Object value, String name) {
        if (value == null) throw new DbException(SqlState.INVALID_PARAMETER_VALUE, name + " must not be null");
        return value;
    }
}
