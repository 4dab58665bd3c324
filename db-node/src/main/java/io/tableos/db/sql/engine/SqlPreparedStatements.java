package io.tableos.db.sql.engine;

import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.HashMap;
import java.util.Map;

/** A session's SQL-level prepared statements (PREPARE / EXECUTE / DEALLOCATE), bounded. */
final class SqlPreparedStatements {
    private final int max;
    private final Map<String, Prepared> byName = new HashMap<>();

    SqlPreparedStatements(int max) {
        this.max = max;
    }

    void add(String name, Prepared prepared) {
        if (byName.containsKey(name)) {
            throw new DbException(SqlState.DUPLICATE_PREPARED_STATEMENT, "prepared statement \"" + name + "\" already exists");
        }
        if (byName.size() >= max) {
            throw new DbException(SqlState.PROGRAM_LIMIT_EXCEEDED, "too many prepared statements in this session (max " + max + ")");
        }
        byName.put(name, prepared);
    }

    Prepared get(String name) {
        Prepared p = byName.get(name);
        if (p == null) throw new DbException(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name + "\" does not exist");
        return p;
    }

    void remove(String name) {
        if (byName.remove(name) == null) {
            throw new DbException(SqlState.INVALID_SQL_STATEMENT_NAME, "prepared statement \"" + name + "\" does not exist");
        }
    }

    void clear() {
        byName.clear();
    }
}
