package io.tableos.db.sql.engine;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.txn.DdlOperation;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;

/**
 * CREATE DATABASE and DROP DATABASE. A cluster has one catalog (see {@link Catalog}): these
 * add and remove the names clients may connect with, replicated like other DDL, with
 * PostgreSQL's errors. As in PostgreSQL neither runs inside a transaction block, and a
 * database cannot be dropped while another session is connected to it (unless FORCE).
 */
final class DatabaseCommands {
    private final SqlSessionImpl session;

    DatabaseCommands(SqlSessionImpl session) {
        this.session = session;
    }

    StatementResult create(String name) {
        requireOutsideBlock("CREATE DATABASE");
        name = DdlNames.truncate(name);  // as PostgreSQL truncates every identifier to 63
        if (catalog().hasDatabase(name)) throw new DbException(SqlState.DUPLICATE_DATABASE, "database \"" + name + "\" already exists");
        new DdlExecutor(session).apply(new DdlOperation.CreateDatabase(name));
        return new Results.Command("CREATE DATABASE");
    }

    /**
     * @param force PostgreSQL's WITH (FORCE), which ends the sessions connected to the database;
     *              here they stay (their catalog lives on), and only the name goes
     */
    StatementResult drop(String name, boolean ifExists, boolean force) {
        requireOutsideBlock("DROP DATABASE");
        name = DdlNames.truncate(name);
        if (!catalog().hasDatabase(name)) {
            if (ifExists) return new Results.Command("DROP DATABASE", "database \"" + name + "\" does not exist, skipping");
            throw new DbException(SqlState.INVALID_CATALOG_NAME, "database \"" + name + "\" does not exist");
        }
        if (name.equals(session.databaseName)) {
            throw new DbException(SqlState.OBJECT_IN_USE, "cannot drop the currently open database");
        }
        if (!force && session.engine.hasOtherSessionOn(name, session.processId)) {
            throw new DbException(SqlState.OBJECT_IN_USE, "database \"" + name + "\" is being accessed by other users");
        }
        new DdlExecutor(session).apply(new DdlOperation.DropDatabase(name));
        return new Results.Command("DROP DATABASE", "the objects reached through \"" + name
                + "\" remain: every database name of a TableOS cluster reaches its one catalog");
    }

    /**
     * ALTER DATABASE ... SET/RESET: the new defaults apply to sessions that connect afterwards,
     * over the node's --set defaults and under the client's startup options, as in PostgreSQL.
     * Transactional like other DDL in a block.
     *
     * @param name  null for RESET ALL
     * @param value null to reset {@code name}
     */
    StatementResult alterSet(String database, String name, String value) {
        database = DdlNames.truncate(database);
        if (!catalog().hasDatabase(database)) {
            throw new DbException(SqlState.INVALID_CATALOG_NAME, "database \"" + database + "\" does not exist");
        }
        java.util.Map<String, String> settings = new java.util.TreeMap<>(catalog().databaseSettings(database));
        if (name == null) {
            settings.clear();
        } else if (value == null) {
            settings.remove(name);
        } else {
            settings.put(name, SessionSettings.checkedDefault(name, value));
        }
        new DdlExecutor(session).apply(new DdlOperation.DatabaseSettings(database, java.util.Map.copyOf(settings)));
        return new Results.Command("ALTER DATABASE");
    }

    private Catalog catalog() {
        return session.engine.transactionManager().catalog();
    }

    private void requireOutsideBlock(String command) {
        if (session.transactionState.inBlock()) {
            throw new DbException(SqlState.ACTIVE_SQL_TRANSACTION, command + " cannot run inside a transaction block");
        }
    }
}
