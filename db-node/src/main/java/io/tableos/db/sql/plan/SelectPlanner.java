package io.tableos.db.sql.plan;

import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.expr.Exprs;
import io.tableos.db.sql.exec.op.AggregateNode;
import io.tableos.db.sql.exec.op.DistinctNode;
import io.tableos.db.sql.exec.op.FilterNode;
import io.tableos.db.sql.exec.op.LimitNode;
import io.tableos.db.sql.exec.op.LockRowsNode;
import io.tableos.db.sql.exec.op.ProjectNode;
import io.tableos.db.sql.exec.op.SetOpNode;
import io.tableos.db.sql.exec.op.SortKey;
import io.tableos.db.sql.exec.op.SortNode;
import io.tableos.db.sql.exec.op.ValuesNode;
import io.tableos.db.sql.func.Casts;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.txn.Transaction;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.AllValue;
import net.sf.jsqlparser.expression.AnalyticExpression;
import net.sf.jsqlparser.expression.CastExpression;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.Fetch;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperation;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.select.WithItem;

/**
 * Plans a query expression. Order of operators for a plain SELECT: FROM/WHERE (see
 * {@link FromPlanner}), then aggregation and HAVING, then the sort (skipped when the access
 * path already yields the order), row locking (FOR UPDATE), projection, DISTINCT, and
 * LIMIT/OFFSET last, so a LIMIT stops pulling (and locking) rows early.
 */
public final class SelectPlanner {
    private final PlanContext pc;

    public SelectPlanner(PlanContext pc) {
        this.pc = pc;
    }

    public PlannedQuery plan(Select select, Scope parent) {
        List<WithItem<?>> with = select.getWithItemsList();
        if (with == null || with.isEmpty()) return planBody(select, parent);
        pc.pushCtes();
        try {
            List<PlanNode> modifying = CtePlanner.addAll(pc, with, parent);
            PlannedQuery body = planBody(select, parent);
            if (modifying.isEmpty()) return body;
            return new PlannedQuery(new io.tableos.db.sql.exec.op.WithModifyingCtesNode(modifying, body.node()), body.columns());
        } finally {
            pc.popCtes();
        }
    }

    /**
     * WITH RECURSIVE name AS (anchor UNION [ALL] recursive-term): the recursive term reads the
     * CTE's name as the working table of the previous round.
     */
    PlannedQuery planRecursive(WithItem<?> w, Scope parent) {
        Select body = (Select) w.getSelect();
        while (body instanceof ParenthesedSelect p) body = p.getSelect();
        if (!(body instanceof SetOperationList so) || so.getSelects().size() != 2 || !so.getOperations().get(0).toString().trim().toUpperCase().startsWith("UNION")) {
            PlannedQuery q = plan(body, parent);
            return q;
        }
        PlannedQuery anchor = plan(so.getSelects().get(0), parent);
        List<ResultColumn> cols = new ArrayList<>();
        List<DataType> types = new ArrayList<>();
        for (int i = 0; i < anchor.columns().size(); i++) {
            String n = w.getWithItemList() != null && i < w.getWithItemList().size() ? Names.ident(w.getWithItemList().get(i).toString()) : anchor.columns().get(i).name();
            DataType t = visibleType(anchor.columns().get(i).type());
            cols.add(new ResultColumn(n, t, 0, 0));
            types.add(t);
        }
        String name = Names.ident(w.getAlias().getName());
        io.tableos.db.sql.exec.op.WorkingTableNode working = new io.tableos.db.sql.exec.op.WorkingTableNode(cols.size(), name);
        pc.pushCtes();
        PlannedQuery recursive;
        try {
            pc.addCte(name, new PlanContext.Cte(working, cols));
            recursive = plan(so.getSelects().get(1), parent);
        } finally {
            pc.popCtes();
        }
        if (recursive.columns().size() != cols.size()) {
            throw new DbException(SqlState.SYNTAX_ERROR, "each UNION query must have the same number of columns");
        }
        return new PlannedQuery(new io.tableos.db.sql.exec.op.RecursiveUnionNode(anchor.node(), recursive.node(), working,
                so.getOperations().get(0).isAll(), types), cols);
    }

    private PlannedQuery planBody(Select select, Scope parent) {
        if (select instanceof PlainSelect ps) return planPlain(ps, parent);
        PlannedQuery q;
        if (select instanceof SetOperationList so) q = planSetOperations(so, parent);
        else if (select instanceof Values v) q = planValues(v, parent);
        else if (select instanceof ParenthesedSelect p) q = plan(p.getSelect(), parent);
        else throw ExprCompiler.unsupported(select.getClass().getSimpleName());
        return orderAndLimitOverOutput(select, q, parent);
    }

    /** ORDER BY / LIMIT applied to the output of a set operation or VALUES: keys name output columns. */
    private PlannedQuery orderAndLimitOverOutput(Select select, PlannedQuery q, Scope parent) {
        PlanNode node = q.node();
        if (select.getOrderByElements() != null && !select.getOrderByElements().isEmpty()) {
            Scope out = outputScope(q.columns(), parent);
            List<SortKey> keys = new ArrayList<>();
            for (OrderByElement o : select.getOrderByElements()) {
                Expr e = o.getExpression() instanceof LongValue n ? ordinal(n, q.columns()) : new ExprCompiler(pc, out, null).compile(o.getExpression());
                keys.add(SortKey.of(e, !o.isAsc(), AggregateBinding.nullsFirst(o)));
            }
            node = new SortNode(node, keys);
        }
        node = limit(select, node, parent);
        return new PlannedQuery(node, q.columns());
    }

    private Expr ordinal(LongValue n, List<ResultColumn> columns) {
        int i = (int) n.getValue() - 1;
        if (i < 0 || i >= columns.size()) throw new DbException(SqlState.INVALID_COLUMN_REFERENCE, "ORDER BY position " + n.getValue() + " is not in select list");
        return new Exprs.ColumnRef(i, columns.get(i).type(), columns.get(i).name());
    }

    private static Scope outputScope(List<ResultColumn> columns, Scope parent) {
        List<Scope.Column> cols = new ArrayList<>();
        for (ResultColumn c : columns) cols.add(new Scope.Column(null, c.name(), c.type(), 0, 0, false));
        return new Scope(cols, parent);
    }

    private PlanNode limit(Select select, PlanNode node, Scope parent) {
        Expr limit = null, offset = null;
        ExprCompiler constants = new ExprCompiler(pc, Scope.empty(parent), null);
        if (select.getLimit() != null) {
            Expression rc = select.getLimit().getRowCount();
            if (rc != null && !(rc instanceof AllValue) && !(rc instanceof NullValue)) limit = constants.coerceTo(constants.compile(rc), DataType.INT8);
            if (select.getLimit().getOffset() != null) offset = constants.coerceTo(constants.compile(select.getLimit().getOffset()), DataType.INT8);
        }
        if (select.getOffset() != null) offset = constants.coerceTo(constants.compile(select.getOffset().getOffset()), DataType.INT8);
        Fetch fetch = select.getFetch();
        if (fetch != null) limit = fetch.getExpression() == null ? Exprs.literal(1L, DataType.INT8) : constants.coerceTo(constants.compile(fetch.getExpression()), DataType.INT8);
        return limit == null && offset == null ? node : new LimitNode(node, limit, offset);
    }

    /** FOR UPDATE OF a, b locks only those FROM items (by alias or name); 42P01 for a name not in FROM. */
    private static List<LockRowsNode.Target> lockedTables(PlainSelect ps, List<LockRowsNode.Target> all) {
        List<net.sf.jsqlparser.schema.Table> of = ps.getForUpdateTables();
        if (of == null || of.isEmpty()) return all;
        List<LockRowsNode.Target> out = new ArrayList<>();
        for (net.sf.jsqlparser.schema.Table t : of) {
            String name = Names.ident(t.getName());
            LockRowsNode.Target found = null;
            for (LockRowsNode.Target target : all) if (name.equals(target.alias())) found = target;
            if (found == null) {
                throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + name + "\" in FOR UPDATE clause not found in FROM clause");
            }
            if (!out.contains(found)) out.add(found);
        }
        return out;
    }

    /** Rows LIMIT (plus OFFSET) takes, for costing ordered scans: a count when written as a number. */
    private static long limitHint(PlainSelect ps) {
        Expression count = null, offset = null;
        if (ps.getLimit() != null) {
            count = ps.getLimit().getRowCount();
            offset = ps.getLimit().getOffset();
        }
        if (ps.getFetch() != null) count = ps.getFetch().getExpression() == null ? new LongValue(1) : ps.getFetch().getExpression();
        if (ps.getOffset() != null) offset = ps.getOffset().getOffset();
        if (count == null || count instanceof AllValue || count instanceof NullValue) return AccessPathChooser.Wanted.NO_LIMIT;
        if (!(count instanceof LongValue n) || (offset != null && !(offset instanceof LongValue))) return AccessPathChooser.Wanted.LIMIT_UNKNOWN;
        return n.getValue() + (offset == null ? 0 : ((LongValue) offset).getValue());
    }

    // ---- plain SELECT ----

    private PlannedQuery planPlain(PlainSelect ps, Scope parent) {
        if (ps.getFromItem() == null && ps.getSelectItems().size() == 1 && isProcedureCall(ps.getSelectItems().get(0).getExpression())) {
            return planProcedureSelect(ps, parent);
        }
        moveSetReturningFunctionsToFrom(ps);
        boolean aggregate = ps.getGroupBy() != null || ps.getHaving() != null || hasAggregate(ps);
        SelectShape written = new SelectShape(ps);
        FromPlanner.Result from;
        if (ps.getFromItem() == null) {
            if (ps.getWhere() != null) {
                Scope empty = Scope.empty(parent);
                from = new FromPlanner.Result(new FilterNode(ValuesNode.oneEmptyRow(), new ExprCompiler(pc, empty, null).bool(ps.getWhere())), empty, List.of(), false, null);
            } else {
                from = new FromPlanner.Result(ValuesNode.oneEmptyRow(), Scope.empty(parent), List.of(), false, null);
            }
        } else {
            boolean hintOrder = !aggregate && ps.getDistinct() == null && ps.getOrderByElements() != null && !ps.getOrderByElements().isEmpty();
            from = new FromPlanner(pc, parent).plan(ps.getFromItem(), ps.getJoins(), ps.getWhere(),
                    hintOrder ? scope -> sortKeys(ps, written.expandedFor(scope), new ExprCompiler(pc, scope, null), scope, true) : null,
                    limitHint(ps));
        }
        Scope input = from.scope();
        SelectShape shape = written.expandedFor(input);
        PlanNode node = from.node();
        ExprCompiler compiler;
        Scope rowScope;
        AggregateBinding binding = null;
        if (aggregate) {
            List<Expression> groupBy = new ArrayList<>();
            if (ps.getGroupBy() != null) {
                for (Expression g : ps.getGroupBy().getGroupByExpressionList()) groupBy.add(shape.resolveOutputReference(g, input));
            }
            binding = new AggregateBinding(pc, input, groupBy);
            rowScope = Scope.empty(parent);
            compiler = new ExprCompiler(pc, rowScope, binding);
        } else {
            List<AnalyticExpression> windows = WindowPlanner.collect(ps);
            if (windows.isEmpty()) {
                rowScope = input;
                compiler = new ExprCompiler(pc, input, null);
            } else {
                WindowPlanner.Planned w = new WindowPlanner(pc).plan(node, input, windows);
                node = w.node();
                rowScope = w.scope();
                compiler = new ExprCompiler(pc, rowScope, null).withPrecomputed(w.columns());
            }
        }
        List<Expr> outputs = new ArrayList<>();
        List<ResultColumn> columns = new ArrayList<>();
        expandSelectItems(ps, input, compiler, outputs, columns);
        Expr having = ps.getHaving() == null ? null : compiler.bool(ps.getHaving());
        List<Expr> distinctOn = new ArrayList<>();
        if (ps.getDistinct() != null && ps.getDistinct().getOnSelectItems() != null) {
            for (SelectItem<?> item : ps.getDistinct().getOnSelectItems()) {
                distinctOn.add(compiler.compile(shape.resolveOutputReference(item.getExpression(), aggregate ? null : input)));
            }
        }
        boolean distinct = ps.getDistinct() != null && distinctOn.isEmpty();
        List<SortKey> keys = distinct ? List.of() : sortKeys(ps, shape, compiler, rowScope, false);
        if (aggregate) {
            node = new AggregateNode(node, binding.groupExprs(), binding.specs());
            if (having != null) node = new FilterNode(node, having);
        }
        if (!keys.isEmpty() && !from.orderServed()) node = new SortNode(node, keys);
        if (ps.getForMode() != null) {
            if (aggregate || distinct || !distinctOn.isEmpty()) throw new DbException(SqlState.FEATURE_NOT_SUPPORTED, "FOR UPDATE is not allowed with aggregate functions or DISTINCT");
            Transaction.LockWait wait = ps.isSkipLocked() ? Transaction.LockWait.SKIP_LOCKED : ps.isNoWait() ? Transaction.LockWait.NOWAIT : Transaction.LockWait.WAIT;
            node = new LockRowsNode(node, lockedTables(ps, from.tables()), from.recheck(), wait);
        }
        if (!distinctOn.isEmpty()) {
            List<Expr> withKeys = new ArrayList<>(outputs);
            withKeys.addAll(distinctOn);
            node = new DistinctNode(new ProjectNode(node, withKeys), outputs.size(), distinctOn.size());
            List<Expr> trim = new ArrayList<>();
            for (int i = 0; i < outputs.size(); i++) trim.add(new Exprs.ColumnRef(i, outputs.get(i).type(), columns.get(i).name()));
            node = new ProjectNode(node, trim);
        } else {
            node = new ProjectNode(node, outputs);
        }
        if (distinct) {
            node = new DistinctNode(node);
            List<SortKey> outKeys = distinctSortKeys(ps, columns, outputs, shape, compiler);
            if (!outKeys.isEmpty()) node = new SortNode(node, outKeys);
        }
        node = limit(ps, node, parent);
        return new PlannedQuery(node, columns);
    }

    private void expandSelectItems(PlainSelect ps, Scope input, ExprCompiler compiler, List<Expr> outputs, List<ResultColumn> columns) {
        for (SelectItem<?> item : ps.getSelectItems()) {
            Expression e = item.getExpression();
            if (e instanceof AllColumns || e instanceof AllTableColumns) {
                for (Scope.Column c : starredColumns(e, input)) {
                    outputs.add(compiler.compile(reference(c)));
                    columns.add(new ResultColumn(c.name(), visibleType(c.type()), c.tableOid(), c.attributeNumber()));
                }
                continue;
            }
            Expr x = compiler.compile(e);
            outputs.add(x);
            String name = item.getAlias() != null ? Names.ident(item.getAlias().getName()) : columnName(e);
            long tableOid = 0;
            int attribute = 0;
            if (x instanceof Exprs.ColumnRef ref && compiler.scope().width() > ref.index()) {
                Scope.Column c = compiler.scope().columns().get(ref.index());
                tableOid = c.tableOid();
                attribute = c.attributeNumber();
            }
            columns.add(new ResultColumn(name, visibleType(x.type()), tableOid, attribute));
        }
    }

    /** The columns {@code *} or {@code t.*} ({@code star}) stands for in {@code input}; 42P01 for a t that is not there. */
    private static List<Scope.Column> starredColumns(Expression star, Scope input) {
        String qualifier = star instanceof AllTableColumns atc ? Names.ident(atc.getTable().getName()) : null;
        if (qualifier != null && !input.hasQualifier(qualifier)) {
            throw new DbException(SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + qualifier + "\"");
        }
        List<Scope.Column> out = new ArrayList<>();
        for (Scope.Column c : input.columns()) {
            if (!c.hidden() && (qualifier == null || qualifier.equals(c.qualifier()))) out.add(c);
        }
        return out;
    }

    /** A reference to {@code c} that resolves to it alone. */
    private static Column reference(Scope.Column c) {
        return c.qualifier() == null ? new Column(quote(c.name()))
                : new Column(new net.sf.jsqlparser.schema.Table(quote(c.qualifier())), quote(c.name()));
    }

    private static String quote(String ident) {
        return ident == null ? null : "\"" + ident.replace("\"", "\"\"") + "\"";
    }

    static DataType visibleType(DataType t) {
        return t.type() == SqlType.UNKNOWN ? DataType.TEXT : t;
    }

    /** The column name PostgreSQL gives an unaliased select item. */
    static String columnName(Expression e) {
        if (e instanceof Column c) return Names.ident(c.getColumnName());
        if (e instanceof Function f) {
            List<String> parts = f.getMultipartName();
            return Names.ident(parts.get(parts.size() - 1));
        }
        if (e instanceof CastExpression c) {
            if (c.getLeftExpression() instanceof Column || c.getLeftExpression() instanceof Function) return columnName(c.getLeftExpression());
            String t = TypeNames.text(c.getColDataType()).toLowerCase();
            return switch (t) {
                case "int", "integer" -> "int4";
                case "bigint" -> "int8";
                case "smallint" -> "int2";
                case "boolean" -> "bool";
                case "double precision" -> "float8";
                case "real" -> "float4";
                default -> t.contains("(") ? t.substring(0, t.indexOf('(')) : t;
            };
        }
        if (e instanceof AnalyticExpression a) return a.getName().toLowerCase();
        if (e instanceof net.sf.jsqlparser.expression.RowGetExpression r) return Names.ident(r.getColumnName());
        if (e instanceof net.sf.jsqlparser.expression.CaseExpression) return "case";
        if (e instanceof net.sf.jsqlparser.expression.operators.relational.ExistsExpression) return "exists";
        if (e instanceof net.sf.jsqlparser.expression.TimeKeyExpression t) return t.getStringValue().toLowerCase().replace("()", "");
        if (e instanceof net.sf.jsqlparser.expression.ExtractExpression) return "extract";
        if (e instanceof net.sf.jsqlparser.expression.DateUnitExpression d) return d.toString().toLowerCase();
        if (e instanceof ParenthesedSelect ps && ps.getSelect() instanceof PlainSelect inner && inner.getSelectItems().size() == 1) {
            SelectItem<?> item = inner.getSelectItems().get(0);
            return item.getAlias() != null ? Names.ident(item.getAlias().getName()) : columnName(item.getExpression());
        }
        return "?column?";
    }

    /** Output names and expressions of the select list, for ORDER BY / GROUP BY references. */
    private static final class SelectShape {
        final List<String> names = new ArrayList<>();
        final List<Expression> expressions = new ArrayList<>();

        SelectShape(PlainSelect ps) {
            for (SelectItem<?> item : ps.getSelectItems()) {
                Expression e = item.getExpression();
                names.add(item.getAlias() != null ? Names.ident(item.getAlias().getName()) : (e instanceof AllColumns ? "*" : columnName(e)));
                expressions.add(e);
            }
        }

        private SelectShape() {}

        /**
         * This shape with each {@code *} and {@code t.*} replaced by the columns it stands for in
         * {@code input}, as the output has them, so positions (ORDER BY 2) count them as PostgreSQL does.
         */
        SelectShape expandedFor(Scope input) {
            if (expressions.stream().noneMatch(e -> e instanceof AllColumns || e instanceof AllTableColumns)) return this;
            SelectShape expanded = new SelectShape();
            for (int i = 0; i < expressions.size(); i++) {
                Expression e = expressions.get(i);
                if (!(e instanceof AllColumns || e instanceof AllTableColumns)) {
                    expanded.names.add(names.get(i));
                    expanded.expressions.add(e);
                    continue;
                }
                for (Scope.Column c : starredColumns(e, input)) {
                    expanded.names.add(c.name());
                    expanded.expressions.add(reference(c));
                }
            }
            return expanded;
        }

        /**
         * An ordinal or a bare output name means that select item (a bare name that is also
         * an input column means the input column in GROUP BY, as in PostgreSQL).
         */
        Expression resolveOutputReference(Expression e, Scope input) {
            if (e instanceof LongValue n) {
                int i = (int) n.getValue() - 1;
                if (i < 0 || i >= expressions.size() || expressions.get(i) instanceof AllColumns) {
                    throw new DbException(SqlState.INVALID_COLUMN_REFERENCE, "position " + n.getValue() + " is not in select list");
                }
                return expressions.get(i);
            }
            if (e instanceof Column c && c.getTable() == null) {
                String name = Names.ident(c.getColumnName());
                if (input != null && input.find(null, name) >= 0) return e;
                int i = names.indexOf(name);
                if (i >= 0 && names.lastIndexOf(name) == i) return expressions.get(i);
            }
            return e;
        }
    }

    private List<SortKey> sortKeys(PlainSelect ps, SelectShape shape, ExprCompiler compiler, Scope scope, boolean hintOnly) {
        List<SortKey> keys = new ArrayList<>();
        if (ps.getOrderByElements() == null) return keys;
        for (OrderByElement o : ps.getOrderByElements()) {
            Expression e = o.getExpression();
            if (e instanceof Column c && c.getTable() == null) {
                String name = Names.ident(c.getColumnName());
                int i = shape.names.indexOf(name);
                if (i >= 0) e = shape.expressions.get(i);
            } else if (e instanceof LongValue) {
                e = shape.resolveOutputReference(e, null);
            }
            Expr x;
            if (hintOnly) {
                int before = pc.outerReferences;
                try {
                    x = compiler.compile(e);
                } catch (DbException notSimple) {
                    return null;
                } finally {
                    pc.outerReferences = before;
                }
            } else {
                x = compiler.compile(e);
            }
            keys.add(SortKey.of(x, !o.isAsc(), AggregateBinding.nullsFirst(o)));
        }
        return keys;
    }

    private List<SortKey> distinctSortKeys(PlainSelect ps, List<ResultColumn> columns, List<Expr> outputs, SelectShape shape, ExprCompiler compiler) {
        List<SortKey> keys = new ArrayList<>();
        if (ps.getOrderByElements() == null) return keys;
        for (OrderByElement o : ps.getOrderByElements()) {
            Expression e = o.getExpression();
            int index = -1;
            if (e instanceof LongValue n) index = (int) n.getValue() - 1;
            else {
                for (int i = 0; i < shape.expressions.size(); i++) {
                    if (shape.expressions.get(i).toString().equals(e.toString()) || (e instanceof Column c && c.getTable() == null
                            && Names.ident(c.getColumnName()).equals(shape.names.get(i)))) { index = i; break; }
                }
            }
            if (index < 0 || index >= columns.size()) {
                throw new DbException(SqlState.INVALID_COLUMN_REFERENCE, "for SELECT DISTINCT, ORDER BY expressions must appear in select list");
            }
            keys.add(SortKey.of(new Exprs.ColumnRef(index, columns.get(index).type(), columns.get(index).name()), !o.isAsc(), AggregateBinding.nullsFirst(o)));
        }
        return keys;
    }

    /**
     * {@code SELECT generate_series(1, 3)} / {@code SELECT unnest(a) FROM t}: a set-returning
     * function at the top of a select item becomes a (lateral) FROM item and the item reads
     * its column, so it yields one row per element. Identical calls share one FROM item, so
     * {@code (f(a)).n, f(a)} walk the same rows as in PostgreSQL; different calls form a cross
     * product (PostgreSQL zips them; scripts rarely rely on it). A composite result used whole
     * ({@code _pg_expandarray(a) AS k}) becomes one item per field, named {@code k.x}, {@code k.n},
     * which {@code (k).x} reads (see {@link ExprCompiler}).
     */
    private static void moveSetReturningFunctionsToFrom(PlainSelect ps) {
        java.util.Map<String, String> aliasByCall = new java.util.HashMap<>();
        List<SelectItem<?>> items = (List<SelectItem<?>>) (List<?>) ps.getSelectItems();
        for (int i = 0; i < items.size(); i++) {
            SelectItem<?> item = items.get(i);
            Expression e = item.getExpression();
            String field = null;
            if (e instanceof net.sf.jsqlparser.expression.RowGetExpression rg) {
                field = Names.ident(rg.getColumnName());
                e = ExprCompiler.unparenthesize(rg.getExpression());
            }
            if (!(e instanceof Function f) || f.getParameters() == null) continue;
            SetReturningFunctions.Kind kind = SetReturningFunctions.kind(f);
            if (kind == null) continue;
            String alias = aliasByCall.get(f.toString());
            if (alias == null) {
                alias = "srf_" + i;
                aliasByCall.put(f.toString(), alias);
                addFromItem(ps, f, alias);
            }
            String name = Names.ident(kind.name());
            if (field != null) {
                items.set(i, column(alias, field, item.getAlias() != null ? item.getAlias() : new net.sf.jsqlparser.expression.Alias(field)));
            } else if (kind.fields().isEmpty()) {
                items.set(i, column(alias, alias, item.getAlias() != null ? item.getAlias() : new net.sf.jsqlparser.expression.Alias(name)));
            } else {
                String whole = item.getAlias() != null ? Names.ident(item.getAlias().getName()) : name;
                items.remove(i);
                for (String f2 : kind.fields()) items.add(i++, column(alias, f2, new net.sf.jsqlparser.expression.Alias(quote(whole + "." + f2))));
                i--;
            }
        }
    }

    private static void addFromItem(PlainSelect ps, Function f, String alias) {
        net.sf.jsqlparser.statement.select.TableFunction tf = new net.sf.jsqlparser.statement.select.TableFunction(f);
        tf.setAlias(new net.sf.jsqlparser.expression.Alias(alias));
        if (ps.getFromItem() == null) {
            ps.setFromItem(tf);
        } else {
            net.sf.jsqlparser.statement.select.Join j = new net.sf.jsqlparser.statement.select.Join();
            j.setSimple(true);
            j.setRightItem(tf);
            ps.addJoins(j);
        }
    }

    private static SelectItem<Expression> column(String table, String name, net.sf.jsqlparser.expression.Alias alias) {
        SelectItem<Expression> item = new SelectItem<>(new Column(new net.sf.jsqlparser.schema.Table(table), quote(name)));
        item.setAlias(alias);
        return item;
    }

    private static boolean hasAggregate(PlainSelect ps) {
        boolean[] found = {false};
        ExpressionVisitorAdapter<Void> visitor = new ExpressionVisitorAdapter<>() {
            @Override
            public <S> Void visit(Function f, S context) {
                if (AggregateBinding.isAggregateCall(f)) found[0] = true;
                return super.visit(f, context);
            }

            @Override
            public <S> Void visit(AnalyticExpression a, S context) {
                if (AggregateBinding.isFilteredAggregate(a)) found[0] = true;
                return found[0] ? null : super.visit(a, context);
            }

            @Override
            public <S> Void visit(ParenthesedSelect select, S context) {
                return null;
            }
        };
        for (SelectItem<?> item : ps.getSelectItems()) item.getExpression().accept(visitor, null);
        if (ps.getOrderByElements() != null) for (OrderByElement o : ps.getOrderByElements()) o.getExpression().accept(visitor, null);
        return found[0];
    }

    private boolean isProcedureCall(Expression e) {
        return e instanceof Function f && f.getMultipartName().size() == 2 && pc.procedures != null
                && pc.procedures.find(Names.ident(f.getMultipartName().get(0)) + "." + Names.ident(f.getMultipartName().get(1))) != null;
    }

    /** {@code SELECT schema.proc(args)}: one row per procedure row; a single result column keeps the procedure's name. */
    private PlannedQuery planProcedureSelect(PlainSelect ps, Scope parent) {
        Function f = (Function) ps.getSelectItems().get(0).getExpression();
        String name = Names.ident(f.getMultipartName().get(1));
        ExprCompiler compiler = new ExprCompiler(pc, Scope.empty(parent), null);
        var proc = compiler.procedure(Names.ident(f.getMultipartName().get(0)) + "." + name, f);
        List<Expr> args = compiler.procedureArgs(proc, f);
        PlanNode node = new io.tableos.db.sql.exec.op.ProcedureScanNode(proc, args);
        List<ResultColumn> cols = proc.resultColumns();
        if (cols.size() == 1) {
            String alias = ps.getSelectItems().get(0).getAlias() != null ? Names.ident(ps.getSelectItems().get(0).getAlias().getName()) : name;
            cols = List.of(new ResultColumn(alias, cols.get(0).type(), 0, 0));
        }
        return new PlannedQuery(limit(ps, node, parent), cols);
    }

    // ---- set operations and VALUES ----

    private PlannedQuery planSetOperations(SetOperationList so, Scope parent) {
        PlannedQuery current = plan(so.getSelects().get(0), parent);
        for (int i = 1; i < so.getSelects().size(); i++) {
            PlannedQuery next = plan(so.getSelects().get(i), parent);
            if (next.columns().size() != current.columns().size()) {
                throw new DbException(SqlState.SYNTAX_ERROR, "each " + so.getOperations().get(i - 1).toString().split(" ")[0] + " query must have the same number of columns");
            }
            List<DataType> types = new ArrayList<>();
            List<ResultColumn> cols = new ArrayList<>();
            for (int c = 0; c < current.columns().size(); c++) {
                DataType t = visibleType(Casts.commonType(current.columns().get(c).type(), next.columns().get(c).type()));
                types.add(t);
                cols.add(new ResultColumn(current.columns().get(c).name(), t, 0, 0));
            }
            SetOperation op = so.getOperations().get(i - 1);
            String kind = op.toString().trim().split("\\s+")[0].toUpperCase();
            SetOpNode.Op setOp = SetOpNode.Op.valueOf(kind.equals("MINUS") ? "EXCEPT" : kind);
            current = new PlannedQuery(new SetOpNode(setOp, op.isAll(), current.node(), next.node(), types), cols);
        }
        return current;
    }

    public PlannedQuery planValues(Values v, Scope parent) {
        ExprCompiler compiler = new ExprCompiler(pc, Scope.empty(parent), null);
        List<List<Expression>> rows = ValuesRows.of(v);
        int width = rows.get(0).size();
        List<List<Expr>> compiled = new ArrayList<>();
        DataType[] types = new DataType[width];
        java.util.Arrays.fill(types, DataType.UNKNOWN);
        for (List<Expression> row : rows) {
            if (row.size() != width) throw new DbException(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length");
            List<Expr> r = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                Expr x = compiler.compile(row.get(i));
                r.add(x);
                types[i] = Casts.commonType(types[i], x.type());
            }
            compiled.add(r);
        }
        List<DataType> typeList = new ArrayList<>();
        List<ResultColumn> cols = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            DataType t = visibleType(types[i]);
            typeList.add(t);
            cols.add(new ResultColumn("column" + (i + 1), t, 0, 0));
            for (List<Expr> r : compiled) r.set(i, compiler.coerceTo(r.get(i), t));
        }
        return new PlannedQuery(new ValuesNode(compiled, typeList), cols);
    }
}
