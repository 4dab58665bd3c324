package io.tableos.db.sql.exec.op;

import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.sql.func.Operators;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.Interval;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlState;
import java.util.List;

/**
 * Set-returning functions in FROM: generate_series(start, stop [, step]) and unnest(array), one
 * column of {@code type}; _pg_expandarray(array), two columns (element of {@code type}, int4 position from 1).
 */
public record FunctionScanNode(String name, List<Expr> args, DataType type) implements PlanNode {
    /** information_schema._pg_expandarray, which pgJDBC's key and index metadata queries call. */
    public static final String EXPAND_ARRAY = "_pg_expandarray";
    /** pg_partition_ancestors(regclass): no table is partitioned, so one row: the relation itself (and its depth, 1). */
    public static final String PARTITION_ANCESTORS = "pg_partition_ancestors";

    @Override
    public RowIterator open(ExecContext ctx, Object[] input) {
        Object[] values = new Object[args.size()];
        for (int i = 0; i < values.length; i++) values[i] = args.get(i).eval(input, ctx);
        for (Object v : values) if (v == null) return RowIterator.EMPTY;
        if (name.equals(EXPAND_ARRAY)) {
            Object[] elements = ((SqlArray) values[0]).elements();
            return new RowIterator() {
                int next;
                public Object[] next() { return next < elements.length ? new Object[] {elements[next], ++next} : null; }
            };
        }
        if (name.equals(PARTITION_ANCESTORS)) return new RowIterator() {
            boolean done;
            public Object[] next() {
                if (done) return null;
                done = true;
                return new Object[] {values[0], 1L};
            }
        };
        if (name.equals("unnest")) {
            Object[] elements = ((SqlArray) values[0]).elements();
            return new RowIterator() {
                int next;
                public Object[] next() { return next < elements.length ? new Object[] {elements[next++]} : null; }
            };
        }
        if (type.type().isInteger() || type.type().isNumeric()) {
            Object step = values.length > 2 ? values[2] : 1;
            if (Operators.compare(step, 0) == 0) throw new DbException(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
            boolean up = Operators.compare(step, 0) > 0;
            return new RowIterator() {
                Object current = Casts.cast(values[0], type);
                public Object[] next() {
                    ctx.checkInterrupts();
                    int c = Operators.compare(current, values[1]);
                    if (up ? c > 0 : c < 0) return null;
                    Object out = current;
                    current = Casts.cast(Operators.add(current, step), type);
                    return new Object[] {out};
                }
            };
        }
        if (values.length < 3 || !(values[2] instanceof Interval)) {
            throw new DbException(SqlState.UNDEFINED_FUNCTION, "function generate_series(" + type.sqlName() + ") does not exist");
        }
        return new RowIterator() {
            Object current = values[0];
            public Object[] next() {
                ctx.checkInterrupts();
                if (Operators.compare(current, values[1]) > 0) return null;
                Object out = current;
                current = Operators.add(current, values[2]);
                return new Object[] {out};
            }
        };
    }

    @Override public int width() { return name.equals(EXPAND_ARRAY) ? 2 : 1; }
    @Override public String describe() { return "Function Scan on " + name; }
    @Override public List<PlanNode> children() { return List.of(); }
}
