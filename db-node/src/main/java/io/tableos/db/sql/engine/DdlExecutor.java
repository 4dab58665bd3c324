package io.tableos.db.sql.engine;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.CheckConstraintDef;
import io.tableos.db.catalog.SearchPath;
import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.sql.parse.UtilityStatement;
import io.tableos.db.sql.plan.ConstraintPlanner;
import io.tableos.db.sql.plan.DmlPlanner;
import io.tableos.db.sql.plan.ParamTypes;
import io.tableos.db.sql.plan.PlanContext;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.storage.TableStore;
import io.tableos.db.txn.DdlOperation;
import io.tableos.db.txn.Isolation;
import io.tableos.db.txn.Transaction;
import io.tableos.db.txn.TransactionManager;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.sequence.AlterSequence;
import net.sf.jsqlparser.statement.comment.Comment;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.schema.CreateSchema;
import net.sf.jsqlparser.statement.create.sequence.CreateSequence;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.drop.Drop;

/**
 * Executes DDL against the catalog through {@link TransactionManager#applyDdl}: each
 * change commits on its own as it runs, and the session's transaction keeps its
 * {@link DdlUndo}, so that a ROLLBACK undoes a CREATE, an ALTER that added columns,
 * indexes or constraints, a DROP TABLE or a retype in a block (both keep the rows until the
 * block ends). Other changes that destroy data (dropping a column, a sequence or a schema)
 * cannot be undone; inside a transaction block the statement says so. Object ids come
 * from {@link Catalog#peekNextObjectId()} under the engine's DDL lock, so two sessions of
 * this node never pick the same ids. TRUNCATE is the exception: it runs in the session's
 * transaction.
 */
final class DdlExecutor {
    private final SqlSessionImpl session;
    private final TransactionManager tm;
    private final Catalog catalog;
    /** A change this statement applied cannot be undone by rolling the transaction back. */
    private boolean irreversible;

    DdlExecutor(SqlSessionImpl session) {
        this.session = session;
        this.tm = session.engine.transactionManager();
        this.catalog = tm.catalog();
    }

    /** The session's search path, which unqualified names of DDL go through. */
    SearchPath searchPath() {
        return session.searchPath();
    }

    /** The existing object {@code t} names (see {@link DdlNames#of}). */
    DdlNames.Qualified name(Table t) {
        return DdlNames.of(t, searchPath(), catalog);
    }

    /** Where CREATE puts {@code t}. */
    DdlNames.Qualified nameToCreate(Table t) {
        return DdlNames.toCreate(t, searchPath(), catalog);
    }

    StatementResult execute(Statement statement, String text) {
        if (statement instanceof Comment) return new Results.Command("COMMENT");
        requireWritable(statement == null ? "CREATE SEQUENCE" : tagOf(statement));
        if (CreateTableAs.handles(statement)) return new CreateTableAs(this).execute(statement);
        StatementResult result;
        synchronized (session.engine.ddlLock()) {
            awaitEarlierChanges();
            result = executeLocked(statement, text);
        }
        if (!irreversible || !session.transactionState.inBlock()) return result;
        String notice = result.notice() == null ? NOT_UNDONE : result.notice() + "\n" + NOT_UNDONE;
        return new Results.Command(result.commandTag(), notice);
    }

    /** A catalog change parsed outside JSqlParser (functions, triggers): writable transaction required, under the DDL lock. */
    StatementResult run(String tag, java.util.function.Supplier<StatementResult> change) {
        requireWritable(tag);
        synchronized (session.engine.ddlLock()) {
            awaitEarlierChanges();
            return change.get();
        }
    }

    /**
     * Waits until everything sequenced before is applied, so this statement's checks (IF NOT
     * EXISTS, IF EXISTS, name clashes) read the catalog as it will be when its own change
     * applies. Under the DDL lock nothing of this node's DDL is in flight, except a change whose
     * wait timed out (08007: it may still commit); a client retrying that statement must then
     * find the object, not create it a second time and fail with 42P07 when both apply. Costs
     * nothing when all is applied (an empty procedure completes at once).
     */
    private void awaitEarlierChanges() {
        tm.runProcedure(transaction -> null);
    }

    static final String NOT_UNDONE = "this change is committed already: ROLLBACK will not undo it";

    private StatementResult executeLocked(Statement statement, String text) {
        if (statement == null || statement instanceof CreateSequence) return SequenceDdl.create(this, text);
        if (statement instanceof CreateTable ct) return createTable(ct);
        if (statement instanceof Drop d) return drop(d);
        if (statement instanceof CreateIndex ci) return IndexDdl.create(this, ci);
        if (statement instanceof Alter a) return new AlterTableDdl(this).alter(a, text);
        if (statement instanceof CreateSchema cs) return createSchema(cs);
        if (statement instanceof CreateView cv) return ViewDdl.create(this, cv);
        if (statement instanceof AlterSequence as) return SequenceDdl.alter(this, as);
        throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "statement not supported: " + firstWords(statement.toString()));
    }

    private static String firstWords(String s) {
        String[] w = s.trim().split("\\s+");
        return w.length >= 2 ? (w[0] + " " + w[1]).toUpperCase(Locale.ROOT) : s;
    }

    private static String tagOf(Statement s) {
        return firstWords(s.toString());
    }

    /** DDL writes: refused in a read-only transaction and on a follower, as writes are. */
    void requireWritable(String what) {
        TransactionState state = session.transactionState;
        boolean readOnly = state.mode() != TransactionState.Mode.NONE ? state.readOnly() : session.defaultReadOnly();
        if (!tm.isLeader()) throw tm.notLeaderError(what);
        if (readOnly) {
            throw new DbException(SqlState.READ_ONLY_SQL_TRANSACTION, "cannot execute " + what + " in a read-only transaction");
        }
    }

    Catalog catalog() { return catalog; }

    /**
     * Rows this session's transaction buffered are encoded in the table's current layout, and
     * this DDL commits before them: a later commit would store them under the new definition.
     * (Other sessions' transactions in the same position fail at commit with 40001.)
     */
    private void requireNoOwnRowWrites(DdlOperation operation) {
        long tableId = DdlOperation.rowLayoutChanged(operation, catalog);
        Transaction open = session.transactionState.openTransaction();
        if (tableId == 0 || open == null || !open.hasRowWrites(tableId)) return;
        TableDef table = catalog.table(tableId);
        throw new DbException(SqlState.OBJECT_IN_USE, "cannot alter or drop table \"" + (table == null ? tableId : table.name())
                + "\" in a transaction that has changed its rows", null, "Commit those changes first.", 0, null);
    }

    /** Applies one catalog change and gives the session's transaction its undo. */
    void apply(DdlOperation operation) {
        requireNoOwnRowWrites(operation);
        session.transactionState.requireNotRetypedByOthers(operation);
        DdlUndo undo = DdlUndo.of(operation, catalog);
        tm.applyDdl(operation);
        if (!session.transactionState.ddlApplied(undo)) irreversible = true;
    }

    // ---- CREATE / DROP TABLE ----

    /**
     * Inside a transaction block a dropped table is only renamed out of the way now (an undoable
     * change, like any rename) and dropped for good when the transaction commits
     * ({@link TransactionState#dropAtCommit}): a block that rolls back or fails at COMMIT leaves
     * the table and its rows whole, as PostgreSQL's transactional DDL does. Unlike PostgreSQL,
     * other sessions stop seeing the table at once instead of waiting for the outcome.
     */
    private void dropTable(TableDef def) {
        TransactionState state = session.transactionState;
        if (!state.inBlock()) {
            apply(new DdlOperation.DropTable(def.id()));
            return;
        }
        apply(new DdlOperation.AlterTable(def.withName(DROPPED_PREFIX + def.id()), new Object[0]));
        state.dropAtCommit(def.id());
    }

    /** The name of a table dropped by a transaction that has not committed yet. */
    static final String DROPPED_PREFIX = "pg_dropped_";

    private StatementResult createTable(CreateTable ct) {
        DdlNames.Qualified name = nameToCreate(ct.getTable());
        DdlNames.requireSchema(catalog, name.schema());
        if (DdlNames.relationExists(catalog, name.schema(), name.name())) {
            if (ct.isIfNotExists()) return new Results.Command("CREATE TABLE", "relation \"" + name.name() + "\" already exists, skipping");
            throw new DbException(SqlState.DUPLICATE_TABLE, "relation \"" + name.name() + "\" already exists");
        }
        TableDefinitionBuilder.Result built = new TableDefinitionBuilder(catalog, searchPath()).build(ct, name);
        validateDefaults(built.table());
        validateChecks(built.table());
        apply(new DdlOperation.CreateTable(built.table(), built.ownedSequences()));
        return new Results.Command("CREATE TABLE");
    }

    /** Compiles every DEFAULT once so a bad expression fails the CREATE, not a later INSERT. */
    void validateDefaults(TableDef table) {
        PlanContext pc = new PlanContext(catalog, session.engine.systemTables(), session.engine.procedures(), new ParamTypes(null)).withSearchPath(searchPath());
        for (int i = 0; i < table.columns().size(); i++) DmlPlanner.compileDefault(pc, table, i);
    }

    /** Compiles every CHECK once so a bad expression (unknown column, not boolean) fails the DDL. */
    void validateChecks(TableDef table) {
        PlanContext pc = planContext();
        for (CheckConstraintDef c : table.checks()) ConstraintPlanner.compileCheck(pc, table, c.expressionSql());
    }

    PlanContext planContext() {
        return new PlanContext(catalog, session.engine.systemTables(), session.engine.procedures(), new ParamTypes(null)).withSearchPath(searchPath());
    }

    SqlSessionImpl session() { return session; }

    /** Evaluates a column's DEFAULT once (ALTER TABLE ADD COLUMN fills existing rows with it). */
    Object evaluateDefault(TableDef table, int ordinal) {
        PlanContext pc = new PlanContext(catalog, session.engine.systemTables(), session.engine.procedures(), new ParamTypes(null)).withSearchPath(searchPath());
        Expr e = DmlPlanner.compileDefault(pc, table, ordinal);
        if (e == null) return null;
        Transaction txn = tm.begin(Isolation.READ_COMMITTED, false);
        try {
            ExecContext ctx = session.newContext(txn, new Object[0]);
            Object v = Casts.cast(e.eval(new Object[0], ctx), table.columns().get(ordinal).type());
            txn.commit();
            return v;
        } catch (RuntimeException ex) {
            txn.rollback();
            throw ex;
        }
    }

    private StatementResult drop(Drop d) {
        String type = d.getType() == null ? "" : d.getType().toLowerCase(Locale.ROOT);
        List<Table> names = d.getNames() != null && !d.getNames().isEmpty() ? d.getNames() : List.of(d.getName());
        List<String> notices = new ArrayList<>();
        switch (type) {
            case "table" -> {
                List<TableDef> found = new ArrayList<>();
                for (Table t : names) {
                    DdlNames.Qualified q = name(t);
                    TableDef def = catalog.table(q.schema(), q.name());
                    if (def == null && catalog.view(q.schema(), q.name()) != null) {
                        throw new DbException(SqlState.WRONG_OBJECT_TYPE, "\"" + q.name() + "\" is not a table", null,
                                "Use DROP VIEW to remove a view.", 0, null);
                    }
                    if (def == null) {
                        if (!d.isIfExists()) throw new DbException(SqlState.UNDEFINED_TABLE, "table \"" + q.name() + "\" does not exist");
                        notices.add("table \"" + q.name() + "\" does not exist, skipping");
                    } else {
                        found.add(def);
                    }
                }
                boolean cascade = d.getParameters() != null && d.getParameters().stream().anyMatch(p -> p.equalsIgnoreCase("cascade"));
                ForeignKeyDdl.dropReferencesTo(this, found, cascade, notices);
                for (TableDef def : found) dropTable(def);
                return new Results.Command("DROP TABLE", notices.isEmpty() ? null : String.join("\n", notices));
            }
            case "index" -> {
                for (Table t : names) {
                    String notice = IndexDdl.drop(this, name(t), d.isIfExists());
                    if (notice != null) notices.add(notice);
                }
                return new Results.Command("DROP INDEX", notices.isEmpty() ? null : String.join("\n", notices));
            }
            case "view" -> {
                for (Table t : names) {
                    String notice = ViewDdl.drop(this, name(t), d.isIfExists());
                    if (notice != null) notices.add(notice);
                }
                return new Results.Command("DROP VIEW", notices.isEmpty() ? null : String.join("\n", notices));
            }
            case "sequence" -> {
                for (Table t : names) {
                    DdlNames.Qualified q = name(t);
                    SequenceDef s = catalog.sequence(q.schema(), q.name());
                    if (s == null) {
                        if (!d.isIfExists()) throw new DbException(SqlState.UNDEFINED_TABLE, "sequence \"" + q.name() + "\" does not exist");
                        notices.add("sequence \"" + q.name() + "\" does not exist, skipping");
                        continue;
                    }
                    apply(new DdlOperation.DropSequence(s.id()));
                }
                return new Results.Command("DROP SEQUENCE", notices.isEmpty() ? null : String.join("\n", notices));
            }
            case "schema" -> {
                boolean cascade = d.getParameters() != null && d.getParameters().stream().anyMatch(p -> p.equalsIgnoreCase("cascade"));
                for (Table t : names) {
                    String schema = DdlNames.ident(t.getName());
                    if (!catalog.hasSchema(schema)) {
                        if (!d.isIfExists()) throw new DbException(SqlState.UNDEFINED_SCHEMA, "schema \"" + schema + "\" does not exist");
                        notices.add("schema \"" + schema + "\" does not exist, skipping");
                        continue;
                    }
                    dropSchema(schema, cascade);
                }
                return new Results.Command("DROP SCHEMA", notices.isEmpty() ? null : String.join("\n", notices));
            }
            default -> throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "DROP " + type.toUpperCase(Locale.ROOT) + " is not supported");
        }
    }

    private void dropSchema(String schema, boolean cascade) {
        List<TableDef> tables = new ArrayList<>();
        for (TableDef t : catalog.tables()) if (t.schema().equals(schema)) tables.add(t);
        List<SequenceDef> sequences = new ArrayList<>();
        for (SequenceDef s : catalog.sequences()) if (s.schema().equals(schema) && s.ownedByTableId() == 0) sequences.add(s);
        List<io.tableos.db.catalog.ViewDef> views = new ArrayList<>();
        for (io.tableos.db.catalog.ViewDef v : catalog.views()) if (v.schema().equals(schema)) views.add(v);
        if (!cascade && (!tables.isEmpty() || !sequences.isEmpty() || !views.isEmpty())) {
            throw new DbException("2BP01", "cannot drop schema " + schema + " because other objects depend on it", null,
                    "Use DROP ... CASCADE to drop the dependent objects too.", 0, null);
        }
        for (io.tableos.db.catalog.ViewDef v : views) apply(new DdlOperation.DropView(v.id()));
        ForeignKeyDdl.dropReferencesTo(this, tables, true, new ArrayList<>());
        for (TableDef t : tables) apply(new DdlOperation.DropTable(t.id()));
        for (SequenceDef s : sequences) apply(new DdlOperation.DropSequence(s.id()));
        apply(new DdlOperation.DropSchema(schema));
    }

    private StatementResult createSchema(CreateSchema cs) {
        String schema = DdlNames.ident(cs.getSchemaName());
        if (catalog.hasSchema(schema) || schema.equals("pg_catalog") || schema.equals("information_schema")) {
            if (cs.hasIfNotExists()) return new Results.Command("CREATE SCHEMA", "schema \"" + schema + "\" already exists, skipping");
            throw new DbException(SqlState.DUPLICATE_SCHEMA, "schema \"" + schema + "\" already exists");
        }
        apply(new DdlOperation.CreateSchema(schema));
        return new Results.Command("CREATE SCHEMA");
    }

    // ---- TRUNCATE (transactional) ----

    StatementResult truncate(UtilityStatement.Truncate t) {
        List<TableDef> tables = new ArrayList<>();
        for (String written : t.tables()) {
            tables.add(DdlNames.requireTable(catalog, DdlNames.parse(written, searchPath(), catalog)));
        }
        List<String> notices = new ArrayList<>();
        tables = ForeignKeyDdl.truncateSet(catalog, tables, t.cascade(), notices);
        Transaction txn = session.currentTransaction();
        for (TableDef def : tables) {
            TableStore store = tm.storage().table(def.id());
            if (store == null) throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + def.name() + "\" does not exist");
            txn.truncate(store);
            if (t.restartIdentity()) {
                for (SequenceDef s : catalog.sequences()) {
                    if (s.ownedByTableId() == def.id() && s.id() != def.hiddenKeySequenceId()) txn.setval(s, s.start(), false);
                }
            }
        }
        return new Results.Command("TRUNCATE TABLE", notices.isEmpty() ? null : String.join("\n", notices));
    }

    /** Replaces a table definition (indexes or columns changed). */
    void alterTable(TableDef newDef, Object[] fillValues) {
        apply(new DdlOperation.AlterTable(newDef, fillValues));
    }

    /**
     * With {@code conversions}: the rows are rewritten, retyped columns taking their values from
     * them. Inside a transaction block the rows replaced are kept as table {@code keptId} until
     * the block ends ({@link DdlOperation.RetypeKeeping}), so ROLLBACK or a failed COMMIT puts
     * them back as PostgreSQL's transactional DDL does; COMMIT drops them.
     */
    void alterTable(TableDef original, TableDef newDef, Object[] fillValues, List<io.tableos.db.storage.ColumnConversion> conversions, long keptId) {
        DdlOperation.AlterTable alter = new DdlOperation.AlterTable(newDef, fillValues, conversions);
        TransactionState state = session.transactionState;
        if (conversions.isEmpty() || !state.inBlock()) {
            apply(alter);
            return;
        }
        TableDef kept = new TableDef(keptId, original.schema(), RETYPED_PREFIX + keptId, original.columns(), original.primaryKey(),
                null, List.of(), 0);
        state.holdForRetype(original.id());
        apply(new DdlOperation.RetypeKeeping(alter, kept));
        state.dropAtCommit(keptId);
    }

    /** The name of the rows a retype in an open transaction block replaced, kept for its ROLLBACK. */
    static final String RETYPED_PREFIX = "pg_retyped_";

    TableStore storeOf(TableDef table) {
        return tm.storage().table(table.id());
    }
}
