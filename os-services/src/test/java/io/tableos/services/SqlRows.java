package io.tableos.services;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Plain-SQL reads for service tests: every row of a query as Java values, or its first value. */
public final class SqlRows {
    private SqlRows() {}

    public static List<Object[]> rows(Connection c, String sql) throws SQLException {
        List<Object[]> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int n = r.getMetaData().getColumnCount();
            while (r.next()) {
                Object[] row = new Object[n];
                for (int i = 0; i < n; i++) row[i] = r.getObject(i + 1);
                out.add(row);
            }
        }
        return out;
    }

    public static Object value(Connection c, String sql) throws SQLException {
        return rows(c, sql).get(0)[0];
    }

    public static long number(Connection c, String sql) throws SQLException {
        return ((Number) value(c, sql)).longValue();
    }
}
