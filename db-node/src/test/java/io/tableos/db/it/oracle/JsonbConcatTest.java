package io.tableos.db.it.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** {@code jsonb || jsonb} merges objects and concatenates arrays, compared with PostgreSQL 15 (it was text concatenation). */
class JsonbConcatTest {

    @OnBothDatabases
    void jsonbConcatenationMergesObjectsAndAppendsArrays(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT '{\"h\": 1, \"k\": 2}'::jsonb || jsonb_build_object('k', 'x'::text, 'b', 5::bigint),"
                     + " '[1, 2]'::jsonb || '[3]'::jsonb, '[1]'::jsonb || '{\"a\": 1}'::jsonb, '\"s\"'::jsonb || '2'::jsonb,"
                     + " jsonb_typeof('{}'::jsonb || '{}'::jsonb), 'a' || 'b'")) {
            r.next();
            assertEquals("{\"b\": 5, \"h\": 1, \"k\": \"x\"}", r.getString(1));
            assertEquals("[1, 2, 3]", r.getString(2));
            assertEquals("[1, {\"a\": 1}]", r.getString(3));
            assertEquals("[\"s\", 2]", r.getString(4));
            assertEquals("object", r.getString(5));
            assertEquals("ab", r.getString(6));
        }
    }
}
