package io.tableos.db.sql.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.expression.AnyComparisonExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;

/** Splitting conditions at AND, and finding which FROM items a condition refers to. */
final class Conjuncts {
    private Conjuncts() {}

    static List<Expression> split(Expression e) {
        List<Expression> out = new ArrayList<>();
        if (e != null) split(e, out);
        return out;
    }

    private static void split(Expression e, List<Expression> out) {
        if (e instanceof AndExpression a) {
            split(a.getLeftExpression(), out);
            split(a.getRightExpression(), out);
        } else if (e instanceof ParenthesedExpressionList<?> p && p.size() == 1 && p.get(0) instanceof AndExpression) {
            split(p.get(0), out);
        } else {
            out.add(e);
            Expression leading = leadingFieldBound(e);
            if (leading != null) out.add(leading);
        }
    }

    /**
     * For {@code (a, b) > (x, y)} (and >=, <, <=) between row constructors, {@code a >= x} (or {@code a <= x}): implied by
     * the row comparison and, beside it, exactly as selective (where a or x is NULL both are NULL; where a <> x the row
     * comparison is decided by a), so it changes no answer. As its own conjunct it lets the planner bound an index scan on
     * a: keyset pagination {@code WHERE (created_at, id) > (?, ?) ORDER BY created_at, id} then starts at the key.
     */
    private static Expression leadingFieldBound(Expression e) {
        if (!(e instanceof ComparisonOperator c)) return null;
        boolean greater = c instanceof GreaterThan || c instanceof GreaterThanEquals;
        if (!greater && !(c instanceof MinorThan || c instanceof MinorThanEquals)) return null;
        List<Expression> left = RowValues.constructorFields(c.getLeftExpression()), right = RowValues.constructorFields(c.getRightExpression());
        if (left == null || right == null || left.size() != right.size() || left.size() < 2) return null;
        return greater ? new GreaterThanEquals(left.get(0), right.get(0)) : new MinorThanEquals(left.get(0), right.get(0));
    }

    /** The columns an expression mentions outside subqueries; {@code hasSubquery} tells whether it has any. */
    record References(List<Column> columns, boolean hasSubquery) {}

    static References references(Expression e) {
        List<Column> columns = new ArrayList<>();
        boolean[] subquery = {false};
        e.accept(new ExpressionVisitorAdapter<Void>() {
            @Override
            public <S> Void visit(Column column, S context) {
                columns.add(column);
                if (column.getArrayConstructor() != null) {
                    for (Expression x : column.getArrayConstructor().getExpressions()) x.accept(this, context);
                }
                return null;
            }

            @Override
            public <S> Void visit(ParenthesedSelect select, S context) {
                subquery[0] = true;
                return null;
            }

            @Override
            public <S> Void visit(AnyComparisonExpression any, S context) {
                subquery[0] = true;
                return null;
            }
        }, null);
        return new References(columns, subquery[0]);
    }

    /**
     * Indexes of the FROM items (by scope) the expression refers to, or null when it has a
     * subquery or a column that matches several items.
     */
    static Set<Integer> sources(Expression e, List<Scope> sourceScopes) {
        References refs = references(e);
        if (refs.hasSubquery()) return null;
        Set<Integer> out = new HashSet<>();
        for (Column c : refs.columns()) {
            String name = Names.ident(c.getColumnName());
            String qualifier = c.getTable() == null || c.getTable().getName() == null ? null : Names.ident(c.getTable().getName());
            int match = -1;
            for (int i = 0; i < sourceScopes.size(); i++) {
                Scope s = sourceScopes.get(i);
                boolean hit = qualifier != null ? s.hasQualifier(qualifier) && s.find(qualifier, name) >= 0 : s.find(null, name) >= 0;
                if (hit) {
                    if (match >= 0) return null;
                    match = i;
                }
            }
            if (match >= 0) out.add(match);
        }
        return out;
    }
}
