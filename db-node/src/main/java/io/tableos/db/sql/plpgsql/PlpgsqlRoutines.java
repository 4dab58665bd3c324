package io.tableos.db.sql.plpgsql;

import io.tableos.db.catalog.Catalog;
import io.tableos.db.catalog.FunctionDef;
import io.tableos.db.catalog.SearchPath;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.catalog.TriggerDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Routines;
import io.tableos.db.sql.exec.StatementRunner;
import io.tableos.db.sql.func.BoundedCache;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's {@link Routines}: calls LANGUAGE sql and plpgsql functions and fires triggers,
 * each body parsed once per definition and kept in a bounded cache keyed by the definition itself
 * (a replaced function is a different key, so a stale body is never run). Thread-safe: a call's
 * state lives in its own {@link Interpreter}.
 */
public final class PlpgsqlRoutines implements Routines {
    /** Parsed bodies kept; past it the cache starts over (parsing again is cheap). */
    public static final int PARSED_BODIES_MAX = 4096;

    /**
     * A parsed body: PL/pgSQL ({@code block}) or SQL ({@code statements}), over {@code variables} (parameters first).
     * {@code types} is where its %TYPE and %ROWTYPE declarations were resolved, null when it has none.
     */
    private record Compiled(Ast.Block block, List<Fragment> statements, List<Variable> variables, int foundSlot, int[] inputSlots,
                            int[] outSlots, TypesResolved types) {

        /** Whether the catalog and search path are still those its declarations' types came from. */
        boolean freshFor(ExecContext ctx) {
            return types == null || (types.catalogVersion() == ctx.catalog().version() && types.searchPath().equals(ctx.searchPath()));
        }
    }

    private record TypesResolved(long catalogVersion, SearchPath searchPath) {}

    private final BoundedCache<Object, Compiled> cache = new BoundedCache<>(PARSED_BODIES_MAX);

    /**
     * Parses {@code function}'s body as CREATE FUNCTION does, so a bad body fails there (42601, 0A000, 42704, and 42P01 for a
     * %ROWTYPE of a missing table); %TYPE and %ROWTYPE resolve in {@code catalog} through {@code searchPath} (the function's
     * own when it SETs one, as PostgreSQL validates under the function's settings).
     */
    public static void validate(FunctionDef function, Catalog catalog, SearchPath searchPath) {
        if (!function.language().equals("plpgsql") && !function.language().equals("sql")) {
            throw new DbException(SqlState.UNDEFINED_OBJECT, "language \"" + function.language() + "\" does not exist");
        }
        if (function.returnsTrigger() && !function.language().equals("plpgsql")) {
            throw new DbException(SqlState.INVALID_FUNCTION_DEFINITION, "SQL functions cannot return type trigger");
        }
        if (function.returnsTrigger() && !function.parameters().isEmpty()) {
            throw new DbException(SqlState.INVALID_FUNCTION_DEFINITION, "trigger functions cannot have declared arguments");
        }
        compile(function, catalog, searchPath);
    }

    /** Parses a DO block's body (LANGUAGE plpgsql) and runs it in {@code ctx}'s transaction. */
    public void runDo(String body, ExecContext ctx) {
        List<Variable> variables = List.of(new Variable("found", DataType.BOOL));
        PlpgsqlParser.Parsed parsed = PlpgsqlParser.parse(body, variables, List.of(), new CatalogTypes(ctx.catalog(), ctx.searchPath()),
                "RETURN cannot have a parameter in function returning void");
        Object[] values = new Object[parsed.variables().size()];
        values[0] = false;
        boolean transactionControl = ctx.session().swapTransactionControl(false);  // what the block calls runs atomic
        try {
            new Interpreter(parsed.variables(), values, 0, new int[0], ctx, transactionControl).run(parsed.block());
        } finally {
            ctx.session().swapTransactionControl(transactionControl);
        }
    }

    @Override
    public List<Object[]> call(FunctionDef function, Object[] arguments, ExecContext ctx) {
        if (function.returnsTrigger()) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "trigger functions can only be called as triggers");
        }
        Object[] inputs = function.isProcedure() ? withoutOutArguments(function, arguments) : arguments;
        boolean granted = ctx.session().swapTransactionControl(false);  // what this body calls runs atomic
        try {
            // PostgreSQL: only a procedure without SET clauses may end transactions
            boolean transactionControl = granted && function.isProcedure() && function.settings().isEmpty();
            return FunctionSettings.applying(function, ctx.session(), () -> callWithSettings(function, inputs, ctx, transactionControl));
        } finally {
            ctx.session().swapTransactionControl(granted);
        }
    }

    /** A procedure's call gives its OUT parameters arguments too, which it never reads (PostgreSQL 14+): its inputs' values. */
    private static Object[] withoutOutArguments(FunctionDef procedure, Object[] arguments) {
        List<FunctionDef.Parameter> declared = procedure.declaredParameters();
        List<Object> inputs = new ArrayList<>(arguments.length);
        for (int i = 0; i < arguments.length; i++) if (i >= declared.size() || !declared.get(i).mode().equals(FunctionDef.OUT)) inputs.add(arguments[i]);
        return inputs.toArray();
    }

    private List<Object[]> callWithSettings(FunctionDef function, Object[] arguments, ExecContext ctx, boolean transactionControl) {
        Compiled c = compiled(function, ctx);
        Object[] values = new Object[c.variables().size()];
        for (int i = 0; i < arguments.length; i++) {
            int slot = c.inputSlots()[i];
            values[slot] = Casts.cast(arguments[i], c.variables().get(slot).type());
        }
        values[c.foundSlot()] = false;
        if (c.block() == null) return sqlCall(function, c, values, ctx);
        Interpreter interpreter = new Interpreter(c.variables(), values, c.foundSlot(), c.outSlots(), ctx, transactionControl);
        Object result = interpreter.run(c.block());
        if (function.returnsSet()) return interpreter.rows();
        if (function.hasOutParameters()) return List.<Object[]>of(outRow(function, c, values));
        if (function.returnType().equals("void")) return List.<Object[]>of(new Object[] {null});
        TableDef rowType = function.returnedRowType(ctx.catalog());
        if (rowType != null) return List.<Object[]>of(tableRow(rowType, result));
        if (result instanceof RecordValue) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "functions returning records are not supported yet");
        return List.<Object[]>of(new Object[] {Casts.cast(result, type(function.returnType()))});
    }

    /** A function returning a table's row type: the record it returned, cast to the columns (null: a row of nulls). */
    private static Object[] tableRow(TableDef rowType, Object result) {
        Object[] row = new Object[rowType.columns().size()];
        if (result == null) return row;
        if (!(result instanceof RecordValue r) || r.values().length != row.length) {
            throw new DbException(SqlState.DATATYPE_MISMATCH, "returned record type does not match expected record type");
        }
        for (int i = 0; i < row.length; i++) row[i] = Casts.cast(r.values()[i], rowType.columns().get(i).type());
        return row;
    }

    /** The values of a function's OUT and INOUT parameters when its body ended: its one result row. */
    private static Object[] outRow(FunctionDef function, Compiled c, Object[] values) {
        Object[] row = new Object[c.outSlots().length];
        for (int i = 0; i < row.length; i++) row[i] = values[c.outSlots()[i]];
        return row;
    }

    /** A LANGUAGE sql function: every statement runs; the last one's rows are the result. */
    private static List<Object[]> sqlCall(FunctionDef function, Compiled c, Object[] values, ExecContext ctx) {
        StatementRunner runner = ctx.session().statementRunner(ctx.transaction());
        StatementRunner.Outcome last = null;
        for (Fragment f : c.statements()) {
            Object[] parameters = new Object[f.refs().size()];
            int[] oids = new int[parameters.length];
            for (int k = 0; k < parameters.length; k++) {
                int slot = f.refs().get(k).slot();
                parameters[k] = values[slot];
                oids[k] = c.variables().get(slot).type().oid();
            }
            last = runner.run(f.sql(), oids, parameters);
        }
        if (function.returnsSet()) return last.rows();
        TableDef rowType = function.returnedRowType(ctx.catalog());
        if (rowType != null) return List.<Object[]>of(last.rows().isEmpty() ? new Object[rowType.columns().size()] : last.rows().get(0));
        if (function.hasOutParameters()) {
            Object[] row = new Object[function.outColumns().size()];
            Object[] first = last.rows().isEmpty() ? new Object[0] : last.rows().get(0);
            for (int i = 0; i < row.length; i++) row[i] = i < first.length ? Casts.cast(first[i], type(function.outColumns().get(i).type())) : null;
            return List.<Object[]>of(row);
        }
        if (function.returnType().equals("void")) return List.<Object[]>of(new Object[] {null});
        Object v = last.rows().isEmpty() || last.columns().isEmpty() ? null : last.rows().get(0)[0];
        return List.<Object[]>of(new Object[] {Casts.cast(v, type(function.returnType()))});
    }

    @Override
    public Object[] fire(TriggerDef trigger, TableDef table, int event, Object[] oldRow, Object[] newRow, ExecContext ctx) {
        FunctionDef function = ctx.catalog().routines().function(trigger.functionId());
        if (function == null) throw new DbException(SqlState.UNDEFINED_FUNCTION, "function of trigger \"" + trigger.name() + "\" does not exist");
        Object[] unchanged = newRow != null ? newRow : oldRow;
        if (trigger.whenSql() != null) {
            Compiled when = cache.get(trigger, key -> compileWhen(trigger));
            Object[] whenValues = triggerValues(when.variables().size(), trigger, table, event, oldRow, newRow, ctx);
            whenValues[when.foundSlot()] = false;
            Object pass = new Interpreter(when.variables(), whenValues, when.foundSlot(), new int[0], ctx, false).run(when.block());
            if (!Boolean.TRUE.equals(pass)) return unchanged;
        }
        Object result = FunctionSettings.applying(function, ctx.session(), () -> {
            Compiled c = compiled(function, ctx);
            Object[] values = triggerValues(c.variables().size(), trigger, table, event, oldRow, newRow, ctx);
            values[c.foundSlot()] = false;
            return new Interpreter(c.variables(), values, c.foundSlot(), new int[0], ctx, false).run(c.block());
        });
        if (!trigger.before() || !trigger.forEachRow()) return unchanged;
        if (result == null) return null;
        if (!(result instanceof RecordValue r) || r.values().length != table.columns().size()) {
            throw new DbException(SqlState.DATATYPE_MISMATCH, "returned row structure does not match the structure of the triggering table");
        }
        return r.values().clone();
    }

    // ---- compiling ----

    /** {@code function}'s parsed body for a call in {@code ctx} (its settings already applied): cached, or parsed now. */
    private Compiled compiled(FunctionDef function, ExecContext ctx) {
        return cache.get(function, kept -> kept.freshFor(ctx), key -> compile(function, ctx.catalog(), ctx.searchPath()));
    }

    /** Slots every trigger body starts with, in this order. */
    private static final List<Variable> TRIGGER_VARIABLES = List.of(new Variable("found", DataType.BOOL), Variable.record("new"),
            Variable.record("old"), new Variable("tg_op", DataType.TEXT), new Variable("tg_name", DataType.TEXT),
            new Variable("tg_when", DataType.TEXT), new Variable("tg_level", DataType.TEXT), new Variable("tg_table_name", DataType.TEXT),
            new Variable("tg_table_schema", DataType.TEXT), new Variable("tg_relname", DataType.TEXT),
            new Variable("tg_nargs", DataType.INT4), Variable.zeroBasedArray("tg_argv", DataType.arrayOf(io.tableos.db.types.SqlType.TEXT)),
            new Variable("tg_relid", DataType.of(io.tableos.db.types.SqlType.OID)));

    private static Object[] triggerValues(int size, TriggerDef trigger, TableDef table, int event, Object[] oldRow, Object[] newRow,
                                          ExecContext ctx) {
        Object[] values = new Object[size];
        RowType row = RowType.of(table);
        // NEW without a new row (DELETE, statement level) and OLD without an old one are null rows of the table's type
        values[1] = newRow == null ? RecordValue.nullOf(row) : new RecordValue(row.names(), row.types(), newRow.clone());
        values[2] = oldRow == null ? RecordValue.nullOf(row) : new RecordValue(row.names(), row.types(), oldRow.clone());
        values[3] = event == TriggerDef.INSERT ? "INSERT" : event == TriggerDef.UPDATE ? "UPDATE" : "DELETE";
        values[4] = trigger.name();
        values[5] = trigger.before() ? "BEFORE" : "AFTER";
        values[6] = trigger.forEachRow() ? "ROW" : "STATEMENT";
        values[7] = table.name();
        values[8] = table.schema();
        values[9] = table.name();
        values[10] = trigger.arguments().size();
        values[11] = new SqlArray(io.tableos.db.types.SqlType.TEXT, trigger.arguments().toArray());
        values[12] = table.id();  // a table's id is its pg_class oid
        return values;
    }

    private static Compiled compile(FunctionDef function, Catalog catalog, SearchPath searchPath) {
        CatalogTypes types = new CatalogTypes(catalog, searchPath);
        TypesResolved resolved = new TypesResolved(catalog.version(), searchPath);
        if (function.returnsTrigger()) {
            PlpgsqlParser.Parsed parsed = PlpgsqlParser.parse(function.body(), TRIGGER_VARIABLES, List.of(), types, null);
            return new Compiled(parsed.block(), null, parsed.variables(), 0, new int[0], new int[0], types.used() ? resolved : null);
        }
        if (function.language().equals("sql")) return compileSql(function);
        // one slot per declared parameter, in declared order ($n is the n-th), then RETURNS TABLE's columns
        List<FunctionDef.Parameter> declared = new ArrayList<>(function.declaredParameters());
        if (!function.hasOutParameters()) declared.addAll(function.outColumns());
        List<Variable> variables = new ArrayList<>();
        int[] inputSlots = new int[function.parameters().size()];
        int[] outSlots = new int[function.outColumns().size()];
        int inputs = 0, outputs = 0;
        for (int k = 0; k < declared.size(); k++) {
            FunctionDef.Parameter p = declared.get(k);
            int slot = variables.size();
            variables.add(new Variable(p.name().isEmpty() ? "$" + (k + 1) : p.name(), type(p.type())));
            if (isInput(p)) inputSlots[inputs++] = slot;
            if (isOutput(p)) outSlots[outputs++] = slot;
        }
        List<Integer> positional = new ArrayList<>();
        for (int slot = 0; slot < variables.size(); slot++) positional.add(slot);
        int foundSlot = variables.size();
        variables.add(new Variable("found", DataType.BOOL));
        PlpgsqlParser.Parsed parsed = PlpgsqlParser.parse(function.body(), variables, positional, types, returnValueRefused(function));
        return new Compiled(parsed.block(), null, parsed.variables(), foundSlot, inputSlots, outSlots, types.used() ? resolved : null);
    }

    /** A LANGUAGE sql body: its inputs are its only variables ($n is the n-th input, as in PostgreSQL). */
    private static Compiled compileSql(FunctionDef function) {
        List<Variable> variables = new ArrayList<>();
        int[] inputSlots = new int[function.parameters().size()];
        for (int i = 0; i < inputSlots.length; i++) {
            FunctionDef.Parameter p = function.parameters().get(i);
            variables.add(new Variable(p.name().isEmpty() ? "$" + (i + 1) : p.name(), type(p.type())));
            inputSlots[i] = i;
        }
        List<Fragment> statements = PlpgsqlParser.sqlBody(function.body(), variables);
        variables.add(new Variable("found", DataType.BOOL));
        return new Compiled(null, statements, variables, variables.size() - 1, inputSlots, new int[0], null);
    }

    private static boolean isInput(FunctionDef.Parameter p) {
        return p.mode().equals(FunctionDef.IN) || p.mode().equals(FunctionDef.INOUT) || p.mode().equals(FunctionDef.VARIADIC);
    }

    private static boolean isOutput(FunctionDef.Parameter p) {
        return p.mode().equals(FunctionDef.OUT) || p.mode().equals(FunctionDef.INOUT) || p.mode().equals(FunctionDef.TABLE);
    }

    /** Why RETURN may not give a value in {@code function}'s body (PostgreSQL's 42804 when it is created), or null when it must. */
    private static String returnValueRefused(FunctionDef function) {
        if (function.isProcedure()) return "RETURN cannot have a parameter in a procedure";
        if (function.returnsSet()) return "RETURN cannot have a parameter in function returning set";
        if (function.hasOutParameters()) return "RETURN cannot have a parameter in function with OUT parameters";
        if (function.returnType().equals("void")) return "RETURN cannot have a parameter in function returning void";
        return null;
    }

    /** A trigger's WHEN condition, as the body {@code BEGIN RETURN (condition); END} over the trigger variables. */
    private static Compiled compileWhen(TriggerDef trigger) {
        PlpgsqlParser.Parsed parsed = PlpgsqlParser.parse("BEGIN RETURN (" + trigger.whenSql() + "); END", TRIGGER_VARIABLES, List.of(), null, null);
        return new Compiled(parsed.block(), null, parsed.variables(), 0, new int[0], new int[0], null);
    }

    static DataType type(String typeName) {
        try {
            return Casts.parseTypeName(FunctionDef.normalizeType(typeName));
        } catch (DbException e) {
            throw new DbException(SqlState.UNDEFINED_OBJECT, "type \"" + typeName + "\" does not exist");
        }
    }
}
