package io.tableos.db.it.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * statement_timeout ends a statement that waits for a row lock with 57014, well before the
 * lock timeout, and the session goes on (applications set statement_timeout for exactly this).
 */
class LockWaitInterruptTest {

    @OnBothDatabases
    void statementTimeoutEndsARowLockWait(Database db) throws SQLException {
        try (Connection holder = db.connect(); Connection waiter = db.connect()) {
            try (Statement s = holder.createStatement()) {
                s.execute("DROP TABLE IF EXISTS lock_wait_t");
                s.execute("CREATE TABLE lock_wait_t (id int PRIMARY KEY, v int)");
                s.execute("INSERT INTO lock_wait_t VALUES (1, 0)");
            }
            holder.setAutoCommit(false);
            holder.createStatement().executeUpdate("UPDATE lock_wait_t SET v = 1 WHERE id = 1");
            try (Statement s = waiter.createStatement()) {
                s.execute("SET statement_timeout = 300");
                SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("UPDATE lock_wait_t SET v = 2 WHERE id = 1"));
                assertEquals("57014", e.getSQLState(), e.getMessage());
                s.execute("SET statement_timeout = 0");
                holder.commit();
                assertEquals(1, s.executeUpdate("UPDATE lock_wait_t SET v = v + 10 WHERE id = 1"), "the session goes on");
                var rs = s.executeQuery("SELECT v FROM lock_wait_t WHERE id = 1");
                rs.next();
                assertEquals(11, rs.getInt(1));
                s.execute("DROP TABLE lock_wait_t");
            }
        }
    }
}
