package io.tableos.db.it.isolation;

import java.sql.Connection;

/** The three isolation levels PostgreSQL implements, by SQL name and by JDBC constant. */
enum Level {
    READ_COMMITTED("READ COMMITTED", Connection.TRANSACTION_READ_COMMITTED),
    REPEATABLE_READ("REPEATABLE READ", Connection.TRANSACTION_REPEATABLE_READ),
    SERIALIZABLE("SERIALIZABLE", Connection.TRANSACTION_SERIALIZABLE);

    final String sql;
    final int jdbc;

    Level(String sql, int jdbc) {
        this.sql = sql;
        this.jdbc = jdbc;
    }

    /** True where a transaction keeps one snapshot (REPEATABLE READ and SERIALIZABLE). */
    boolean snapshotPerTransaction() {
        return this != READ_COMMITTED;
    }

    @Override
    public String toString() {
        return sql;
    }
}
