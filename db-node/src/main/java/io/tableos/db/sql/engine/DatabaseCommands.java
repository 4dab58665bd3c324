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
    /** PostgreSQL's NAMEDATALEN - 1. */
    private static final int NAME_BYTES_MAX = 63;

    private final SqlSessionImpl session;

    DatabaseCommands(SqlSessionImpl session) {
        this.session = session;
    }

    StatementResult create(String name) {
        requireOutsideBlock("CREATE DATABASE");
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > NAME_BYTES_MAX) {
            throw new DbException(SqlState.NAME_TOO_LONG, "database name \"" + name + "\" is too long");
        }
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

    private Catalog catalog() {
        return session.engine.transactionManager().catalog();
    }

    private void requireOutsideBlock(String command) {
        if (session.transactionState.inBlock()) {
            throw new DbException(SqlState.ACTIVE_SQL_TRANSACTION, command + " cannot run inside a transaction block");
        }
    }
}
