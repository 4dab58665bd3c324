package io.tableos.db.sql.plan;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.AllValue;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;

/**
 * One aggregate call as written, whichever JSqlParser node carries it: a plain {@link Function},
 * or an {@link AnalyticExpression} when a FILTER clause follows (JSqlParser puts a second and
 * third argument of those in its offset and default-value slots). {@code text} identifies
 * the call, so the same call written twice is computed once.
 */
record AggregateCall(String name, List<Expression> args, boolean star, boolean distinct,
        List<OrderByElement> orderBy, Expression filter, String text) {

    static AggregateCall of(Function f) {
        List<String> parts = f.getMultipartName();
        List<Expression> args = new ArrayList<>();
        if (f.getParameters() != null) args.addAll(f.getParameters());
        boolean star = f.isAllColumns() || args.isEmpty() || isStar(args.get(0));
        return new AggregateCall(parts.get(parts.size() - 1).toLowerCase(), args, star, f.isDistinct(),
                f.getOrderByElements() == null ? List.of() : f.getOrderByElements(), null, f.toString());
    }

    static AggregateCall of(AnalyticExpression a) {
        List<Expression> args = new ArrayList<>();
        if (a.getExpression() != null) args.add(a.getExpression());
        if (a.getOffset() != null) args.add(a.getOffset());
        if (a.getDefaultValue() != null) args.add(a.getDefaultValue());
        boolean star = a.isAllColumns() || args.isEmpty() || isStar(args.get(0));
        return new AggregateCall(a.getName().toLowerCase(), args, star, a.isDistinct(),
                a.getFuncOrderBy() == null ? List.of() : a.getFuncOrderBy(), a.getFilterExpression(), a.toString());
    }

    private static boolean isStar(Expression e) {
        return e instanceof AllColumns || e instanceof AllValue;
    }
}
