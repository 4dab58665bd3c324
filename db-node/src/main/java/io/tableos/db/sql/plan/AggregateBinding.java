package io.tableos.db.sql.plan;

import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.expr.Exprs;
import io.tableos.db.sql.exec.op.AggregateSpec;
import io.tableos.db.sql.exec.op.SortKey;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.AnalyticType;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.OrderByElement;

/**
 * Compiling above a GROUP BY: expressions equal to a group key and aggregate calls become
 * references to the aggregate operator's output row (group keys first, then aggregates);
 * any other column reference is a grouping error (42803).
 */
final class AggregateBinding {
    private final PlanContext pc;
    private final Scope inputScope;
    private final List<String> groupTexts = new ArrayList<>();
    private final List<Expr> groupExprs = new ArrayList<>();
    private final List<AggregateSpec> specs = new ArrayList<>();
    private final Map<String, Integer> specSlots = new HashMap<>();

    AggregateBinding(PlanContext pc, Scope inputScope, List<Expression> groupBy) {
        this.pc = pc;
        this.inputScope = inputScope;
        ExprCompiler input = new ExprCompiler(pc, inputScope, null);
        for (Expression g : groupBy) {
            groupTexts.add(g.toString());
            groupExprs.add(input.compile(g));
        }
    }

    List<Expr> groupExprs() { return groupExprs; }
    List<AggregateSpec> specs() { return specs; }

    /** count(...), or pg_catalog.count(...): an aggregate call (schema-qualified only by pg_catalog). */
    static boolean isAggregateCall(Function f) {
        List<String> parts = f.getMultipartName();
        String name = parts.get(parts.size() - 1).toLowerCase();
        return (parts.size() == 1 || (parts.size() == 2 && parts.get(0).equalsIgnoreCase("pg_catalog"))) && isAggregate(name);
    }

    /**
     * {@code agg(...) FILTER (WHERE ...)} without OVER: JSqlParser gives it as an analytic
     * expression, but it is a plain aggregate of the query (PostgreSQL: one row per group).
     */
    static boolean isFilteredAggregate(AnalyticExpression a) {
        return a.getType() == AnalyticType.FILTER_ONLY && isAggregate(a.getName().toLowerCase());
    }

    static boolean isAggregate(String name) {
        return AggregateSpec.kindOf(name) != null;
    }

    /** The bound reference, or null when {@code e} is neither a group key nor an aggregate (compile it normally). */
    Expr bind(Expression e, ExprCompiler post) {
        String text = e.toString();
        int g = groupTexts.indexOf(text);
        if (g >= 0) return new Exprs.ColumnRef(g, groupExprs.get(g).type(), text);
        if (e instanceof Function f && isAggregateCall(f)) return aggregate(AggregateCall.of(f));
        if (e instanceof AnalyticExpression a && isFilteredAggregate(a)) return aggregate(AggregateCall.of(a));
        if (e instanceof Column c) {
            Expr resolved;
            try {
                resolved = new ExprCompiler(pc, inputScope.withParent(null), null).column(c);
            } catch (DbException notHere) {
                return null;
            }
            int index = ((Exprs.ColumnRef) resolved).index();
            for (int i = 0; i < groupExprs.size(); i++) {
                if (groupExprs.get(i) instanceof Exprs.ColumnRef ref && ref.index() == index) return new Exprs.ColumnRef(i, ref.type(), ref.name());
            }
            Scope.Column col = inputScope.columns().get(index);
            throw new DbException(SqlState.GROUPING_ERROR, "column \"" + col.qualifier() + "." + col.name()
                    + "\" must appear in the GROUP BY clause or be used in an aggregate function");
        }
        return null;
    }

    private Expr aggregate(AggregateCall call) {
        Integer slot = specSlots.get(call.text());
        if (slot == null) {
            AggregateSpec.Kind kind = AggregateSpec.kindOf(call.name());
            ExprCompiler input = new ExprCompiler(pc, inputScope, null);
            List<Expr> args = new ArrayList<>();
            if (kind == AggregateSpec.Kind.COUNT && call.star()) kind = AggregateSpec.Kind.COUNT_STAR;
            else for (Expression x : call.args()) args.add(input.compile(x));
            if (kind == AggregateSpec.Kind.STRING_AGG && args.size() == 2) args.set(1, input.coerceTo(args.get(1), DataType.TEXT));
            List<SortKey> orderBy = new ArrayList<>();
            for (OrderByElement o : call.orderBy()) {
                orderBy.add(SortKey.of(input.compile(o.getExpression()), !o.isAsc(), nullsFirst(o)));
            }
            Expr filter = call.filter() == null ? null : input.bool(call.filter());
            DataType argType = args.isEmpty() ? DataType.UNKNOWN : args.get(0).type();
            AggregateSpec spec = new AggregateSpec(kind, args, call.distinct(), orderBy, filter, AggregateSpec.resultType(kind, argType));
            slot = groupExprs.size() + specs.size();
            specs.add(spec);
            specSlots.put(call.text(), slot);
        }
        return new Exprs.ColumnRef(slot, specs.get(slot - groupExprs.size()).type(), call.text());
    }

    static Boolean nullsFirst(OrderByElement o) {
        return switch (o.getNullOrdering() == null ? "" : o.getNullOrdering().name()) {
            case "NULLS_FIRST" -> Boolean.TRUE;
            case "NULLS_LAST" -> Boolean.FALSE;
            default -> null;
        };
    }
}
