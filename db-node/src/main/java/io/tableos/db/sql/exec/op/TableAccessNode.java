package io.tableos.db.sql.exec.op;

import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.sql.exec.ExecContext;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.RowIterator;
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

    @Override public List<PlanNode> children() { return List.of(); }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        String name = table.qualifiedName() + (alias != null && !alias.equals(table.name()) ? " " + alias : "");
        IndexDef index = path.index();
        if (path.isFullScan()) {
            sb.append("Seq Scan on ").append(name);
        } else {
            boolean point = index == null && !path.hasRange() && path.equalities().size() == table.primaryKey().size();
            sb.append(index == null ? (point ? "Key Lookup on " : "Key Range Scan on ") : "Index Scan using " + index.name() + " on ").append(name);
            List<Integer> cols = index == null ? table.primaryKey() : index.columns();
            List<String> conds = new ArrayList<>();
            for (int i = 0; i < path.equalities().size(); i++) conds.add(table.columns().get(cols.get(i)).name() + " = " + path.equalities().get(i).describe());
            String rangeCol = path.hasRange() ? table.columns().get(cols.get(path.equalities().size())).name() : null;
            if (path.low() != null) conds.add(rangeCol + (path.lowInclusive() ? " >= " : " > ") + path.low());
            if (path.high() != null) conds.add(rangeCol + (path.highInclusive() ? " <= " : " < ") + path.high());
            if (!conds.isEmpty()) sb.append(" (").append(String.join(" AND ", conds)).append(')');
        }
        if (path.descending()) sb.append(" Backward");
        if (filter != null) sb.append(" Filter: ").append(filter);
        return sb.toString();
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
