package io.tableos.db.wire.pgwire;

import io.tableos.db.sql.session.PreparedStatement;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A session's prepared statements and portals by name ("" is the unnamed one, replaced
 * silently; a named one must be closed before reuse). Bounded by
 * {@code maxPreparedStatementsPerSession} and {@code maxPortalsPerSession} (53400).
 * Worker-confined.
 */
final class StatementRegistry {
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    private final int maxStatements;
    private final int maxPortals;

    StatementRegistry(int maxStatements, int maxPortals) {
        this.maxStatements = maxStatements;
        this.maxPortals = maxPortals;
    }

    /** Checks a statement name can be (re)defined before the costly prepare. */
    void checkStatementName(String name) {
        if (name.isEmpty()) return;
        if (statements.containsKey(name)) {
            throw new DbException(SqlState.DUPLICATE_PREPARED_STATEMENT, "prepared statement \"" + name + "\" already exists");
        }
        if (statements.size() >= maxStatements) {
            throw new DbException(ProtocolCodes.CONFIGURATION_LIMIT_EXCEEDED,
                    "too many prepared statements in this session (maximum " + maxStatements + ")", null,
                    "Close (DEALLOCATE) statements that are no longer needed.", 0, null);
        }
    }

    void putStatement(String name, PreparedStatement statement) {
        checkStatementName(name);
        if (name.isEmpty()) closeStatement(name);
        statements.put(name, statement);
    }

    PreparedStatement statement(String name) {
        PreparedStatement s = statements.get(name);
        if (s == null) {
            throw new DbException(SqlState.INVALID_SQL_STATEMENT_NAME,
                    name.isEmpty() ? "unnamed prepared statement does not exist" : "prepared statement \"" + name + "\" does not exist");
        }
        return s;
    }

    /** Closing a statement closes the portals bound from it, as in PostgreSQL. */
    void closeStatement(String name) {
        PreparedStatement s = statements.remove(name);
        if (s == null) return;
        for (Iterator<Portal> it = portals.values().iterator(); it.hasNext(); ) {
            Portal p = it.next();
            if (p.statement == s) {
                p.closeResult();
                it.remove();
            }
        }
    }

    void checkPortalName(String name) {
        if (name.isEmpty()) return;
        if (portals.containsKey(name)) {
            throw new DbException(ProtocolCodes.DUPLICATE_CURSOR, "cursor \"" + name + "\" already exists");
        }
        if (portals.size() >= maxPortals) {
            throw new DbException(ProtocolCodes.CONFIGURATION_LIMIT_EXCEEDED,
                    "too many open portals in this session (maximum " + maxPortals + ")");
        }
    }

    void putPortal(Portal portal) {
        checkPortalName(portal.name);
        closePortal(portal.name);
        portals.put(portal.name, portal);
    }

    Portal portal(String name) {
        Portal p = portals.get(name);
        if (p == null) {
            throw new DbException(SqlState.INVALID_CURSOR_NAME,
                    name.isEmpty() ? "unnamed portal does not exist" : "portal \"" + name + "\" does not exist");
        }
        return p;
    }

    void closePortal(String name) {
        Portal p = portals.remove(name);
        if (p != null) p.closeResult();
    }

    /** At the end of a transaction portals die (no WITH HOLD cursors). */
    void closeAllPortals() {
        for (Portal p : portals.values()) p.closeResult();
        portals.clear();
    }

    void closeAll() {
        closeAllPortals();
        statements.clear();
    }

    int statementCount() {
        return statements.size();
    }

    int portalCount() {
        return portals.size();
    }
}
