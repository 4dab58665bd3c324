package io.tableos.db.it.isolation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * The table of the randomized histories, {@value #NAME} (id, v, writer): rows 0..rows-1, each
 * starting at the same value written by {@link Version#INITIAL_WRITER}. Every access of a
 * recorded transaction goes through here, so what it read and wrote is exactly what the
 * database returned and was told.
 */
final class HistoryTable {
    static final String NAME = "iso_history";

    final int rows;
    final long initialValue;

    HistoryTable(int rows, long initialValue) {
        this.rows = rows;
        this.initialValue = initialValue;
    }

    void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + NAME);
            s.execute("CREATE TABLE " + NAME + " (id int PRIMARY KEY, v bigint NOT NULL, writer bigint NOT NULL)");
            StringBuilder insert = new StringBuilder("INSERT INTO " + NAME + " (id, v, writer) VALUES ");
            for (int id = 0; id < rows; id++) {
                insert.append(id == 0 ? "" : ", ").append('(').append(id).append(", ").append(initialValue)
                        .append(", ").append(Version.INITIAL_WRITER).append(')');
            }
            s.execute(insert.toString());
        }
    }

    Map<Integer, Version> initial() {
        Map<Integer, Version> state = new TreeMap<>();
        for (int id = 0; id < rows; id++) state.put(id, new Version(Version.INITIAL_WRITER, initialValue));
        return state;
    }

    /** The committed state, read in a transaction of its own. */
    Map<Integer, Version> committed(Connection c) throws SQLException {
        Map<Integer, Version> state = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, v, writer FROM " + NAME)) {
            while (rs.next()) state.put(rs.getInt(1), new Version(rs.getLong(3), rs.getLong(2)));
        }
        return state;
    }

    /** Prepared statements of one client connection. */
    final class Access implements AutoCloseable {
        private final PreparedStatement readRange;
        private final PreparedStatement write;

        Access(Connection c) throws SQLException {
            readRange = c.prepareStatement("SELECT id, v, writer FROM " + NAME + " WHERE id BETWEEN ? AND ?");
            write = c.prepareStatement("UPDATE " + NAME + " SET v = ?, writer = ? WHERE id = ?");
        }

        /** Reads rows first..last in one statement and records each. */
        Map<Integer, Version> read(RecordedTransaction t, int first, int last) throws SQLException {
            Map<Integer, Version> seen = new TreeMap<>();
            readRange.setInt(1, first);
            readRange.setInt(2, last);
            try (ResultSet rs = readRange.executeQuery()) {
                while (rs.next()) {
                    Version v = new Version(rs.getLong(3), rs.getLong(2));
                    seen.put(rs.getInt(1), v);
                    t.read(rs.getInt(1), v);
                }
            }
            if (seen.size() != last - first + 1) throw new AssertionError("T" + t.id + " read rows " + first + ".." + last + ": got " + seen);
            return seen;
        }

        void write(RecordedTransaction t, int key, long value) throws SQLException {
            write.setLong(1, value);
            write.setLong(2, t.id);
            write.setInt(3, key);
            if (write.executeUpdate() != 1) throw new AssertionError("T" + t.id + ": update of row " + key + " changed no row");
            t.wrote(key, value);
        }

        @Override
        public void close() throws SQLException {
            readRange.close();
            write.close();
        }
    }
}
