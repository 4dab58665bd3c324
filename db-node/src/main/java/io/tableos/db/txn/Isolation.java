package io.tableos.db.txn;

import java.util.Locale;

/**
 * PostgreSQL's isolation levels, with PostgreSQL's documented semantics (READ UNCOMMITTED
 * behaves as READ COMMITTED, as there).
 *
 * <ul>
 *   <li>READ COMMITTED: each statement reads a snapshot taken when it starts; a row that
 *       UPDATE, DELETE or FOR UPDATE finds changed by a transaction committed since is
 *       re-read in its newest version and the WHERE clause re-checked.</li>
 *   <li>REPEATABLE READ: one snapshot for the whole transaction; writing or locking a row
 *       changed since the snapshot fails with 40001.</li>
 *   <li>SERIALIZABLE: REPEATABLE READ plus validation at commit of everything read (rows,
 *       ranges, whole tables) against what committed since the snapshot. Read-only
 *       transactions never fail: their snapshot is a prefix of the commit order.</li>
 * </ul>
 */
public enum Isolation {
    READ_COMMITTED, REPEATABLE_READ, SERIALIZABLE;

    /** From PostgreSQL's spelling ("read committed", "repeatable read", ...). */
    public static Isolation parse(String level) {
        return switch (level.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")) {
            case "serializable" -> SERIALIZABLE;
            case "repeatable read" -> REPEATABLE_READ;
            case "read committed", "read uncommitted" -> READ_COMMITTED;
            default -> throw new IllegalArgumentException("unknown isolation level: " + level);
        };
    }

    /** True when the whole transaction reads one snapshot. */
    boolean snapshotPerTransaction() {
        return this != READ_COMMITTED;
    }
}
