package io.tableos.db.sql.plpgsql;

import io.tableos.db.sql.exec.StatementRunner;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.HashMap;
import java.util.Map;

/**
 * The cursors one call of a body has open, by portal name (a cursor variable's value). A cursor
 * holds its query's rows from OPEN, so it reads the data as of OPEN whatever the body writes
 * while fetching, as PostgreSQL's cursors do; the rows are bounded as every query of a body is
 * ({@link io.tableos.db.sql.exec.Limits#DML_ROWS_MAX}, 54000 beyond), and at most
 * {@link #OPEN_CURSORS_MAX} cursors are open at once. They close when the call ends.
 */
final class Cursors {
    /** Open cursors of one call; each may hold up to DML_ROWS_MAX rows. */
    static final int OPEN_CURSORS_MAX = 64;

    private static final class Cursor {
        final StatementRunner.Outcome result;
        int next;

        Cursor(StatementRunner.Outcome result) {
            this.result = result;
        }
    }

    private final Map<String, Cursor> open = new HashMap<>();
    private int unnamed;

    /** A portal name for an unbound cursor variable that is null at OPEN. */
    String newName() {
        return "<unnamed portal " + ++unnamed + ">";
    }

    /** 42P03 when a cursor of that name is open already. */
    void checkClosed(String name) {
        if (open.containsKey(name)) throw new DbException(SqlState.DUPLICATE_CURSOR, "cursor \"" + name + "\" already in use");
    }

    void open(String name, StatementRunner.Outcome result) {
        checkClosed(name);
        if (open.size() == OPEN_CURSORS_MAX) {
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "too many open cursors in one call (max " + OPEN_CURSORS_MAX + ")");
        }
        open.put(name, new Cursor(result));
    }

    /** The next row of cursor {@code name}, or null past its last (34000 when it is not open). */
    Object[] fetch(String name) {
        Cursor c = cursor(name);
        if (c.next >= c.result.rows().size()) return null;
        return c.result.rows().get(c.next++);
    }

    StatementRunner.Outcome result(String name) {
        return cursor(name).result;
    }

    void close(String name) {
        cursor(name);
        open.remove(name);
    }

    /** Closes {@code name} if it is open (a FOR loop ending, whose body may have closed it itself). */
    void closeIfOpen(String name) {
        open.remove(name);
    }

    private Cursor cursor(String name) {
        Cursor c = open.get(name);
        if (c == null) throw new DbException(SqlState.INVALID_CURSOR_NAME, "cursor \"" + name + "\" does not exist");
        return c;
    }
}
