package io.tableos.db.sql.plan;

import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.expr.Conditions;
import io.tableos.db.sql.exec.expr.Conditions.CompareOp;
import io.tableos.db.sql.exec.expr.Exprs;
import io.tableos.db.sql.exec.expr.Structured;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.RowConstructor;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;

/**
 * Row values in expressions, compiled as PostgreSQL's parser treats them. A row constructor
 * ({@code ROW(a, b)}, {@code (a, b)}) compared with another row constructor is compared field by
 * field with SQL's three-valued logic (each pair typed and checked like a scalar comparison, 42883
 * when a pair has no operator, 42601 when the rows differ in width). Anything else of type record
 * (a whole-row reference {@code t}, a PL/pgSQL record passed as a parameter) is a value compared
 * whole, as PostgreSQL's record operators compare it (see {@code SqlRow}). There is no composite
 * type catalog: a row's fields are typed by the expressions that build it.
 */
final class RowValues {
    private RowValues() {}

    /** The fields of a row constructor, or null when {@code e} is not one. */
    static List<Expression> constructorFields(Expression e) {
        e = ExprCompiler.unparenthesize(e);
        if (e instanceof RowConstructor<?> row) return new ArrayList<>(row);
        if (e instanceof ParenthesedExpressionList<?> list && list.size() > 1) return new ArrayList<>(list);
        if (e instanceof Function f && isRowKeyword(f)) {
            List<Expression> fields = new ArrayList<>();
            if (f.getParameters() != null) fields.addAll(f.getParameters());
            return fields;
        }
        return null;
    }

    /** {@code ROW(...)}: JSqlParser reads the key word as a function name at the start of an expression. */
    static boolean isRowKeyword(Function f) {
        return f.getMultipartName().size() == 1 && f.getName().equalsIgnoreCase("row") && f.getNamedParameters() == null;
    }

    static Expr constructor(ExprCompiler compiler, List<Expression> fields) {
        List<Expr> compiled = new ArrayList<>();
        for (Expression f : fields) compiled.add(compiler.compile(f));
        return of(compiled);
    }

    /** A row of {@code fields}; an untyped literal field is text, as PostgreSQL resolves it. */
    static Expr of(List<Expr> fields) {
        List<DataType> types = new ArrayList<>();
        for (Expr f : fields) types.add(f.type().type() == SqlType.UNKNOWN ? DataType.TEXT : f.type());
        return new Structured.RowOf(fields, types);
    }

    /**
     * A whole-row reference: {@code name} names a FROM item of this or an enclosing query (and no column), so the value is
     * that item's row. Null when no FROM item has that name.
     */
    static Expr wholeRow(ExprCompiler compiler, String name) {
        int level = 0;
        for (Scope s = compiler.scope(); s != null; s = s.parent(), level++) {
            if (!s.hasQualifier(name)) continue;
            List<Expr> fields = new ArrayList<>();
            for (int i = 0; i < s.columns().size(); i++) {
                Scope.Column c = s.columns().get(i);
                if (c.hidden() || !name.equals(c.qualifier())) continue;
                fields.add(level == 0 ? new Exprs.ColumnRef(i, c.type(), c.name()) : new Exprs.OuterRef(level - 1, i, c.type(), c.name()));
            }
            if (level > 0) compiler.pc().outerReferences++;
            return of(fields);
        }
        return null;
    }

    /** {@code (a, b) op (c, d)} between two row constructors. */
    static Expr compare(ExprCompiler compiler, CompareOp op, List<Expression> left, List<Expression> right) {
        checkWidths(left, right);
        List<Expr> ls = new ArrayList<>(), rs = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            Expr[] pair = compiler.comparablePair(compiler.compile(left.get(i)), compiler.compile(right.get(i)), op.sql);
            ls.add(pair[0]);
            rs.add(pair[1]);
        }
        return new Structured.RowCompare(op, ls, rs);
    }

    /** {@code (a, b) op (SELECT x, y ...)}: the subquery's one row compared as a row constructor (42601 when the widths differ). */
    static Expr compareSubquery(ExprCompiler compiler, CompareOp op, List<Expression> left, ParenthesedSelect select) {
        ExprCompiler.SubqueryPlan sp = compiler.subquery(select);
        int width = sp.query().columns().size();
        if (width != left.size()) throw new DbException(SqlState.SYNTAX_ERROR, "subquery has too " + (width > left.size() ? "many" : "few") + " columns");
        List<Expr> ls = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            Expr columnType = Exprs.literal(null, sp.query().columns().get(i).type());  // stands for the subquery's column when typing the pair
            ls.add(compiler.comparablePair(compiler.compile(left.get(i)), columnType, op.sql)[0]);
        }
        return new Structured.RowSubqueryCompare(op, ls, sp.query().node(), sp.correlated());
    }

    /** {@code (a, b) IS [NOT] DISTINCT FROM (c, d)} between two row constructors: distinct when some pair of fields is. */
    static Expr distinct(ExprCompiler compiler, List<Expression> left, List<Expression> right, boolean not) {
        checkWidths(left, right);
        List<Expr> pairs = new ArrayList<>();
        for (int i = 0; i < left.size(); i++) {
            Expr[] pair = compiler.comparablePair(compiler.compile(left.get(i)), compiler.compile(right.get(i)), "=");
            pairs.add(new Conditions.IsDistinct(pair[0], pair[1], false));
        }
        if (pairs.isEmpty()) return Exprs.literal(not, DataType.BOOL);
        Expr anyDistinct = pairs.size() == 1 ? pairs.get(0) : new Conditions.Or(pairs);
        return not ? new Conditions.Not(anyDistinct) : anyDistinct;
    }

    /** Both sides of a comparison whose operands are not both row constructors, when one of them is a row value. */
    static void checkWholeRows(Expr left, Expr right, String op) {
        boolean l = left.type().type() == SqlType.RECORD, r = right.type().type() == SqlType.RECORD;
        if (l == r) return;
        if (left.type().type() == SqlType.UNKNOWN || right.type().type() == SqlType.UNKNOWN) return;
        throw ExprCompiler.noOperator(left.type(), right.type(), op);
    }

    static void checkWidths(List<?> left, List<?> right) {
        if (left.size() != right.size()) throw new DbException(SqlState.SYNTAX_ERROR, "unequal number of entries in row expressions");
    }
}
