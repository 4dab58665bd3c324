package io.tableos.db.sql.plan;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.FunctionDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.ProcedureParameter;
import io.tableos.db.sql.exec.ProcedureRegistry;
import io.tableos.db.sql.exec.expr.RoutineCall;
import io.tableos.db.sql.exec.op.RoutineScanNode;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.sql.func.FunctionRegistry;
import io.tableos.db.sql.parse.JsqlStatement;
import io.tableos.db.sql.parse.ParsedStatement;
import io.tableos.db.sql.parse.SqlFrontEnd;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.OracleNamedFunctionParameter;
import net.sf.jsqlparser.statement.select.PlainSelect;

/**
 * Calls of functions made with CREATE FUNCTION, in expressions and FROM. A schema-qualified name
 * is looked up in that schema; an unqualified one in public, unless a built-in function has the
 * name (pg_catalog comes first on PostgreSQL's search path too). Among overloads PostgreSQL's
 * function resolution chooses ({@link RoutineResolution}). Arguments bind as for built-in procedures
 * ({@link ProcedureArguments}: positional, then {@code name => value}, defaults for the rest);
 * a default is the parameter's DEFAULT expression, compiled here.
 */
final class RoutineCalls {
    private RoutineCalls() {}

    /** Names the expression compiler treats itself before the function registry. */
    private static final Set<String> SPECIAL_FORMS = Set.of("coalesce", "nullif", "nextval", "currval", "setval", "pg_notify",
            "current_setting", "set_config", "pg_sequence_last_value", "array", "greatest", "least");

    /**
     * The user routine {@code f} calls and its arguments ({@link RoutineResolution}), or null when it calls something else.
     * @param kind "function" or "procedure" (a CALL), for the messages
     */
    static RoutineResolution.Resolved resolve(ExprCompiler compiler, PlanContext pc, String schema, String name, Function f, String kind) {
        if (schema == null && (FunctionRegistry.exists(name) || SPECIAL_FORMS.contains(name) || AggregateBinding.isAggregate(name))) return null;
        return RoutineResolution.resolve(pc, compiler, schema, name, f, kind);
    }

    /** {@code function(...)} in an expression: its single result (a set-returning one's first row). */
    static Expr scalar(ExprCompiler compiler, PlanContext pc, RoutineResolution.Resolved call) {
        FunctionDef function = call.routine();
        refuseProcedure(function);
        if (function.returnsTrigger()) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "trigger functions can only be called as triggers");
        if (function.returnsSet()) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "set-returning function " + function.name() + " in a select list is not supported yet; call it in FROM");
        }
        if (function.outColumns().size() > 1 || function.returnedRowType(pc.catalog) != null) {
            throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "function " + function.name()
                    + " returns a row (OUT parameters or a table's row type), which an expression cannot take yet; call it in FROM");
        }
        DataType type = resultType(function);
        return new RoutineCall(node(compiler, pc, call, 1), type, function.name());
    }

    /** {@code FROM function(...)}: its rows and their columns (RETURNS TABLE's, else one named after the function). */
    static RoutineScanNode scan(ExprCompiler compiler, PlanContext pc, RoutineResolution.Resolved call) {
        refuseProcedure(call.routine());
        return node(compiler, pc, call, resultColumns(pc, call.routine()).size());
    }

    /** {@code CALL procedure(...)}: one row, its INOUT parameters' values (a row of one null when it has none). */
    static RoutineScanNode procedureCall(ExprCompiler compiler, PlanContext pc, RoutineResolution.Resolved call) {
        return node(compiler, pc, call, resultColumns(pc, call.routine()).size());
    }

    /** A procedure runs only through CALL (42809 elsewhere, as in PostgreSQL). */
    private static void refuseProcedure(FunctionDef function) {
        if (function.isProcedure()) {
            throw new DbException(SqlState.WRONG_OBJECT_TYPE, function.name() + "(" + String.join(", ", function.argumentTypes()) + ") is a procedure",
                    null, "To call a procedure, use CALL.", 0, null);
        }
    }

    /** Its result's columns: RETURNS TABLE's or the OUT parameters, a returned table's, else one named after the function. */
    static List<ResultColumn> resultColumns(PlanContext pc, FunctionDef function) {
        List<ResultColumn> columns = new ArrayList<>();
        List<FunctionDef.Parameter> out = function.outColumns();
        for (int i = 0; i < out.size(); i++) {
            // an unnamed output is named as PostgreSQL names it: after the function when alone, else columnN
            String name = !out.get(i).name().isEmpty() ? out.get(i).name() : out.size() == 1 ? function.name() : "column" + (i + 1);
            columns.add(ResultColumn.of(name, type(out.get(i).type())));
        }
        TableDef rowType = columns.isEmpty() ? function.returnedRowType(pc.catalog) : null;
        if (rowType != null) for (ColumnDef c : rowType.columns()) columns.add(ResultColumn.of(c.name(), c.type()));
        if (columns.isEmpty()) columns.add(ResultColumn.of(function.name(), resultType(function)));
        return columns;
    }

    private static RoutineScanNode node(ExprCompiler compiler, PlanContext pc, RoutineResolution.Resolved call, int width) {
        FunctionDef function = call.routine();
        List<ProcedureParameter> parameters = new ArrayList<>();
        List<FunctionDef.Parameter> given = RoutineResolution.callParameters(function, true);
        for (int i = 0; i < given.size(); i++) {
            FunctionDef.Parameter p = given.get(i);
            DataType type = type(p.type());
            String name = p.name().isEmpty() ? "$" + (i + 1) : p.name();
            parameters.add(p.defaultSql() == null ? ProcedureParameter.required(name, type)
                    : ProcedureParameter.optional(name, type, defaultExpression(pc, p.defaultSql(), type)));
        }
        ProcedureRegistry.Procedure shape = new ProcedureRegistry.Procedure(function.qualifiedName(), parameters, resultColumns(pc, function), null, -1, 1, false);
        return new RoutineScanNode(function, compiler.procedureArgs(shape, call.arguments()), width);
    }

    /** A parameter's DEFAULT, compiled as an expression over nothing (it may not name other parameters). */
    private static Expr defaultExpression(PlanContext pc, String sql, DataType type) {
        ParsedStatement parsed = SqlFrontEnd.parse("SELECT " + sql);
        if (!(parsed instanceof JsqlStatement j) || !(j.statement() instanceof PlainSelect ps) || ps.getSelectItems().size() != 1) {
            throw new DbException(SqlState.SYNTAX_ERROR, "invalid parameter default: " + sql);
        }
        Expression e = ps.getSelectItems().get(0).getExpression();
        ExprCompiler compiler = new ExprCompiler(pc, Scope.empty(null), null);
        return compiler.coerceTo(compiler.compile(e), type);
    }

    private static DataType resultType(FunctionDef function) {
        return function.returnType().equals("void") ? DataType.of(SqlType.VOID) : type(function.returnType());
    }

    private static DataType type(String name) {
        return Casts.parseTypeName(FunctionDef.normalizeType(name));
    }
}
