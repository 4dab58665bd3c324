package io.tableos.db.sql.plan;

import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.expr.Exprs;
import io.tableos.db.sql.exec.op.AggregateSpec;
import io.tableos.db.sql.exec.op.SortKey;
import io.tableos.db.sql.exec.op.WindowNode;
import io.tableos.db.sql.exec.op.WindowFrame;
import io.tableos.db.sql.exec.op.WindowSpec;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import net.sf.jsqlparser.expression.WindowElement;
import net.sf.jsqlparser.expression.WindowOffset;
import io.tableos.db.types.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * Window functions of a query without GROUP BY: one {@link WindowNode} computes every call
 * (by distinct SQL text) over the FROM/WHERE rows; the select list and ORDER BY then read
 * the results as extra columns.
 */
final class WindowPlanner {
    private final PlanContext pc;

    WindowPlanner(PlanContext pc) {
        this.pc = pc;
    }

    record Planned(PlanNode node, Scope scope, Map<String, Expr> columns) {}

    static List<AnalyticExpression> collect(PlainSelect ps) {
        List<AnalyticExpression> found = new ArrayList<>();
        ExpressionVisitorAdapter<Void> visitor = new ExpressionVisitorAdapter<>() {
            @Override
            public <S> Void visit(AnalyticExpression a, S context) {
                if (!AggregateBinding.isFilteredAggregate(a)) found.add(a);
                return null;
            }

            @Override
            public <S> Void visit(ParenthesedSelect select, S context) {
                return null;
            }
        };
        for (SelectItem<?> item : ps.getSelectItems()) item.getExpression().accept(visitor, null);
        if (ps.getOrderByElements() != null) for (OrderByElement o : ps.getOrderByElements()) o.getExpression().accept(visitor, null);
        return found;
    }

    Planned plan(PlanNode input, Scope inputScope, List<AnalyticExpression> calls) {
        ExprCompiler compiler = new ExprCompiler(pc, inputScope, null);
        List<WindowSpec> specs = new ArrayList<>();
        Map<String, Expr> columns = new LinkedHashMap<>();
        List<Scope.Column> cols = new ArrayList<>(inputScope.columns());
        for (AnalyticExpression a : calls) {
            String text = a.toString();
            if (columns.containsKey(text)) continue;
            if (a.getWindowName() != null && a.getPartitionExpressionList() == null && a.getOrderByElements() == null) {
                throw ExprCompiler.unsupported("named window " + a.getWindowName());
            }
            String name = a.getName().toLowerCase();
            List<Expr> args = new ArrayList<>();
            Expression arg = a.getExpression();
            if (arg != null && !(arg instanceof AllColumns)) args.add(compiler.compile(arg));
            if (a.getOffset() != null) args.add(compiler.compile(a.getOffset()));
            if (a.getDefaultValue() != null) args.add(compiler.compile(a.getDefaultValue()));
            List<Expr> partition = new ArrayList<>();
            if (a.getPartitionExpressionList() != null) for (Expression p : a.getPartitionExpressionList()) partition.add(compiler.compile(p));
            List<SortKey> order = new ArrayList<>();
            if (a.getOrderByElements() != null) {
                for (OrderByElement o : a.getOrderByElements()) order.add(SortKey.of(compiler.compile(o.getExpression()), !o.isAsc(), AggregateBinding.nullsFirst(o)));
            }
            DataType type = switch (name) {
                case "row_number", "rank", "dense_rank" -> DataType.INT8;
                case "ntile" -> DataType.INT4;
                case "lag", "lead" -> args.isEmpty() ? DataType.TEXT : args.get(0).type();
                case "first_value", "last_value", "nth_value" -> {
                    if (args.size() != (name.equals("nth_value") ? 2 : 1)) {
                        throw new DbException(SqlState.UNDEFINED_FUNCTION, "function " + name + " with " + args.size() + " arguments does not exist");
                    }
                    if (name.equals("nth_value")) args.set(1, compiler.coerceTo(args.get(1), DataType.INT4));
                    yield args.get(0).type();
                }
                default -> {
                    AggregateSpec.Kind kind = AggregateSpec.kindOf(name);
                    if (kind == null || kind == AggregateSpec.Kind.STRING_AGG || kind == AggregateSpec.Kind.ARRAY_AGG
                            || kind == AggregateSpec.Kind.JSON_AGG || kind == AggregateSpec.Kind.JSONB_AGG) {
                        throw ExprCompiler.unsupported("window function " + name);
                    }
                    yield AggregateSpec.resultType(kind, args.isEmpty() ? DataType.UNKNOWN : args.get(0).type());
                }
            };
            Expr filter = null;
            if (a.getFilterExpression() != null) {
                if (AggregateSpec.kindOf(name) == null) throw ExprCompiler.unsupported("FILTER for non-aggregate window function " + name);
                filter = compiler.bool(a.getFilterExpression());
            }
            WindowFrame frame = a.getWindowElement() == null ? null : frame(a.getWindowElement(), compiler, order);
            specs.add(new WindowSpec(name, args, partition, order, filter, frame, type));
            int index = cols.size();
            cols.add(new Scope.Column(null, "?window?", type, 0, 0, true));
            columns.put(text, new Exprs.ColumnRef(index, type, name));
        }
        return new Planned(new WindowNode(input, specs), new Scope(cols, inputScope.parent()), columns);
    }

    /** ROWS frames with any bounds; RANGE frames with offsets over one numeric or date/time ORDER BY key. */
    private static WindowFrame frame(WindowElement element, ExprCompiler compiler, List<SortKey> order) {
        if (element.getType() == WindowElement.Type.GROUPS) throw ExprCompiler.unsupported("GROUPS window frames");
        if (element.getExclusion() != null) throw ExprCompiler.unsupported("frame EXCLUDE");
        boolean rows = element.getType() == WindowElement.Type.ROWS;
        WindowOffset start = element.getRange() != null ? element.getRange().getStart() : element.getOffset();
        WindowOffset end = element.getRange() != null ? element.getRange().getEnd() : null;
        WindowFrame.Bound first = bound(start, rows, compiler, order);
        WindowFrame.Bound last = end == null ? new WindowFrame.Bound(WindowFrame.Kind.CURRENT_ROW, null) : bound(end, rows, compiler, order);
        if (first.kind() == WindowFrame.Kind.UNBOUNDED_FOLLOWING) {
            throw new DbException(SqlState.WINDOWING_ERROR, "frame start cannot be UNBOUNDED FOLLOWING");
        }
        if (last.kind() == WindowFrame.Kind.UNBOUNDED_PRECEDING) {
            throw new DbException(SqlState.WINDOWING_ERROR, "frame end cannot be UNBOUNDED PRECEDING");
        }
        return new WindowFrame(rows, first, last);
    }

    private static WindowFrame.Bound bound(WindowOffset offset, boolean rows, ExprCompiler compiler, List<SortKey> order) {
        if (offset.getType() == WindowOffset.Type.CURRENT) return new WindowFrame.Bound(WindowFrame.Kind.CURRENT_ROW, null);
        boolean preceding = offset.getType() == WindowOffset.Type.PRECEDING;
        if (offset.getType() != WindowOffset.Type.PRECEDING && offset.getType() != WindowOffset.Type.FOLLOWING) {
            throw ExprCompiler.unsupported("window frame bound " + offset);
        }
        if (offset.getExpression() == null) {
            return new WindowFrame.Bound(preceding ? WindowFrame.Kind.UNBOUNDED_PRECEDING : WindowFrame.Kind.UNBOUNDED_FOLLOWING, null);
        }
        WindowFrame.Kind kind = preceding ? WindowFrame.Kind.PRECEDING : WindowFrame.Kind.FOLLOWING;
        if (!rows) return new WindowFrame.Bound(kind, rangeOffset(compiler, compiler.compile(offset.getExpression()), order));
        Expr count = compiler.coerceTo(compiler.compile(offset.getExpression()), DataType.INT8);
        return new WindowFrame.Bound(kind, count);
    }

    /** A RANGE offset: of the key's numeric type, or an interval for a date/time key. */
    private static Expr rangeOffset(ExprCompiler compiler, Expr offset, List<SortKey> order) {
        if (order.size() != 1) {
            throw new DbException(SqlState.WINDOWING_ERROR, "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column");
        }
        DataType key = order.get(0).expr().type();
        if (key.type().isNumeric()) return compiler.coerceTo(offset, key);
        return switch (key.type()) {
            case DATE, TIMESTAMP, TIMESTAMPTZ, TIME -> compiler.coerceTo(offset, DataType.INTERVAL);
            default -> throw new DbException(SqlState.FEATURE_NOT_SUPPORTED,
                    "RANGE with offset PRECEDING/FOLLOWING is not supported for column type " + key.sqlName());
        };
    }
}
