package io.tableos.db.sql.plan;

import io.tableos.db.catalog.FunctionDef;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.OracleNamedFunctionParameter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.TableFunction;

/**
 * Plans {@code CALL p(args)}, which the front end hands over as {@code SELECT * FROM p(args)}: the
 * name must resolve to a procedure (CREATE PROCEDURE), whose arguments then bind as a function's
 * in FROM do (positional, named, defaults). A function named in CALL is 42809, as in PostgreSQL.
 */
public final class CallPlanner {
    private CallPlanner() {}

    public static PlannedStatement.Call plan(PlanContext pc, Statement statement) {
        if (!(statement instanceof PlainSelect ps) || !(ps.getFromItem() instanceof TableFunction tf) || ps.getAlias() != null
                || (ps.getJoins() != null && !ps.getJoins().isEmpty()) || ps.getWhere() != null || tf.getAlias() != null) {
            throw new DbException(SqlState.SYNTAX_ERROR, "syntax error in CALL: a procedure name and its arguments expected");
        }
        Function f = tf.getFunction();
        List<String> parts = f.getMultipartName();
        String name = Names.ident(parts.get(parts.size() - 1));
        String schema = parts.size() > 1 ? Names.ident(parts.get(0)) : null;
        ExprCompiler compiler = new ExprCompiler(pc, Scope.empty(null), null);
        RoutineResolution.Resolved call = RoutineCalls.resolve(compiler, pc, schema, name, f, "procedure");
        if (call == null) throw new DbException(SqlState.UNDEFINED_FUNCTION, "procedure " + name + " does not exist");
        FunctionDef routine = call.routine();
        if (!routine.isProcedure()) {
            throw new DbException(SqlState.WRONG_OBJECT_TYPE, name + "(" + String.join(", ", routine.argumentTypes()) + ") is not a procedure",
                    null, "To call a function, use SELECT.", 0, null);
        }
        List<io.tableos.db.sql.session.ResultColumn> columns = routine.outColumns().isEmpty() ? List.of() : RoutineCalls.resultColumns(pc, routine);
        return new PlannedStatement.Call(RoutineCalls.procedureCall(compiler, pc, call), columns, outputArguments(routine, call.arguments()));
    }

    /** For each OUT or INOUT parameter (the result's columns, in order), the position of the argument given for it, or -1. */
    private static int[] outputArguments(FunctionDef routine, List<Expression> arguments) {
        List<FunctionDef.Parameter> parameters = RoutineResolution.callParameters(routine, true);
        int[] givenFor = new int[parameters.size()];
        java.util.Arrays.fill(givenFor, -1);
        for (int i = 0; i < arguments.size(); i++) {
            if (!(arguments.get(i) instanceof OracleNamedFunctionParameter n)) {
                if (i < givenFor.length) givenFor[i] = i;
                continue;
            }
            for (int k = 0; k < parameters.size(); k++) if (parameters.get(k).name().equals(Names.ident(n.getName()))) givenFor[k] = i;
        }
        List<Integer> out = new ArrayList<>();
        for (int k = 0; k < parameters.size(); k++) {
            String mode = parameters.get(k).mode();
            if (mode.equals(FunctionDef.INOUT) || mode.equals(FunctionDef.OUT)) out.add(givenFor[k]);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
