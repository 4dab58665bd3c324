package io.tableos.db.it.isolation;

import io.tableos.db.it.oracle.Database;
import java.sql.SQLException;
import java.util.Map;

/**
 * The fixture of every Hermitage scenario (ept/hermitage): the table {@value #TABLE}
 * {@code (id int primary key, value int)} holding {@code 1 => 10, 2 => 20}, recreated for each
 * scenario, three sessions T1-T3 in autocommit mode, and a {@link LockWaits} observer. Closing
 * it closes T1 first, so a statement still waiting in another session is released, not hung.
 */
final class Hermitage implements AutoCloseable {
    static final String TABLE = "hermitage";
    static final Map<Integer, Integer> INITIAL = Map.of(1, 10, 2, 20);

    final Session t1;
    final Session t2;
    final Session t3;
    final LockWaits waits;
    private final Session setup;

    private Hermitage(Session setup, Session t1, Session t2, Session t3, LockWaits waits) {
        this.setup = setup;
        this.t1 = t1;
        this.t2 = t2;
        this.t3 = t3;
        this.waits = waits;
    }

    static Hermitage open(Database db) throws SQLException {
        Session setup = Session.open(db, "setup");
        setup.execute("DROP TABLE IF EXISTS " + TABLE);
        setup.execute("CREATE TABLE " + TABLE + " (id int PRIMARY KEY, value int)");
        setup.execute("INSERT INTO " + TABLE + " (id, value) VALUES (1, 10), (2, 20)");
        return new Hermitage(setup, Session.open(db, "T1"), Session.open(db, "T2"), Session.open(db, "T3"), new LockWaits(db));
    }

    /** The fixture with a transaction begun at {@code level} in T1 and then in T2 (BEGIN; SET TRANSACTION). */
    static Hermitage begin(Database db, Level level) throws SQLException {
        Hermitage h = open(db);
        h.t1.begin(level);
        h.t2.begin(level);
        return h;
    }

    /** The same, begun through JDBC: setTransactionIsolation, autocommit off. */
    static Hermitage beginWithJdbc(Database db, Level level) throws SQLException {
        Hermitage h = open(db);
        h.t1.beginWithJdbc(level);
        h.t2.beginWithJdbc(level);
        return h;
    }

    /** The committed contents of the table, read in a transaction of its own. */
    Map<Integer, Integer> committed() throws SQLException {
        return setup.rows("SELECT id, value FROM " + TABLE);
    }

    @Override
    public void close() throws SQLException {
        t1.close();
        t2.close();
        t3.close();
        waits.close();
        setup.close();
    }
}
