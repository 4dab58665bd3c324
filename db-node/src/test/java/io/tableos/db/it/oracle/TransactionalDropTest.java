package io.tableos.db.it.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * DROP TABLE inside a transaction block, as migration tools rely on it: ROLLBACK (or a failed
 * block) leaves the table and its rows whole; COMMIT drops it.
 */
class TransactionalDropTest {

    @OnBothDatabases
    void dropInABlockIsUndoneByRollbackAndDoneByCommit(Database db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS tx_drop_t");
            s.execute("CREATE TABLE tx_drop_t (id int PRIMARY KEY)");
            s.execute("INSERT INTO tx_drop_t VALUES (1), (2)");
            c.setAutoCommit(false);
            s.execute("DROP TABLE tx_drop_t");
            assertEquals("42P01", assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM tx_drop_t")).getSQLState());
            c.rollback();
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM tx_drop_t")) {
                rs.next();
                assertEquals(2, rs.getInt(1), "rolled back: the table and its rows are back");
            }
            c.commit();
            s.execute("DROP TABLE tx_drop_t");
            c.commit();
            assertEquals("42P01", assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM tx_drop_t")).getSQLState());
            c.rollback();
        }
    }
}
