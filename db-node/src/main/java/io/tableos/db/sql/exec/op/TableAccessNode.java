package io.tableos.db.sql.exec.op;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
import io.tableos.db.sql.exec.expr.Conditions;
import io.tableos.db.sql.exec.expr.Exprs;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.storage.KeyCodec;
import io.tableos.db.storage.KeyOrder;
import io.tableos.db.storage.KeyRange;
import io.tableos.db.storage.RowCodec;
import io.tableos.db.storage.TableStore;
import io.tableos.db.txn.Transaction;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a table's rows through an {@link AccessPath} and applies a filter over the table's
 * own columns. Produced rows are the table's visible columns followed by one hidden value:
 * the encoded primary key (UPDATE, DELETE and FOR UPDATE use it).
 */
public final class TableAccessNode implements PlanNode {
    private final TableDef table;
    private final AccessPath path;
    private final Expr filter;
    private final String alias;
    private final List<DataType> keyTypes;
    private final boolean[] keyDescending;

    public TableAccessNode(TableDef table, String alias, AccessPath path, Expr filter) {
        this.table = table;
        this.alias = alias;
        this.path = path;
        this.filter = filter;
        List<Integer> keyColumns = path.index() == null ? table.primaryKey() : path.index().columns();
        this.keyTypes = keyColumns.stream().map(i -> table.columns().get(i).type()).toList();
        this.keyDescending = new boolean[keyColumns.size()];
        if (path.index() != null) for (int i = 0; i < keyDescending.length; i++) keyDescending[i] = path.index().descending().get(i);
    }

    public TableDef table() { return table; }
    public AccessPath path() { return path; }
    public Expr filter() { return filter; }

    @Override public int width() { return table.columns().size() + 1; }


    /**
     * As PostgreSQL names it: {@code Seq Scan on t}, or {@code Index Scan [Backward] using name on t}
     * (the primary key under its constraint name), then {@code Index Cond:} (the key
     * equalities and range) and {@code Filter:} (the table's WHERE conditions, which are
     * checked on every row found, including those the index condition already ensures).
     */
    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        String name = table.name() + (alias != null && !alias.equals(table.name()) ? " " + alias : "");
        IndexDef index = path.index();
        if (path.isFullScan() && !path.ordered()) {
            sb.append("Seq Scan on ").append(name);
        } else {
            sb.append(path.descending() ? "Index Scan Backward using " : "Index Scan using ")
                    .append(index == null ? table.primaryKeyName() : index.name()).append(" on ").append(name);
            List<Integer> cols = index == null ? table.primaryKey() : index.columns();
            List<String> conds = new ArrayList<>();
            for (int i = 0; i < path.equalities().size(); i++) conds.add(table.columns().get(cols.get(i)).name() + " = " + path.equalities().get(i).describe());
            String rangeCol = path.hasRange() ? table.columns().get(cols.get(path.equalities().size())).name() : null;
            if (path.low() != null) conds.add(rangeCol + (path.lowInclusive() ? " >= " : " > ") + path.low());
            if (path.high() != null) conds.add(rangeCol + (path.highInclusive() ? " <= " : " < ") + path.high());
            if (!conds.isEmpty()) sb.append("\nIndex Cond: (").append(String.join(") AND (", conds)).append(')');
        }
        List<String> shown = new ArrayList<>();
        for (Expr term : filter instanceof Conditions.And and ? and.terms() : filter == null ? List.<Expr>of() : List.of(filter)) {
            if (!enforcedByPath(term)) shown.add(term.toString());
        }
        if (!shown.isEmpty()) sb.append("\nFilter: ").append(parenthesized(String.join(" AND ", shown)));
        return sb.toString();
    }

    /**
     * A WHERE term the index condition already guarantees ({@code col = v}, {@code col IN (...)},
     * {@code col = ANY(...)} or a range bound, with the very expression the path uses). It is
     * still checked on each row; EXPLAIN leaves it out of {@code Filter:}, as PostgreSQL does.
     */
    private boolean enforcedByPath(Expr term) {
        List<Integer> cols = path.index() == null ? table.primaryKey() : path.index().columns();
        for (int i = 0; i < path.equalities().size(); i++) {
            int column = cols.get(i);
            KeyValues v = path.equalities().get(i);
            if (v instanceof KeyValues.Single single && term instanceof Conditions.Compare c && c.op() == Conditions.CompareOp.EQ
                    && (isColumn(c.left(), column) && c.right() == single.expr() || isColumn(c.right(), column) && c.left() == single.expr())) return true;
            if (v instanceof KeyValues.InList list && term instanceof Conditions.InList in && isColumn(in.input(), column) && in.values() == list.exprs()) return true;
            if (v instanceof KeyValues.ArrayElements array && term instanceof Conditions.ArrayCompare a && isColumn(a.input(), column) && a.array() == array.array()) return true;
            if (v instanceof KeyValues.SubqueryRows rows && term == rows.subquery()) return true;
        }
        if (path.hasRange() && term instanceof Conditions.Compare c) {
            int column = cols.get(path.equalities().size());
            Expr other = isColumn(c.left(), column) ? c.right() : isColumn(c.right(), column) ? c.left() : null;
            return other != null && (other == path.low() || other == path.high());
        }
        return false;
    }

    private static boolean isColumn(Expr e, int column) {
        return e instanceof Exprs.ColumnRef r && r.index() == column;
    }

    private static String parenthesized(String condition) {
        return condition.startsWith("(") && condition.endsWith(")") ? condition : "(" + condition + ")";
    }

    /** Plans of {@code IN (SELECT ...)} key values: run once per execution, shown under this scan. */
    @Override public List<PlanNode> children() {
        List<PlanNode> out = new ArrayList<>();
        for (KeyValues v : path.equalities()) if (v instanceof KeyValues.SubqueryRows s) out.add(s.subquery().plan());
        return out;
    }

    @Override
    public RowIterator open(ExecContext ctx, Object[] input) {
        TableStore store = ctx.storage().table(table.id());
        if (store == null) throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + table.name() + "\" does not exist");
        Transaction txn = ctx.transaction();
        if (path.isFullScan()) return new ScanIterator(ctx, store, List.of(KeyRange.ALL), false);
        List<Object[]> prefixes = prefixes(ctx, input);
        boolean fullKey = path.index() == null && !path.hasRange() && path.equalities().size() == keyTypes.size();
        List<KeyRange> ranges = new ArrayList<>(prefixes.size());
        List<byte[]> points = new ArrayList<>();
        for (Object[] prefix : prefixes) {
            byte[] prefixKey = KeyCodec.encode(prefix, keyTypes, keyDescending);
            if (fullKey) points.add(prefixKey);
            else {
                KeyRange r = range(ctx, input, prefix, prefixKey);
                if (r != null) ranges.add(r);
            }
        }
        if (fullKey) return new PointIterator(ctx, store, txn, points);
        return new ScanIterator(ctx, store, ranges, true);
    }

    /** Cartesian product of the equality values, cast to key types, without NULLs, sorted and distinct by encoded key. */
    private List<Object[]> prefixes(ExecContext ctx, Object[] input) {
        List<Object[]> out = new ArrayList<>();
        out.add(new Object[0]);
        for (int i = 0; i < path.equalities().size(); i++) {
            List<Object> values = path.equalities().get(i).values(ctx, input);
            List<Object[]> next = new ArrayList<>(out.size() * values.size());
            for (Object[] prefix : out) {
                for (Object v : values) {
                    if (v == null) continue;
                    Object[] p = java.util.Arrays.copyOf(prefix, prefix.length + 1);
                    p[prefix.length] = Casts.cast(v, keyTypes.get(i));
                    next.add(p);
                }
            }
            out = next;
        }
        if (out.size() > 1) {
            List<byte[]> encoded = new ArrayList<>();
            for (Object[] p : out) encoded.add(KeyCodec.encode(p, keyTypes, keyDescending));
            Integer[] order = new Integer[out.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            Comparator<Integer> byKey = (a, b) -> KeyOrder.compare(encoded.get(a), encoded.get(b));
            java.util.Arrays.sort(order, path.descending() ? byKey.reversed() : byKey);
            List<Object[]> sorted = new ArrayList<>();
            byte[] previous = null;
            for (int i : order) {
                if (previous != null && KeyOrder.compare(previous, encoded.get(i)) == 0) continue;
                previous = encoded.get(i);
                sorted.add(out.get(i));
            }
            out = sorted;
        }
        return out;
    }

    /** The key range for one equality prefix plus the range bounds, or null when it is empty. */
    private KeyRange range(ExecContext ctx, Object[] input, Object[] prefix, byte[] prefixKey) {
        int column = prefix.length;
        Expr lowExpr = path.low(), highExpr = path.high();
        boolean lowInclusive = path.lowInclusive(), highInclusive = path.highInclusive();
        if (path.hasRange() && keyDescending[column]) {
            Expr e = lowExpr; lowExpr = highExpr; highExpr = e;
            boolean b = lowInclusive; lowInclusive = highInclusive; highInclusive = b;
        }
        byte[] low = prefix.length == 0 ? null : prefixKey;
        boolean lowIncl = true;
        byte[] high = prefix.length == 0 ? null : KeyOrder.prefixEnd(prefixKey);
        boolean highIncl = false;
        if (lowExpr != null) {
            Object v = lowExpr.eval(input, ctx);
            if (v == null) return null;
            byte[] k = bound(prefix, Casts.cast(v, keyTypes.get(column)));
            if (lowInclusive) low = k;
            else {
                low = KeyOrder.prefixEnd(k);
                if (low == null) return null;
            }
        }
        if (highExpr != null) {
            Object v = highExpr.eval(input, ctx);
            if (v == null) return null;
            byte[] k = bound(prefix, Casts.cast(v, keyTypes.get(column)));
            if (highInclusive) high = KeyOrder.prefixEnd(k);
            else high = k;
        }
        return new KeyRange(low, lowIncl, high, highIncl);
    }

    private byte[] bound(Object[] prefix, Object value) {
        Object[] values = java.util.Arrays.copyOf(prefix, prefix.length + 1);
        values[prefix.length] = value;
        return KeyCodec.encode(values, keyTypes, keyDescending);
    }

    Object[] toRow(byte[] primaryKey, byte[] encoded) {
        Object[] decoded = RowCodec.decode(table, encoded);
        Object[] row = java.util.Arrays.copyOf(decoded, decoded.length + 1);
        row[decoded.length] = primaryKey;
        return row;
    }

    private boolean passes(Object[] row, ExecContext ctx) {
        return filter == null || Exprs.isTrue(filter.eval(row, ctx));
    }

    private final class PointIterator implements RowIterator {
        private final ExecContext ctx;
        private final TableStore store;
        private final Transaction txn;
        private final List<byte[]> keys;
        private int next;

        PointIterator(ExecContext ctx, TableStore store, Transaction txn, List<byte[]> keys) {
            this.ctx = ctx;
            this.store = store;
            this.txn = txn;
            this.keys = keys;
        }

        @Override
        public Object[] next() {
            while (next < keys.size()) {
                byte[] key = keys.get(next++);
                byte[] encoded = txn.get(store, key);
                if (encoded == null) continue;
                Object[] row = toRow(key, encoded);
                if (passes(row, ctx)) return row;
            }
            return null;
        }
    }

    private final class ScanIterator implements RowIterator {
        private final ExecContext ctx;
        private final TableStore store;
        private final List<KeyRange> ranges;
        private int nextRange;
        private ChunkedScan scan;

        ScanIterator(ExecContext ctx, TableStore store, List<KeyRange> ranges, boolean useIndex) {
            this.ctx = ctx;
            this.store = store;
            this.ranges = ranges;
        }

        @Override
        public Object[] next() {
            Transaction txn = ctx.transaction();
            while (true) {
                if (scan == null) {
                    if (nextRange >= ranges.size()) return null;
                    scan = new ChunkedScan(txn, store, path.index(), ranges.get(nextRange++), path.descending());
                }
                if (!scan.next()) {
                    scan.close();
                    scan = null;
                    continue;
                }
                ctx.checkInterrupts();
                byte[] primaryKey;
                byte[] encoded;
                if (path.index() == null) {
                    primaryKey = scan.key();
                    encoded = scan.value();
                } else {
                    primaryKey = scan.value();
                    encoded = txn.get(store, primaryKey);
                    if (encoded == null) continue;
                }
                Object[] row = toRow(primaryKey, encoded);
                if (passes(row, ctx)) return row;
            }
        }

        @Override
        public void close() {
            if (scan != null) scan.close();
        }
    }
}
