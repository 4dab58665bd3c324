package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.expr.Subqueries;
import io.tableos.db.types.SqlArray;
import java.util.ArrayList;
import java.util.List;

/**
 * The values one key column is constrained to by the WHERE clause: a single expression
 * ({@code col = e}), a list ({@code col IN (a, b)}), the elements of an array
 * ({@code col = ANY($1)}), or the rows of an uncorrelated subquery ({@code col IN (SELECT ...)}).
 */
public sealed interface KeyValues {
    List<Object> values(ExecContext ctx, Object[] input);

    String describe();

    record Single(Expr expr) implements KeyValues {
        public List<Object> values(ExecContext ctx, Object[] input) {
            List<Object> out = new ArrayList<>(1);
            out.add(expr.eval(input, ctx));
            return out;
        }
        public String describe() { return expr.toString(); }
    }

    record InList(List<Expr> exprs) implements KeyValues {
        public List<Object> values(ExecContext ctx, Object[] input) {
            List<Object> out = new ArrayList<>(exprs.size());
            for (Expr e : exprs) out.add(e.eval(input, ctx));
            return out;
        }
        public String describe() { return "ANY (" + exprs + ")"; }
    }

    record ArrayElements(Expr array) implements KeyValues {
        public List<Object> values(ExecContext ctx, Object[] input) {
            Object a = array.eval(input, ctx);
            List<Object> out = new ArrayList<>();
            if (a instanceof SqlArray arr) for (Object v : arr.elements()) out.add(v);
            return out;
        }
        public String describe() { return "ANY (" + array + ")"; }
    }

    record SubqueryRows(Subqueries.In subquery) implements KeyValues {
        public List<Object> values(ExecContext ctx, Object[] input) {
            List<Object> out = new ArrayList<>();
            for (Object[] r : subquery.values(ctx)) out.add(r[0]);
            return out;
        }
        public String describe() { return "ANY (subquery)"; }
    }
}
