package io.tableos.db.sql.engine;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.FunctionDef;
import io.tableos.db.catalog.SearchPath;
import io.tableos.db.catalog.RoutineCatalog;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.catalog.TriggerDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.parse.RoutineStatement;
import io.tableos.db.sql.parse.RoutineStatement.*;
import io.tableos.db.sql.plpgsql.CatalogTypes;
import io.tableos.db.sql.plpgsql.PlpgsqlRoutines;
import io.tableos.db.sql.session.StatementResult;
import io.tableos.db.txn.DdlOperation;
import io.tableos.db.txn.Transaction;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * CREATE [OR REPLACE] / ALTER / DROP FUNCTION and PROCEDURE, CREATE [OR REPLACE] / DROP TRIGGER and DO. The
 * definitions replicate as catalog changes (a body is checked by parsing it before it is
 * stored); as all our DDL they commit on their own and a rollback applies their inverse
 * ({@link RoutineUndo}). DO runs its body at once in the session's transaction.
 * An unqualified name means schema public (the search path is not consulted).
 */
final class RoutineDdl {
    private final SqlSessionImpl session;

    RoutineDdl(SqlSessionImpl session) {
        this.session = session;
    }

    StatementResult execute(RoutineStatement statement) {
        if (statement instanceof Do d) return runDo(d);
        session.currentTransaction();  // DDL is part of the (implicit) transaction, as in executePlanned
        DdlExecutor ddl = new DdlExecutor(session);
        if (statement instanceof CreateFunction c) return ddl.run(createTag(c), () -> createFunction(ddl, c));
        if (statement instanceof DropFunction d) return ddl.run("DROP " + d.objectKind(), () -> dropFunction(ddl, d));
        if (statement instanceof AlterFunction a) return ddl.run("ALTER " + a.objectKind(), () -> alterFunction(ddl, a));
        if (statement instanceof CreateTrigger c) return ddl.run("CREATE TRIGGER", () -> createTrigger(ddl, c));
        DropTrigger d = (DropTrigger) statement;
        return ddl.run("DROP TRIGGER", () -> dropTrigger(ddl, d));
    }

    private StatementResult runDo(Do d) {
        if (!d.language().equals("plpgsql")) throw new DbException(SqlState.UNDEFINED_OBJECT, "language \"" + d.language() + "\" does not exist");
        boolean ownTransaction = session.mayEndTransactions();
        Transaction txn = session.currentTransaction();
        txn.startStatement();
        ExecContext ctx = session.newContext(txn, new Object[0]);
        boolean previous = session.swapTransactionControl(ownTransaction);
        try {
            session.engine.routines().runDo(d.body(), ctx);
        } finally {
            session.swapTransactionControl(previous);
        }
        return new Results.Command("DO");
    }

    private static StatementResult createFunction(DdlExecutor ddl, CreateFunction c) {
        Catalog catalog = ddl.catalog();
        String schema = c.schema() == null ? "public" : c.schema();
        DdlNames.requireSchema(catalog, schema);
        SearchPath path = ddl.searchPath();
        FunctionDef def = new FunctionDef(0, schema, c.name(), c.language(), typeReferences(c.parameters(), catalog, path),
                CatalogTypes.resolveRowTypeReference(FunctionDef.normalizeType(CatalogTypes.resolveTypeReference(c.returnType(), catalog, path)),
                        catalog, path), c.returnsSet(),
                typeReferences(c.outColumns(), catalog, path), c.body(), c.volatility(), c.settings(), c.kind(), c.argumentModes());
        PlpgsqlRoutines.validate(def, catalog, functionSearchPath(ddl, def));
        FunctionDef existing = catalog.routines().functionBySignature(def.signature());
        if (existing != null && !c.orReplace()) {
            throw new DbException(SqlState.DUPLICATE_FUNCTION, "function \"" + c.name() + "\" already exists with same argument types");
        }
        if (existing != null && (!existing.returnType().equals(def.returnType()) || existing.returnsSet() != def.returnsSet()
                || !existing.outColumns().equals(def.outColumns()))) {
            throw new DbException(SqlState.INVALID_FUNCTION_DEFINITION, "cannot change return type of existing function", null,
                    "Use DROP FUNCTION " + c.name() + "(" + String.join(", ", def.argumentTypes()) + ") first.", 0, null);
        }
        ddl.apply(new DdlOperation.CreateFunction(def.withId(existing != null ? existing.id() : catalog.peekNextObjectId())));
        return new Results.Command(createTag(c));
    }

    private static String createTag(CreateFunction c) {
        return c.kind().equals(FunctionDef.PROCEDURE) ? "CREATE PROCEDURE" : "CREATE FUNCTION";
    }

    /** Parameters whose types are {@code table.column%TYPE} get the column's type, as PostgreSQL converts them at CREATE. */
    private static List<FunctionDef.Parameter> typeReferences(List<FunctionDef.Parameter> parameters, Catalog catalog, SearchPath path) {
        List<FunctionDef.Parameter> out = new ArrayList<>(parameters.size());
        for (FunctionDef.Parameter p : parameters) {
            out.add(new FunctionDef.Parameter(p.name(), CatalogTypes.resolveTypeReference(p.type(), catalog, path), p.defaultSql(), p.mode()));
        }
        return out;
    }

    /** The search path a function's body is checked under: its own SET search_path, else the session's. */
    private static SearchPath functionSearchPath(DdlExecutor ddl, FunctionDef def) {
        for (String setting : def.settings()) {
            if (setting.startsWith("search_path=")) return SearchPath.parse(setting.substring("search_path=".length()), ddl.session().userName());
        }
        return ddl.searchPath();
    }

    private static StatementResult dropFunction(DdlExecutor ddl, DropFunction d) {
        List<String> skipped = new ArrayList<>();
        for (FunctionName name : d.functions()) {
            FunctionDef f = find(ddl.catalog(), name, d.ifExists(), d.objectKind());
            if (f == null) {
                skipped.add(d.objectKind().toLowerCase(java.util.Locale.ROOT) + " " + display(name) + " does not exist, skipping");
                continue;
            }
            for (TriggerDef t : ddl.catalog().routines().triggers()) {
                if (t.functionId() == f.id()) {
                    TableDef table = ddl.catalog().table(t.tableId());
                    throw new DbException(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop function " + display(name)
                            + " because other objects depend on it", "trigger " + t.name() + " on table " + (table == null ? "?" : table.name())
                            + " depends on function " + display(name), "Use DROP ... CASCADE to drop the dependent objects too.", 0, null);
                }
            }
            ddl.apply(new DdlOperation.DropFunction(f.id()));
        }
        return new Results.Command("DROP " + d.objectKind(), skipped.isEmpty() ? null : String.join("\n", skipped));
    }

    /** ALTER FUNCTION ... SET/RESET replaces the stored setting (pg_proc.proconfig), in effect from the next call ({@code FunctionSettings}). */
    private static StatementResult alterFunction(DdlExecutor ddl, AlterFunction a) {
        FunctionDef f = find(ddl.catalog(), a.function(), false, a.objectKind());
        if (a.setting() == null) return new Results.Command("ALTER " + a.objectKind());
        List<String> settings = new ArrayList<>();
        for (String s : f.settings()) {
            if (!a.setting().equals("all") && !s.startsWith(a.setting() + "=")) settings.add(s);
        }
        if (a.value() != null) settings.add(a.setting() + "=" + a.value());
        ddl.apply(new DdlOperation.CreateFunction(f.withSettings(settings)));
        return new Results.Command("ALTER " + a.objectKind());
    }

    private static StatementResult createTrigger(DdlExecutor ddl, CreateTrigger c) {
        Catalog catalog = ddl.catalog();
        TableDef table = DdlNames.requireTable(catalog, new DdlNames.Qualified(c.tableSchema() == null ? "public" : c.tableSchema(), c.table()));
        FunctionDef function = find(catalog, new FunctionName(c.function().schema(), c.function().name(), List.of()), false, "FUNCTION");
        if (!function.returnsTrigger()) {
            throw new DbException("42P17", "function " + function.name() + " must return type trigger");
        }
        for (String column : c.updateColumns()) {
            if (table.columnOrdinal(column) < 0) throw DdlNames.noSuchColumn(table, column);
        }
        TriggerDef existing = catalog.routines().trigger(table.id(), c.name());
        if (existing != null && !c.orReplace()) {
            throw new DbException(SqlState.DUPLICATE_OBJECT, "trigger \"" + c.name() + "\" for relation \"" + table.name() + "\" already exists");
        }
        if (existing != null) ddl.apply(new DdlOperation.DropTrigger(existing.id()));
        TriggerDef trigger = new TriggerDef(catalog.peekNextObjectId(), c.name(), table.id(), c.before(), c.events(), c.updateColumns(),
                c.forEachRow(), c.whenSql(), function.id(), c.arguments());
        ddl.apply(new DdlOperation.CreateTrigger(trigger));
        return new Results.Command("CREATE TRIGGER");
    }

    private static StatementResult dropTrigger(DdlExecutor ddl, DropTrigger d) {
        Catalog catalog = ddl.catalog();
        DdlNames.Qualified tableName = new DdlNames.Qualified(d.tableSchema() == null ? "public" : d.tableSchema(), d.table());
        TableDef table = catalog.table(tableName.schema(), tableName.name());
        if (table == null && d.ifExists()) return new Results.Command("DROP TRIGGER", "relation \"" + tableName.display() + "\" does not exist, skipping");
        if (table == null) DdlNames.requireTable(catalog, tableName);
        TriggerDef trigger = catalog.routines().trigger(table.id(), d.name());
        if (trigger == null && d.ifExists()) {
            return new Results.Command("DROP TRIGGER", "trigger \"" + d.name() + "\" for relation \"" + table.name() + "\" does not exist, skipping");
        }
        if (trigger == null) throw new DbException(SqlState.UNDEFINED_OBJECT, "trigger \"" + d.name() + "\" for table \"" + table.name() + "\" does not exist");
        ddl.apply(new DdlOperation.DropTrigger(trigger.id()));
        return new Results.Command("DROP TRIGGER");
    }

    /**
     * The function a DROP/ALTER names: by signature when a list is given, else the only one of the name; null only when
     * {@code missingOk}. {@code kind}: FUNCTION, PROCEDURE or ROUTINE, as the statement says (its message when none is found).
     */
    private static FunctionDef find(Catalog catalog, FunctionName name, boolean missingOk, String kind) {
        RoutineCatalog routines = catalog.routines();
        String schema = name.schema() == null ? "public" : name.schema();
        FunctionDef found;
        if (name.argumentTypes() != null) {
            found = routines.functionBySignature(schema + "." + name.name() + "(" + String.join(",", name.argumentTypes()) + ")");
        } else {
            List<FunctionDef> overloads = routines.functions(schema, name.name());
            if (overloads.size() > 1) throw new DbException("42725", "function name \"" + name.name() + "\" is not unique", null,
                    "Specify the argument list to select the function unambiguously.", 0, null);
            found = overloads.isEmpty() ? null : overloads.get(0);
        }
        if (found == null && !missingOk) throw new DbException(SqlState.UNDEFINED_FUNCTION, kind.toLowerCase(java.util.Locale.ROOT) + " " + display(name) + " does not exist");
        return found;
    }

    private static String display(FunctionName name) {
        String args = name.argumentTypes() == null ? "" : "(" + String.join(", ", name.argumentTypes()) + ")";
        return (name.schema() == null ? "" : name.schema() + ".") + name.name() + args;
    }
}
