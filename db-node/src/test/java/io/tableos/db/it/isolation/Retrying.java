package io.tableos.db.it.isolation;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a transaction body on a connection in manual-commit mode until it commits, retrying only
 * on serialization failure (40001), as a client of a SERIALIZABLE database must. Any other error
 * ends it. {@link #ATTEMPTS_MAX} bounds the retries of one transaction, so a database that fails
 * every attempt fails the test instead of hanging it.
 */
final class Retrying {
    static final int ATTEMPTS_MAX = 5_000;

    private Retrying() {}

    @FunctionalInterface
    interface Body<T> {
        T run(Connection c) throws SQLException;
    }

    /** Returns what the attempt that committed returned; counts the failed attempts in {@code retries}. */
    static <T> T transaction(Connection c, AtomicLong retries, Body<T> body) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                T result = body.run(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                c.rollback();
                if (!Session.SERIALIZATION_FAILURE.equals(e.getSQLState()) || attempt >= ATTEMPTS_MAX) throw e;
                retries.incrementAndGet();
            }
        }
    }
}
