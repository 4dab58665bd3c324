package io.tableos.ecosystem;

import io.tableos.db.it.oracle.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Each library test works in a schema of its own on the shared PostgreSQL server and node, made
 * empty at its start ({@code DROP SCHEMA ... CASCADE}, then {@code CREATE SCHEMA}), so that tests
 * of different libraries cannot see each other's tables and a rerun starts clean.
 */
final class Schemas {
    private Schemas() {}

    /** Drops {@code schema} with everything in it and creates it again, empty. */
    static void recreate(Database db, String schema) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    /** The database's JDBC URL with {@code schema} first on the search path. */
    static String url(Database db, String schema) {
        return db.jdbcUrl() + "&currentSchema=" + schema;
    }

    /** pgJDBC's own unpooled DataSource for {@code schema}: a library's plain DataSource input. */
    static DataSource dataSource(Database db, String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url(db, schema));
        return ds;
    }
}
