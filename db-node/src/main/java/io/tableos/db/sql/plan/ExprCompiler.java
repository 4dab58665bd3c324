package io.tableos.db.sql.plan;

import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.ProcedureRegistry;
import io.tableos.db.sql.exec.expr.Calls;
import io.tableos.db.sql.exec.expr.Conditionals;
import io.tableos.db.sql.exec.expr.Conditions;
import io.tableos.db.sql.exec.expr.Conditions.CompareOp;
import io.tableos.db.sql.exec.expr.Exprs;
import io.tableos.db.sql.exec.expr.Subqueries;
import io.tableos.db.sql.exec.op.ProcedureScanNode;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.sql.func.FunctionRegistry;
import io.tableos.db.sql.func.Operators;
import io.tableos.db.types.TextFormat;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.*;
import net.sf.jsqlparser.expression.operators.arithmetic.*;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.*;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Compiles a JSqlParser expression into an {@link Expr} over a {@link Scope}: resolves
 * columns (outer scopes become correlated references), types literals, infers parameter
 * types from their use, and hands aggregates to an {@link AggregateBinding} when compiling
 * above a GROUP BY.
 */
public final class ExprCompiler {
    private final PlanContext pc;
    private final Scope scope;
    private final AggregateBinding aggregates;

    /** Expressions already computed by an operator below (window functions), by their SQL text. */
    private java.util.Map<String, Expr> precomputed = java.util.Map.of();

    public ExprCompiler(PlanContext pc, Scope scope, AggregateBinding aggregates) {
        this.pc = pc;
        this.scope = scope;
        this.aggregates = aggregates;
    }

    ExprCompiler withPrecomputed(java.util.Map<String, Expr> values) {
        this.precomputed = values;
        return this;
    }

    public Scope scope() { return scope; }

    PlanContext pc() { return pc; }

    public Expr compile(Expression e) {
        if (!precomputed.isEmpty()) {
            Expr done = precomputed.get(e.toString());
            if (done != null) return done;
        }
        if (aggregates != null) {
            Expr bound = aggregates.bind(e, this);
            if (bound != null) return bound;
        }
        if (e instanceof Column c) {
            if (c.getArrayConstructor() != null && c.getArrayConstructor().getExpressions().size() == 1) {
                Column bare = new Column(c.getTable(), c.getColumnName());
                return subscript(column(bare), c.getArrayConstructor().getExpressions().get(0));
            }
            return column(c);
        }
        if (e instanceof LongValue v) return integer(v.getStringValue());
        if (e instanceof DoubleValue v) return Exprs.literal(new BigDecimal(v.toString()), DataType.NUMERIC);
        if (e instanceof StringValue v) return Exprs.literal(pc.literalText(v), DataType.UNKNOWN);
        if (e instanceof NullValue) return Exprs.NULL;
        if (e instanceof BooleanValue v) return Exprs.literal(v.getValue(), DataType.BOOL);
        if (e instanceof JdbcParameter p) return param(p.getIndex() - 1);
        if (e instanceof RowConstructor<?> row) return RowValues.constructor(this, new ArrayList<>(row));
        if (e instanceof ParenthesedExpressionList<?> list) {
            if (list.size() == 1) return compile(list.get(0));
            return RowValues.constructor(this, new ArrayList<>(list));
        }
        if (e instanceof SignedExpression s) {
            Expr inner = compile(s.getExpression());
            if (s.getSign() == '-') {
                if (inner instanceof Exprs.Literal l && l.value() instanceof Number) return Exprs.literal(Operators.negate(l.value()), l.type());
                return new Exprs.Negate(inner);
            }
            return inner;
        }
        if (e instanceof AndExpression a) return new Conditions.And(List.of(bool(a.getLeftExpression()), bool(a.getRightExpression())));
        if (e instanceof OrExpression o) return new Conditions.Or(List.of(bool(o.getLeftExpression()), bool(o.getRightExpression())));
        if (e instanceof NotExpression n) return new Conditions.Not(bool(n.getExpression()));
        if (e instanceof ComparisonOperator c) return comparison(c);
        if (e instanceof IsNullExpression n) return new Conditions.IsNull(compile(n.getLeftExpression()), n.isNot());
        if (e instanceof IsBooleanExpression b) return new Conditions.IsBoolean(bool(b.getLeftExpression()), b.isTrue(), b.isNot());
        if (e instanceof IsDistinctExpression d) {
            List<Expression> leftRow = RowValues.constructorFields(d.getLeftExpression()), rightRow = RowValues.constructorFields(d.getRightExpression());
            if (leftRow != null && rightRow != null) return RowValues.distinct(this, leftRow, rightRow, d.isNot());
            Expr[] sides = unify(compile(d.getLeftExpression()), compile(d.getRightExpression()));
            return new Conditions.IsDistinct(sides[0], sides[1], d.isNot());
        }
        if (e instanceof Between b) return between(b);
        if (e instanceof InExpression in) return in(in);
        if (e instanceof LikeExpression l) return like(l);
        if (e instanceof RegExpMatchOperator r) return regex(r);
        if (e instanceof CaseExpression c) return caseExpr(c);
        if (e instanceof CastExpression c) return cast(c);
        if (e instanceof Function f) return function(f);
        if (e instanceof AnalyticExpression a) {
            if (AggregateBinding.isFilteredAggregate(a)) throw new DbException(SqlState.GROUPING_ERROR, "aggregate functions are not allowed here");
            throw unsupported("window function " + a.getName());
        }
        if (e instanceof ExtractExpression x) {
            Expr arg = compile(x.getExpression());
            return new Calls.Function("date_part", FunctionRegistry.lookup("date_part", List.of(DataType.TEXT, arg.type())),
                    List.of(Exprs.literal(x.getName().toLowerCase(), DataType.TEXT), arg));
        }
        if (e instanceof TimeKeyExpression t) {
            // JSqlParser reads a bare CURRENT as a time key; in PostgreSQL it can only be a name.
            if (t.getStringValue().equalsIgnoreCase("current")) return column(new Column("current"));
            return timeKey(t.getStringValue());
        }
        // JSqlParser reads bare DAY, HOUR, ... as interval units; outside INTERVAL they are names.
        if (e instanceof DateUnitExpression d) return column(new Column(d.toString().toLowerCase()));
        if (e instanceof DateTimeLiteralExpression d) {
            DataType type = Casts.parseTypeName(d.getType().name().replace("TIMESTAMPTZ", "timestamptz").toLowerCase());
            String v = d.getValue();
            return Exprs.literal(TextFormat.parse(v.substring(1, v.length() - 1), type), type);
        }
        if (e instanceof IntervalExpression i) {
            String text = i.getParameter() != null ? i.getParameter() : String.valueOf(i.getExpression());
            if (text.startsWith("'")) text = text.substring(1, text.length() - 1);
            if (i.getIntervalType() != null) text = text + " " + i.getIntervalType();
            return Exprs.literal(TextFormat.parse(text, DataType.INTERVAL), DataType.INTERVAL);
        }
        if (e instanceof ExistsExpression x) {
            SubqueryPlan sp = subquery((ParenthesedSelect) x.getRightExpression());
            return new Subqueries.Exists(sp.query.node(), sp.correlated, x.isNot());
        }
        if (e instanceof ParenthesedSelect s) {
            SubqueryPlan sp = subquery(s);
            if (sp.query.columns().size() != 1) throw new DbException(SqlState.SYNTAX_ERROR, "subquery must return only one column");
            return new Subqueries.Scalar(sp.query.node(), sp.query.columns().get(0).type(), sp.correlated);
        }
        if (e instanceof ArrayConstructor a) {
            List<Expr> elements = new ArrayList<>();
            DataType common = DataType.UNKNOWN;
            for (Expression x : a.getExpressions()) {
                Expr c = compile(x);
                elements.add(c);
                common = Casts.commonType(common, c.type());
            }
            if (common.type() == SqlType.UNKNOWN) common = DataType.TEXT;
            return new Calls.ArrayOf(elements, DataType.arrayOf(common.type()));
        }
        if (e instanceof JsonExpression j) return json(j);
        if (e instanceof net.sf.jsqlparser.expression.operators.relational.JsonOperator j && (j.getStringExpression().equals("@>") || j.getStringExpression().equals("?"))) {
            return jsonOperator(compile(j.getLeftExpression()), compile(j.getRightExpression()), j.getStringExpression());
        }
        if (e instanceof TrimFunction t) {
            String fn = t.getTrimSpecification() == null ? "btrim" : switch (t.getTrimSpecification().name()) {
                case "LEADING" -> "ltrim";
                case "TRAILING" -> "rtrim";
                default -> "btrim";
            };
            Expression from = t.getFromExpression();
            List<Expr> args = new ArrayList<>();
            if (from != null) {
                args.add(coerceTo(compile(from), DataType.TEXT));
                args.add(coerceTo(compile(t.getExpression()), DataType.TEXT));
            } else {
                args.add(coerceTo(compile(t.getExpression()), DataType.TEXT));
            }
            return new Calls.Function(fn, FunctionRegistry.lookup(fn, args.stream().map(Expr::type).toList()), args);
        }
        if (e instanceof TimezoneExpression tz) {
            Expr value = compile(tz.getLeftExpression());
            for (Expression zone : tz.getTimezoneExpressions()) {
                Expr z = coerceTo(compile(zone), DataType.TEXT);
                value = new Calls.Function("timezone", FunctionRegistry.lookup("timezone", List.of(DataType.TEXT, value.type())), List.of(z, value));
            }
            return value;
        }
        if (e instanceof CollateExpression c) return compile(c.getLeftExpression());
        if (e instanceof RowGetExpression rg) return fieldSelection(rg);
        if (e instanceof ArrayExpression a && a.getIndexExpression() != null) return subscript(compile(a.getObjExpression()), a.getIndexExpression());
        if (e instanceof net.sf.jsqlparser.statement.select.Select sel) {
            SubqueryPlan sp = subquery(sel);
            return new Subqueries.Scalar(sp.query.node(), sp.query.columns().get(0).type(), sp.correlated);
        }
        if (e instanceof HexValue h) return Exprs.literal(Long.decode(h.getValue()), DataType.INT8);
        if (e instanceof BinaryExpression b) return arithmetic(b);
        throw unsupported(e.getClass().getSimpleName() + " (" + e + ")");
    }

    /** Compiles a condition: must be boolean (or an untyped literal/parameter that becomes boolean). */
    public Expr bool(Expression e) {
        Expr x = compile(e);
        if (x instanceof Exprs.ParamRef p && pc.params.isUnknown(p.index())) pc.params.infer(p.index(), DataType.BOOL);
        if (x instanceof Exprs.Literal l && l.type().type() == SqlType.UNKNOWN && l.value() != null) return Exprs.literal(Casts.cast(l.value(), DataType.BOOL), DataType.BOOL);
        SqlType t = x.type().type();
        if (t != SqlType.BOOL && t != SqlType.UNKNOWN) {
            throw new DbException(SqlState.DATATYPE_MISMATCH, "argument of WHERE must be type boolean, not type " + x.type().sqlName());
        }
        return x;
    }

    static DbException unsupported(String what) {
        return new DbException(SqlState.FEATURE_NOT_SUPPORTED, "not supported: " + what);
    }

    private Expr integer(String digits) {
        try {
            long l = Long.parseLong(digits);
            if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) return Exprs.literal((int) l, DataType.INT4);
            return Exprs.literal(l, DataType.INT8);
        } catch (NumberFormatException e) {
            return Exprs.literal(new BigDecimal(digits), DataType.NUMERIC);
        }
    }

    private Expr param(int index) {
        pc.params.ensure(index);
        return new ParamExpr(index, pc.params);
    }

    /** A parameter whose type is looked up at use (it may be inferred after this node is built). */
    public record ParamExpr(int index, ParamTypes types) implements Expr {
        public Object eval(Object[] row, io.tableos.db.sql.exec.ExecContext ctx) { return ctx.param(index); }
        public DataType type() { return types.get(index); }
        public boolean isRowIndependent() { return true; }
        public String toString() { return "$" + (index + 1); }
    }

    Expr column(Column c) {
        String name = Names.ident(c.getColumnName());
        String qualifier = c.getTable() == null || c.getTable().getName() == null ? null : Names.ident(c.getTable().getName());
        return column(qualifier, name);
    }

    private Expr column(String qualifier, String name) {
        int level = 0;
        for (Scope s = scope; s != null; s = s.parent(), level++) {
            int i = s.find(qualifier, name);
            if (i >= 0) {
                Scope.Column col = s.columns().get(i);
                if (level == 0) return new Exprs.ColumnRef(i, col.type(), name);
                pc.outerReferences++;
                return new Exprs.OuterRef(level - 1, i, col.type(), name);
            }
        }
        if (qualifier == null) {
            switch (name) {
                case "current_user", "session_user", "user", "current_role", "current_schema", "current_catalog":
                    return function(new Function(name.equals("current_catalog") ? "current_database" : name.equals("user") || name.equals("current_role") ? "current_user" : name));
                case "current_date", "current_timestamp", "localtimestamp", "current_time":
                    return timeKey(name);
                default:
            }
        }
        if (qualifier == null) {
            Expr whole = RowValues.wholeRow(this, name);
            if (whole != null) return whole;
        }
        if (qualifier != null && !hasQualifierAnywhere(qualifier)) {
            throw new DbException(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + qualifier + "\"");
        }
        throw new DbException(SqlState.UNDEFINED_COLUMN, qualifier != null ? "column " + qualifier + "." + name + " does not exist"
                : "column \"" + name + "\" does not exist");
    }

    private boolean hasQualifierAnywhere(String qualifier) {
        for (Scope s = scope; s != null; s = s.parent()) if (s.hasQualifier(qualifier)) return true;
        return false;
    }

    private Expr timeKey(String key) {
        String k = key.toLowerCase().replace("()", "");
        return switch (k) {
            case "current_date" -> function(new Function("current_date"));
            case "localtimestamp" -> new Exprs.Cast(function(new Function("now")), DataType.TIMESTAMP, false);
            default -> function(new Function("now"));
        };
    }

    /** Makes untyped literals and parameters on one side take the other side's type. */
    Expr[] unify(Expr a, Expr b) {
        return new Expr[] {coerceTo(a, b.type()), coerceTo(b, a.type())};
    }

    Expr coerceTo(Expr e, DataType target) {
        if (target.type() == SqlType.UNKNOWN) return e;
        if (e instanceof ParamExpr p && pc.params.isUnknown(p.index())) {
            pc.params.infer(p.index(), target);
            return e;
        }
        if (e instanceof Exprs.Literal l && l.type().type() == SqlType.UNKNOWN && l.value() != null && !target.type().isText()) {
            DataType t = DataType.of(target.type());
            if (target.type() == SqlType.ARRAY) t = target;
            return Exprs.literal(Casts.cast(l.value(), t), t);
        }
        return e;
    }

    private Expr comparison(ComparisonOperator c) {
        CompareOp op = switch (c.getStringExpression()) {
            case "=" -> CompareOp.EQ;
            case "<>", "!=" -> CompareOp.NE;
            case "<" -> CompareOp.LT;
            case "<=" -> CompareOp.LE;
            case ">" -> CompareOp.GT;
            case ">=" -> CompareOp.GE;
            default -> throw unsupported("operator " + c.getStringExpression());
        };
        Expression right = c.getRightExpression();
        if (right instanceof Function f && f.getName() != null && (f.getName().equalsIgnoreCase("any") || f.getName().equalsIgnoreCase("some") || f.getName().equalsIgnoreCase("all"))) {
            Expr left = compile(c.getLeftExpression());
            Expression arg = f.getParameters().get(0);
            boolean all = f.getName().equalsIgnoreCase("all");
            if (arg instanceof ParenthesedSelect ps) return anySubquery(left, ps, op, all);
            Expr array = compile(arg);
            if (array instanceof ParamExpr p && pc.params.isUnknown(p.index()) && left.type().type() != SqlType.UNKNOWN) {
                pc.params.infer(p.index(), DataType.arrayOf(left.type().type()));
            }
            if (array instanceof Exprs.Literal l && l.type().type() == SqlType.UNKNOWN && l.value() != null) {
                DataType at = DataType.arrayOf(left.type().type() == SqlType.UNKNOWN ? SqlType.TEXT : left.type().type());
                array = Exprs.literal(Casts.cast(l.value(), at), at);
            }
            return new Conditions.ArrayCompare(op, left, array, all);
        }
        if (right instanceof AnyComparisonExpression any) {
            Expr left = compile(c.getLeftExpression());
            return anySubquery(left, new ParenthesedSelect().withSelect(any.getSelect()), op, any.getAnyType() == AnyType.ALL);
        }
        List<Expression> leftRow = RowValues.constructorFields(c.getLeftExpression()), rightRow = RowValues.constructorFields(right);
        if (leftRow != null && rightRow != null) return RowValues.compare(this, op, leftRow, rightRow);
        if (leftRow != null && unparenthesize(right) instanceof ParenthesedSelect rowQuery) return RowValues.compareSubquery(this, op, leftRow, rowQuery);
        Expr[] sides = comparablePair(compile(c.getLeftExpression()), compile(right), op.sql);
        return new Conditions.Compare(op, sides[0], sides[1]);
    }

    /** The operands of a scalar comparison, each typed by the other where untyped; 42883 when {@code op} cannot compare them. */
    Expr[] comparablePair(Expr left, Expr right, String op) {
        RowValues.checkWholeRows(left, right, op);
        inferTextAgainstVarchar(left, right);
        inferTextAgainstVarchar(right, left);
        Expr[] sides = unify(left, right);
        checkComparable(sides[0].type(), sides[1].type(), op);
        return sides;
    }

    /** varchar has no comparison operators of its own: PostgreSQL compares as text, so {@code col = $1} makes $1 text. */
    private void inferTextAgainstVarchar(Expr param, Expr other) {
        if (param instanceof ParamExpr p && pc.params.isUnknown(p.index()) && other.type().type() == SqlType.VARCHAR) {
            pc.params.infer(p.index(), DataType.TEXT);
        }
    }

    private static void checkComparable(DataType a, DataType b, String op) {
        if (a.type() == SqlType.UNKNOWN || b.type() == SqlType.UNKNOWN) return;
        if (a.type() == SqlType.RECORD && b.type() == SqlType.RECORD) return;  // field types are checked when the rows meet
        try {
            Casts.commonType(a, b);
        } catch (DbException e) {
            throw noOperator(a, b, op);
        }
    }

    static DbException noOperator(DataType a, DataType b, String op) {
        return new DbException(SqlState.UNDEFINED_FUNCTION, "operator does not exist: " + a.sqlName() + " " + op + " " + b.sqlName(), null,
                "No operator matches the given name and argument types. You might need to add explicit type casts.", 0, null);
    }

    private Expr anySubquery(Expr left, ParenthesedSelect ps, CompareOp op, boolean all) {
        SubqueryPlan sp = subquery(ps);
        if (!sp.query.columns().isEmpty()) coerceTo(left, sp.query.columns().get(0).type());
        return new Subqueries.In(left, sp.query.node(), sp.correlated, false, op, all);
    }

    private Expr arithmetic(BinaryExpression b) {
        char op;
        if (b instanceof Addition) op = '+';
        else if (b instanceof Subtraction) op = '-';
        else if (b instanceof Multiplication) op = '*';
        else if (b instanceof Division) op = '/';
        else if (b instanceof Modulo) op = '%';
        else if (b instanceof BitwiseXor) op = '^';
        else if (b instanceof Concat) op = '|';
        else if (b instanceof BitwiseAnd) op = '&';
        else if (b instanceof BitwiseOr) op = 'o';
        else throw unsupported("operator " + b.getStringExpression());
        Expr left = compile(b.getLeftExpression()), right = compile(b.getRightExpression());
        if ((op == '*' || op == '/') && (left.type().type() == SqlType.INTERVAL || right.type().type() == SqlType.INTERVAL)) {
            left = coerceTo(left, left.type().type() == SqlType.INTERVAL ? left.type() : DataType.FLOAT8);
            right = coerceTo(right, right.type().type() == SqlType.INTERVAL ? right.type() : DataType.FLOAT8);
        } else if (op != '|') {
            Expr[] sides = unify(left, right);
            left = sides[0];
            right = sides[1];
        }
        boolean jsonb = left.type().type() == SqlType.JSONB && right.type().type() == SqlType.JSONB;
        DataType type = op == '|' ? (jsonb ? DataType.JSONB : DataType.TEXT) : Operators.resultType(op == 'o' ? "bitor" : String.valueOf(op), left.type(), right.type());
        return new Exprs.Arith(op, left, right, type);
    }

    private Expr between(Between b) {
        Expr x = compile(b.getLeftExpression());
        Expr low = coerceTo(compile(b.getBetweenExpressionStart()), x.type());
        Expr high = coerceTo(compile(b.getBetweenExpressionEnd()), x.type());
        x = coerceTo(x, low.type());
        Expr both = new Conditions.And(List.of(new Conditions.Compare(CompareOp.GE, x, low), new Conditions.Compare(CompareOp.LE, x, high)));
        return b.isNot() ? new Conditions.Not(both) : both;
    }

    private Expr in(InExpression in) {
        List<Expression> row = RowValues.constructorFields(in.getLeftExpression());
        if (row != null) return rowIn(row, in);
        Expr left = compile(in.getLeftExpression());
        Expression right = in.getRightExpression();
        if (right instanceof ParenthesedSelect ps) {
            SubqueryPlan sp = subquery(ps);
            if (sp.query.columns().size() != 1) throw new DbException(SqlState.SYNTAX_ERROR, "subquery has too many columns");
            left = coerceTo(left, sp.query.columns().get(0).type());
            return new Subqueries.In(left, sp.query.node(), sp.correlated, in.isNot(), CompareOp.EQ, false);
        }
        List<Expr> values = new ArrayList<>();
        if (right instanceof ExpressionList<?> list) {
            for (Expression x : list) values.add(compile(x));
        } else {
            values.add(compile(right));
        }
        DataType common = left.type();
        for (Expr v : values) if (common.type() == SqlType.UNKNOWN) common = v.type();
        List<Expr> coerced = new ArrayList<>();
        for (Expr v : values) coerced.add(coerceTo(v, common));
        return new Conditions.InList(coerceTo(left, common), coerced, in.isNot());
    }

    /**
     * {@code (a, b) [NOT] IN (SELECT x, y ...)} and {@code (a, b) [NOT] IN ((1, 2), (3, 4))}: a row
     * is in the set when it equals some member column by column, with SQL's three-valued logic.
     */
    private Expr rowIn(List<Expression> row, InExpression in) {
        List<Expr> inputs = new ArrayList<>();
        for (Expression x : row) inputs.add(compile(x));
        Expression right = in.getRightExpression();
        if (right instanceof ParenthesedSelect ps) {
            SubqueryPlan sp = subquery(ps);
            if (sp.query.columns().size() != inputs.size()) {
                throw new DbException(SqlState.SYNTAX_ERROR, "subquery has too " + (sp.query.columns().size() > inputs.size() ? "many" : "few") + " columns");
            }
            for (int i = 0; i < inputs.size(); i++) inputs.set(i, coerceTo(inputs.get(i), sp.query.columns().get(i).type()));
            return new Subqueries.RowIn(inputs, sp.query.node(), sp.correlated, in.isNot());
        }
        if (!(right instanceof ExpressionList<?> members)) throw unsupported("row IN " + right);
        List<Expr> alternatives = new ArrayList<>();
        for (Expression member : members) {
            List<Expression> values = RowValues.constructorFields(member);
            if (values == null) throw unsupported("row IN a list of non-rows");
            RowValues.checkWidths(inputs, values);
            List<Expr> equalities = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                Expr[] sides = comparablePair(inputs.get(i), compile(values.get(i)), "=");
                equalities.add(new Conditions.Compare(Conditions.CompareOp.EQ, sides[0], sides[1]));
            }
            alternatives.add(new Conditions.And(equalities));
        }
        Expr anyEqual = alternatives.size() == 1 ? alternatives.get(0) : new Conditions.Or(alternatives);
        return in.isNot() ? new Conditions.Not(anyEqual) : anyEqual;
    }

    private Expr like(LikeExpression l) {
        Expr input = compile(l.getLeftExpression());
        Expr pattern = coerceTo(compile(l.getRightExpression()), DataType.TEXT);
        if (pattern instanceof ParamExpr p) pc.params.infer(p.index(), DataType.TEXT);
        if (input instanceof ParamExpr p) pc.params.infer(p.index(), DataType.TEXT);
        Character escape = null;
        if (l.getEscape() != null && l.getEscape() instanceof StringValue s && !pc.literalText(s).isEmpty()) escape = pc.literalText(s).charAt(0);
        String keyword = String.valueOf(l.getLikeKeyWord());
        if (keyword.equals("SIMILAR_TO")) throw unsupported("SIMILAR TO");
        return new Conditions.Like(input, pattern, l.isCaseInsensitive() || keyword.equals("ILIKE"), l.isNot(), escape);
    }

    private Expr regex(RegExpMatchOperator r) {
        Expr input = compile(r.getLeftExpression());
        Expr pattern = compile(r.getRightExpression());
        if (pattern instanceof ParamExpr p) pc.params.infer(p.index(), DataType.TEXT);
        RegExpMatchOperatorType t = r.getOperatorType();
        boolean ci = t == RegExpMatchOperatorType.MATCH_CASEINSENSITIVE || t == RegExpMatchOperatorType.NOT_MATCH_CASEINSENSITIVE;
        boolean neg = t == RegExpMatchOperatorType.NOT_MATCH_CASESENSITIVE || t == RegExpMatchOperatorType.NOT_MATCH_CASEINSENSITIVE;
        return new Conditions.Regex(input, pattern, ci, neg);
    }

    private Expr caseExpr(CaseExpression c) {
        Expr operand = c.getSwitchExpression() == null ? null : compile(c.getSwitchExpression());
        List<Expr> whens = new ArrayList<>(), thens = new ArrayList<>();
        DataType type = DataType.UNKNOWN;
        for (WhenClause w : c.getWhenClauses()) {
            Expr when = operand == null ? bool(w.getWhenExpression()) : coerceTo(compile(w.getWhenExpression()), operand.type());
            whens.add(when);
            Expr then = compile(w.getThenExpression());
            thens.add(then);
            type = Casts.commonType(type, then.type());
        }
        Expr otherwise = c.getElseExpression() == null ? null : compile(c.getElseExpression());
        if (otherwise != null) type = Casts.commonType(type, otherwise.type());
        if (type.type() == SqlType.UNKNOWN) type = DataType.TEXT;
        return new Conditionals.Case(operand, whens, thens, otherwise, type);
    }

    private Expr cast(CastExpression c) {
        String typeText = TypeNames.text(c.getColDataType()).toLowerCase();
        if (typeText.startsWith("pg_catalog.")) typeText = typeText.substring(11);
        Expr input = compile(c.getLeftExpression());
        SqlType inputType = input.type().type();
        boolean numeric = inputType.isNumeric() || inputType == SqlType.OID || inputType == SqlType.REGCLASS; // conrelid::regclass
        if (input instanceof Exprs.Literal l && l.value() instanceof String text && text.matches("\\d{1,10}")) {
            input = Exprs.literal(Long.parseLong(text), DataType.of(SqlType.OID)); // '16385'::regclass names the OID itself
            numeric = true;
        }
        if (typeText.equals("regclass") && !numeric && FunctionRegistry.exists("to_regclass")) {
            Expr name = coerceTo(input, DataType.TEXT);
            Expr lookup = new Calls.Function("to_regclass", FunctionRegistry.lookup("to_regclass", List.of(DataType.TEXT)), List.of(name));
            String shown = input instanceof Exprs.Literal l ? String.valueOf(l.value()) : "?";
            DataType regclass = DataType.of(SqlType.REGCLASS);
            return new Conditionals.Coalesce(List.of(lookup, new Exprs.Fail(SqlState.UNDEFINED_TABLE, "relation \"" + shown + "\" does not exist", regclass)),
                    regclass);
        }
        if (typeText.equals("regclass") && numeric) return new Exprs.Cast(input, DataType.of(SqlType.REGCLASS), true);
        if (typeText.equals("regclass") || typeText.equals("regtype") || typeText.equals("regproc") || typeText.equals("regnamespace")) {
            return numeric ? new Exprs.Cast(input, DataType.of(SqlType.OID), true) : coerceTo(input, DataType.TEXT);
        }
        DataType type = Casts.parseTypeName(typeText);
        if (inputType == SqlType.REGCLASS && type.type().isText()) {
            Expr name = RegclassNames.name(input); // oid::regclass::text is the relation's name, not the number
            if (type.type() == SqlType.TEXT && type.length() < 0) return name;
            input = name;
        }
        if (input instanceof ParamExpr p && pc.params.isUnknown(p.index())) {
            pc.params.infer(p.index(), type);
            return new Exprs.Cast(input, type, true);
        }
        if (input instanceof Exprs.Literal l) return Exprs.literal(Casts.castExplicit(l.value(), type), type);
        return new Exprs.Cast(input, type, true);
    }

    private Expr function(Function f) {
        List<String> parts = f.getMultipartName();
        String name = Names.ident(parts.get(parts.size() - 1));
        String schema = parts.size() > 1 ? Names.ident(parts.get(parts.size() - 2)) : null;
        if (RowValues.isRowKeyword(f)) return RowValues.constructor(this, RowValues.constructorFields(f));
        RoutineResolution.Resolved routine = RoutineCalls.resolve(this, pc, schema, name, f, "function");
        if (routine != null) return RoutineCalls.scalar(this, pc, routine);
        if (schema != null && !schema.equals("pg_catalog")) {
            ProcedureRegistry.Procedure proc = procedure(schema + "." + name, f);
            if (proc == null) throw new DbException(SqlState.UNDEFINED_FUNCTION, "function " + schema + "." + name + " does not exist");
            List<Expr> args = procedureArgs(proc, f);
            return new Subqueries.Scalar(new ProcedureScanNode(proc, args),
                    proc.resultColumns().isEmpty() ? DataType.of(SqlType.VOID) : proc.resultColumns().get(0).type(), true);
        }
        if (name.equals("array") && f.getParameters() != null && f.getParameters().size() == 1
                && f.getParameters().get(0) instanceof net.sf.jsqlparser.statement.select.Select sel) {
            SubqueryPlan sp = subquery(sel);
            DataType element = SelectPlanner.visibleType(sp.query.columns().get(0).type());
            return new io.tableos.db.sql.exec.expr.Structured.ArraySubquery(sp.query.node(), DataType.arrayOf(element.type()), sp.correlated);
        }
        List<Expr> args = new ArrayList<>();
        if (f.getParameters() != null) for (Expression x : f.getParameters()) args.add(compile(x));
        else if (f.getNamedParameters() != null) for (Expression x : f.getNamedParameters().getExpressions()) args.add(compile(x));
        switch (name) {
            case "coalesce": {
                DataType type = DataType.UNKNOWN;
                for (Expr a : args) type = Casts.commonType(type, a.type());
                if (type.type() == SqlType.UNKNOWN) type = DataType.TEXT;
                List<Expr> coerced = new ArrayList<>();
                for (Expr a : args) coerced.add(coerceTo(a, type));
                return new Conditionals.Coalesce(coerced, type);
            }
            case "nullif": {
                Expr[] sides = unify(args.get(0), args.get(1));
                return new Conditionals.NullIf(sides[0], sides[1]);
            }
            case "nextval", "currval":
                return new Calls.Sequence(name.equals("nextval") ? Calls.SequenceOp.NEXTVAL : Calls.SequenceOp.CURRVAL, List.of(coerceTo(args.get(0), DataType.TEXT)));
            case "setval":
                return new Calls.Sequence(Calls.SequenceOp.SETVAL, args);
            case "pg_notify":
                return new io.tableos.db.sql.exec.expr.SessionCalls.Notify(coerceTo(args.get(0), DataType.TEXT), coerceTo(args.get(1), DataType.TEXT));
            case "current_setting":
                return new io.tableos.db.sql.exec.expr.SessionCalls.CurrentSetting(coerceTo(args.get(0), DataType.TEXT));
            case "set_config":
                if (args.size() != 3) break;
                return new io.tableos.db.sql.exec.expr.SessionCalls.SetConfig(coerceTo(args.get(0), DataType.TEXT),
                        coerceTo(args.get(1), DataType.TEXT), coerceTo(args.get(2), DataType.BOOL));
            case "pg_sequence_last_value":
                if (args.size() != 1) break;
                return new Calls.Sequence(Calls.SequenceOp.LAST_VALUE, args);
            default:
        }
        if (AggregateBinding.isAggregate(name)) {
            throw new DbException(SqlState.GROUPING_ERROR, "aggregate functions are not allowed here");
        }
        List<DataType> types = new ArrayList<>();
        for (Expr a : args) types.add(a.type());
        return new Calls.Function(name, FunctionRegistry.lookup(name, types), args);
    }

    /**
     * {@code (k).x}: a field of a composite. Composites exist only as set-returning select items
     * that the planner expanded into one column per field, named {@code k.x} (see SelectPlanner).
     */
    private Expr fieldSelection(RowGetExpression rg) {
        Expression inner = unparenthesize(rg.getExpression());
        String field = Names.ident(rg.getColumnName());
        if (inner instanceof Column c && c.getArrayConstructor() == null) {
            // Resolved by name directly: JSqlParser would split a Column named "k.x" at the dot.
            String qualifier = c.getTable() == null || c.getTable().getName() == null ? null : Names.ident(c.getTable().getName());
            return column(qualifier, Names.ident(c.getColumnName()) + "." + field);
        }
        throw unsupported("field selection " + rg);
    }

    /** {@code (x)} as x. */
    static Expression unparenthesize(Expression e) {
        while (e instanceof ParenthesedExpressionList<?> list && list.size() == 1 && !(e instanceof RowConstructor)) e = list.get(0);
        return e;
    }

    private Expr subscript(Expr array, Expression index) {
        Expr i = coerceTo(compile(index), DataType.INT4);
        DataType element = array.type().type() == SqlType.ARRAY ? DataType.of(array.type().element()) : DataType.UNKNOWN;
        return new io.tableos.db.sql.exec.expr.Structured.Subscript(array, i, element);
    }

    private Expr json(JsonExpression j) {
        Expr current = compile(j.getExpression());
        for (java.util.Map.Entry<Expression, String> step : j.getIdentList()) current = jsonStep(current, step.getKey(), step.getValue());
        return current;
    }

    /** JSqlParser nests a chain {@code a -> 'x' ->> 'y'} into the key; unfold it left to right. */
    private Expr jsonStep(Expr base, Expression key, String op) {
        if (key instanceof JsonExpression nested) {
            Expr current = jsonOperator(base, compile(nested.getExpression()), op);
            for (java.util.Map.Entry<Expression, String> step : nested.getIdentList()) current = jsonStep(current, step.getKey(), step.getValue());
            return current;
        }
        return jsonOperator(base, compile(key), op);
    }

    private Expr jsonOperator(Expr json, Expr key, String op) {
        String o = op.trim();
        DataType jsonType = json.type().type() == SqlType.JSON ? DataType.JSON : DataType.JSONB;
        if (json instanceof ParamExpr p) pc.params.infer(p.index(), DataType.JSONB);
        Expr k = key instanceof Exprs.Literal l && l.type().type() == SqlType.UNKNOWN && (o.equals("#>") || o.equals("#>>"))
                ? coerceTo(key, DataType.arrayOf(SqlType.TEXT)) : key;
        if (o.equals("@>")) k = coerceTo(key, jsonType);
        return new io.tableos.db.sql.exec.expr.Structured.JsonOperator(o, json, k,
                io.tableos.db.sql.exec.expr.Structured.JsonOperator.resultType(o, jsonType));
    }

    /** The procedure (of its overloads, the one this call's arguments fit), or null when the name has none. */
    ProcedureRegistry.Procedure procedure(String qualifiedName, Function f) {
        List<Expression> given = new ArrayList<>();
        if (f.getParameters() != null) given.addAll(f.getParameters());
        return ProcedureOverloads.resolve(pc.procedures, qualifiedName, given, this::compile);
    }

    List<Expr> procedureArgs(ProcedureRegistry.Procedure proc, Function f) {
        List<Expression> given = new ArrayList<>();
        if (f.getParameters() != null) given.addAll(f.getParameters());
        return procedureArgs(proc, given);
    }

    List<Expr> procedureArgs(ProcedureRegistry.Procedure proc, List<Expression> given) {
        List<Expr> args = ProcedureArguments.bind(proc, given, this::compile);
        for (int i = 0; i < args.size(); i++) args.set(i, coerceTo(args.get(i), proc.parameters().get(i).type()));
        return args;
    }

    record SubqueryPlan(PlannedQuery query, boolean correlated) {}

    SubqueryPlan subquery(ParenthesedSelect ps) {
        return subquery(ps.getSelect());
    }

    SubqueryPlan subquery(Select select) {
        int before = pc.outerReferences;
        PlannedQuery q = new SelectPlanner(pc).plan(select, scope);
        return new SubqueryPlan(q, pc.outerReferences != before);
    }
}
