package io.tableos.db.sql.plan;

import io.tableos.db.catalog.FunctionDef;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.List;
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
        FunctionDef routine = RoutineCalls.resolve(pc, schema, name, f);
        if (routine == null) throw new DbException(SqlState.UNDEFINED_FUNCTION, "procedure " + name + " does not exist");
        if (!routine.isProcedure()) {
            throw new DbException(SqlState.WRONG_OBJECT_TYPE, name + "(" + String.join(", ", routine.argumentTypes()) + ") is not a procedure",
                    null, "To call a function, use SELECT.", 0, null);
        }
        ExprCompiler compiler = new ExprCompiler(pc, Scope.empty(null), null);
        List<io.tableos.db.sql.session.ResultColumn> columns = routine.outColumns().isEmpty() ? List.of() : RoutineCalls.resultColumns(pc, routine);
        return new PlannedStatement.Call(RoutineCalls.procedureCall(compiler, pc, routine, f), columns);
    }
}
