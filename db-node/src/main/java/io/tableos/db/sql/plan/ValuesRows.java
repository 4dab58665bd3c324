package io.tableos.db.sql.plan;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.statement.select.Values;

/**
 * The rows of a VALUES list as JSqlParser gives them: {@code VALUES (1, 2), (3, 4)} is a plain
 * list of parenthesized rows, {@code VALUES (1, 2)} one parenthesized row. A single row whose
 * values are each parenthesized, {@code VALUES ((1), ('a'))}, is also a parenthesized list of
 * parenthesized lists, but one row: pgJDBC's simple mode writes every inlined parameter that
 * way, and reading it as rows of one column put the second parameter into the first column.
 */
final class ValuesRows {
    private ValuesRows() {}

    static List<List<Expression>> of(Values v) {
        ExpressionList<?> list = v.getExpressions();
        List<List<Expression>> rows = new ArrayList<>();
        boolean multiRow = !(list instanceof ParenthesedExpressionList<?>)
                && !list.isEmpty() && list.stream().allMatch(x -> x instanceof ExpressionList<?>);
        if (multiRow) {
            for (Expression row : list) rows.add(new ArrayList<>((ExpressionList<?>) row));
        } else {
            rows.add(new ArrayList<>(list));
        }
        return rows;
    }
}
