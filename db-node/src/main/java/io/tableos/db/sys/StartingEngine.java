package io.tableos.db.sys;

import io.tableos.db.sql.session.SqlEngine;
import io.tableos.db.sql.session.SqlSession;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.Map;

/**
 * The engine the SQL port serves while the node is still starting (its port must be bound
 * before Raft starts, so peers can be told the address): refuses sessions with 57P03, as
 * PostgreSQL does during start-up, until {@link #ready} installs the real engine.
 */
final class StartingEngine implements SqlEngine {
    private volatile SqlEngine engine;

    void ready(SqlEngine realEngine) {
        this.engine = realEngine;
    }

    @Override
    public SqlSession openSession(Map<String, String> startupParameters) {
        SqlEngine current = engine;
        if (current == null) throw new DbException(SqlState.CANNOT_CONNECT_NOW, "the database system is starting up");
        return current.openSession(startupParameters);
    }
}
