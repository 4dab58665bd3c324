package io.tableos.db.sql.exec.expr;

import io.tableos.db.catalog.SequenceDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.sql.func.ScalarFunction;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlArray;
import io.tableos.db.types.SqlState;
import java.util.List;

/** Function calls: scalar functions of the registry, sequence functions, array constructors. */
public final class Calls {
    private Calls() {}

    public record Function(String name, ScalarFunction function, List<Expr> args) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object[] values = new Object[args.size()];
            for (int i = 0; i < values.length; i++) values[i] = args.get(i).eval(row, ctx);
            return function.call(values, ctx);
        }
        public DataType type() { return function.returnType(); }
        public boolean isRowIndependent() { return !function.volatileResult() && args.stream().allMatch(Expr::isRowIndependent); }
        public String toString() { return name + args; }
    }

    public enum SequenceOp { NEXTVAL, CURRVAL, SETVAL, LAST_VALUE }

    /**
     * nextval/currval/setval/pg_sequence_last_value: the sequence is named by the first argument
     * (a text or regclass value). pg_sequence_last_value reads the committed value, NULL while
     * the sequence has not been used (its value still start - increment).
     */
    public record Sequence(SequenceOp op, List<Expr> args) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object name = args.get(0).eval(row, ctx);
            if (name == null) return null;
            SequenceDef seq = name instanceof Number oid ? byOid(oid.longValue(), ctx) : resolve(name.toString(), ctx);
            switch (op) {
                case NEXTVAL:
                    return ctx.transaction().nextval(seq);
                case CURRVAL:
                    return ctx.storage().sequenceValue(seq.id());
                case LAST_VALUE: {
                    long value = ctx.storage().sequenceValue(seq.id());
                    return value == seq.start() - seq.increment() ? null : value;
                }
                default: {
                    Object v = args.get(1).eval(row, ctx);
                    boolean called = args.size() < 3 || Exprs.isTrue(args.get(2).eval(row, ctx));
                    long value = ((Number) Casts.cast(v, DataType.INT8)).longValue();
                    ctx.transaction().setval(seq, value, called);
                    return value;
                }
            }
        }

        /** {@code nextval('s'::regclass)}: the cast already found the relation; a sequence's OID is its catalog id. */
        private static SequenceDef byOid(long oid, ExecContext ctx) {
            SequenceDef seq = ctx.catalog().sequence(oid);
            if (seq == null) throw new DbException(SqlState.UNDEFINED_TABLE, "relation with OID " + oid + " is not a sequence");
            return seq;
        }

        private static SequenceDef resolve(String qualified, ExecContext ctx) {
            String name = qualified.replace("\"", "");
            int dot = name.indexOf('.');
            String bare = dot < 0 ? name : name.substring(dot + 1);
            SequenceDef seq = dot < 0 ? ctx.searchPath().find(s -> sequenceIn(ctx, s, bare)) : sequenceIn(ctx, name.substring(0, dot), bare);
            if (seq == null) throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + qualified + "\" does not exist");
            return seq;
        }

        private static SequenceDef sequenceIn(ExecContext ctx, String schema, String name) {
            SequenceDef seq = ctx.catalog().sequence(schema, name);
            return seq != null ? seq : ctx.catalog().sequence(schema, name.toLowerCase());
        }

        public DataType type() { return DataType.INT8; }
    }

    public record ArrayOf(List<Expr> elements, DataType type) implements Expr {
        public Object eval(Object[] row, ExecContext ctx) {
            Object[] values = new Object[elements.size()];
            for (int i = 0; i < values.length; i++) values[i] = Casts.cast(elements.get(i).eval(row, ctx), DataType.of(type.element()));
            return new SqlArray(type.element(), values);
        }
        public boolean isRowIndependent() { return elements.stream().allMatch(Expr::isRowIndependent); }
    }
}
