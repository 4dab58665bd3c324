package io.tableos.db.it.oracle;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * One of the two databases a differential test runs against: PostgreSQL 15 (the oracle) or a
 * TableOS node. A test body takes a Database and must pass on both; where TableOS deliberately
 * differs, the test branches on {@link #isPostgres()} and says why.
 */
public final class Database {
    private final String name;
    private final String jdbcUrl;

    Database(String name, String jdbcUrl) {
        this.name = name;
        this.jdbcUrl = jdbcUrl;
    }

    public String name() {
        return name;
    }

    public boolean isPostgres() {
        return name.equals("postgresql");
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** A new connection; {@code extraParameters} are pgJDBC URL parameters such as "preferQueryMode=simple". */
    public Connection connect(String... extraParameters) throws SQLException {
        StringBuilder url = new StringBuilder(jdbcUrl);
        for (String p : extraParameters) url.append('&').append(p);
        return DriverManager.getConnection(url.toString());
    }

    /** A new connection to another database of the same server (the URL's path replaced). */
    public Connection connectTo(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl.replaceFirst("(//[^/]+/)[^?]*", "$1" + database));
    }

    @Override
    public String toString() {
        return name;
    }
}
