package io.tableos.db.wire.pgwire;

import io.tableos.db.sql.session.PreparedStatement;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.HashMap;
import java.util.Map;

/**
 * A session's prepared statements and portals by name ("" is the unnamed one, replaced
 * silently; a named one must be closed before reuse). Worker-confined.
 *
 * <p>Portals live until Close or the end of their transaction, independently of the statement
 * they were bound from (as in PostgreSQL, where a portal keeps its own reference to the plan):
 * pgJDBC re-parses the unnamed statement while a result set of an earlier one is still being
 * fetched. What open portals hold is bounded, each limit answering 53400: their number
 * ({@code maxPortalsPerSession}), their parameter bytes ({@code maxPortalBytes}) and the
 * portals holding an open result between Executes ({@code maxOpenResults}), since a
 * suspended result may keep a sort or hash table in memory.
 */
final class StatementRegistry {
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    private final int maxStatements;
    private final int maxPortals;
    private final long maxPortalBytes;
    private final int maxOpenResults;
    private long portalBytes;

    StatementRegistry(int maxStatements, int maxPortals, long maxPortalBytes, int maxOpenResults) {
        this.maxStatements = maxStatements;
        this.maxPortals = maxPortals;
        this.maxPortalBytes = maxPortalBytes;
        this.maxOpenResults = maxOpenResults;
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

    /** Portals bound from the statement stay open (see the class comment). */
    void closeStatement(String name) {
        statements.remove(name);
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
        if (portalBytes + portal.bindBytes > maxPortalBytes) {
            throw new DbException(ProtocolCodes.CONFIGURATION_LIMIT_EXCEEDED,
                    "open portals of this session would hold more than " + maxPortalBytes + " parameter bytes", null,
                    "Close portals (result sets) that are no longer needed, or end the transaction.", 0, null);
        }
        portalBytes += portal.bindBytes;
        portals.put(portal.name, portal);
    }

    /** Before a portal's first Execute creates its result. */
    void checkCanOpenResult(Portal portal) {
        if (portal.result != null || portal.completedTag != null) return;
        int open = 0;
        for (Portal p : portals.values()) if (p.result != null) open++;
        if (open >= maxOpenResults) {
            throw new DbException(ProtocolCodes.CONFIGURATION_LIMIT_EXCEEDED,
                    "too many suspended portals in this session (maximum " + maxOpenResults + ")", null,
                    "Fetch result sets to their end or close them before opening more.", 0, null);
        }
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
        if (p != null) {
            portalBytes -= p.bindBytes;
            p.closeResult();
        }
    }

    /** At the end of a transaction portals die (no WITH HOLD cursors). */
    void closeAllPortals() {
        for (Portal p : portals.values()) p.closeResult();
        portals.clear();
        portalBytes = 0;
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
