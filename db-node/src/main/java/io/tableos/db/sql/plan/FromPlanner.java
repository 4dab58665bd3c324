package io.tableos.db.sql.plan;

import io.tableos.db.catalog.ColumnDef;
import io.tableos.db.catalog.IndexDef;
import io.tableos.db.catalog.TableDef;
import io.tableos.db.catalog.system.PgKeywords;
import io.tableos.db.sql.exec.Expr;
import io.tableos.db.sql.exec.PlanNode;
import io.tableos.db.sql.exec.ProcedureRegistry;
import io.tableos.db.catalog.SystemTable;
import io.tableos.db.sql.exec.expr.Conditions;
import io.tableos.db.sql.exec.expr.Exprs;
import io.tableos.db.sql.exec.op.AccessPath;
import io.tableos.db.sql.exec.op.FilterNode;
import io.tableos.db.sql.exec.op.FunctionScanNode;
import io.tableos.db.sql.exec.op.HashJoinNode;
import io.tableos.db.sql.exec.op.JoinType;
import io.tableos.db.sql.exec.op.KeyValues;
import io.tableos.db.sql.exec.op.LockRowsNode;
import io.tableos.db.sql.exec.op.NestedLoopJoinNode;
import io.tableos.db.sql.exec.op.ProcedureScanNode;
import io.tableos.db.sql.exec.op.ProjectNode;
import io.tableos.db.sql.exec.op.SortKey;
import io.tableos.db.sql.exec.op.SystemTableNode;
import io.tableos.db.sql.exec.op.TableAccessNode;
import io.tableos.db.sql.exec.op.ValuesNode;
import io.tableos.db.sql.session.ResultColumn;
import io.tableos.db.types.DataType;
import io.tableos.db.types.DbException;
import io.tableos.db.types.SqlState;
import io.tableos.db.types.SqlType;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.TableFunction;
import net.sf.jsqlparser.statement.select.Values;

/**
 * Plans a FROM clause with its WHERE clause: resolves each FROM item, pushes conditions
 * that concern one item down to its table access (choosing key, index or scan), and joins
 * the items left to right: a lookup join when the join condition fixes the inner table's
 * key or an index, a hash join for other equi-joins, else a nested loop.
 */
final class FromPlanner {
    private final PlanContext pc;
    private final Scope parent;

    FromPlanner(PlanContext pc, Scope parent) {
        this.pc = pc;
        this.parent = parent;
    }

    /** One FROM item: a base table (planned late, once its conditions are known) or a ready plan. */
    static final class Source {
        final String alias;
        final Scope scope;
        final TableDef table;
        PlanNode node;
        /** Reads columns of earlier FROM items: joined by re-opening it for each left row. */
        boolean lateral;

        Source(String alias, Scope scope, TableDef table, PlanNode node) {
            this.alias = alias;
            this.scope = scope;
            this.table = table;
            this.node = node;
        }
    }

    record Result(PlanNode node, Scope scope, List<LockRowsNode.Target> tables, boolean orderServed, Expr recheck) {}

    Result plan(FromItem first, List<Join> joins, Expression where, Function<Scope, List<SortKey>> orderHint) {
        return plan(first, joins, where, orderHint, AccessPathChooser.Wanted.NO_LIMIT);
    }

    /**
     * @param orderHint the ORDER BY keys over the single FROM item's scope, or null
     * @param limitHint rows a LIMIT takes in that order ({@link AccessPathChooser.Wanted#NO_LIMIT}, {@link AccessPathChooser.Wanted#LIMIT_UNKNOWN})
     */
    Result plan(FromItem first, List<Join> joins, Expression where, Function<Scope, List<SortKey>> orderHint, long limitHint) {
        List<Source> sources = new ArrayList<>();
        List<Join> joinList = joins == null ? List.of() : joins;
        sources.add(resolve(first));
        Scope accumulated = sources.get(0).scope;
        for (Join j : joinList) {
            int before = pc.outerReferences;
            Source s = resolve(j.getRightItem(), accumulated.withParent(parent));
            s.lateral = s.table == null && pc.outerReferences != before;
            sources.add(s);
            accumulated = accumulated.concat(s.scope);
        }
        List<Scope> scopes = sources.stream().map(s -> s.scope).toList();

        boolean[] nullable = new boolean[sources.size()];
        for (int k = 1; k < sources.size(); k++) {
            Join j = joinList.get(k - 1);
            if (j.isLeft() || j.isFull()) nullable[k] = true;
            if (j.isRight() || j.isFull()) for (int i = 0; i < k; i++) nullable[i] = true;
        }

        List<Expression> conjuncts = Conjuncts.split(where);
        List<List<Expression>> local = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) local.add(new ArrayList<>());
        List<Expression> remaining = new ArrayList<>();
        for (Expression c : conjuncts) {
            if (sources.size() == 1) { local.get(0).add(c); continue; }
            Set<Integer> refs = Conjuncts.sources(c, scopes);
            if (refs != null && refs.size() == 1 && !nullable[refs.iterator().next()]) local.get(refs.iterator().next()).add(c);
            else remaining.add(c);
        }

        List<LockRowsNode.Target> tables = new ArrayList<>();
        boolean orderServed = false;
        Expr recheck = null;
        PlanNode driven = drivenByDerived(sources, joinList, local, remaining, scopes);
        if (driven != null) {
            tables.add(new LockRowsNode.Target(sources.get(0).table, sources.get(0).alias, 0));
            return new Result(driven, sources.get(0).scope.concat(sources.get(1).scope).withParent(parent), tables, false, null);
        }
        Source s0 = sources.get(0);
        if (s0.table != null) {
            List<SortKey> order = sources.size() == 1 && orderHint != null ? orderHint.apply(s0.scope.withParent(parent)) : null;
            Access a = access(s0, local.get(0), List.of(), order == null ? AccessPathChooser.Wanted.ROWS : new AccessPathChooser.Wanted(order, limitHint));
            s0.node = a.node;
            orderServed = a.orderServed;
            recheck = a.filter;
            tables.add(new LockRowsNode.Target(s0.table, s0.alias, 0));
        } else if (!local.get(0).isEmpty()) {
            s0.node = filter(s0.node, s0.scope, local.get(0));
        }
        PlanNode current = s0.node;
        Scope currentScope = s0.scope;
        for (int k = 1; k < sources.size(); k++) {
            Source s = sources.get(k);
            Join j = joinList.get(k - 1);
            List<Expression> on = new ArrayList<>();
            if (j.getOnExpressions() != null) for (Expression e : j.getOnExpressions()) on.addAll(Conjuncts.split(e));
            if (j.getUsingColumns() != null) {
                for (Column c : j.getUsingColumns()) {
                    String name = Names.ident(c.getColumnName());
                    String leftQualifier = null;
                    for (Scope.Column col : currentScope.columns()) if (!col.hidden() && col.name().equals(name)) { leftQualifier = col.qualifier(); break; }
                    on.add(new EqualsTo(new Column(new Table(quote(leftQualifier)), quote(name)), new Column(new Table(quote(s.alias)), quote(name))));
                }
            }
            boolean inner = !(j.isLeft() || j.isRight() || j.isFull());
            if (inner) {
                for (int r = remaining.size() - 1; r >= 0; r--) {
                    Set<Integer> refs = Conjuncts.sources(remaining.get(r), scopes);
                    final int upTo = k;
                    if (refs != null && refs.stream().allMatch(x -> x <= upTo)) on.add(0, remaining.remove(r));
                }
            }
            Scope joinedScope = currentScope.concat(s.scope);
            int leftWidth = currentScope.width();
            if (j.isRight()) {
                if (s.table != null) s.node = access(s, local.get(k), List.of(), AccessPathChooser.Wanted.ROWS).node;
                else if (!local.get(k).isEmpty()) s.node = filter(s.node, s.scope, local.get(k));
                Scope swapped = s.scope.concat(currentScope);
                Expr condition = compileAll(on, swapped);
                PlanNode joined = new NestedLoopJoinNode(s.node, current, condition, JoinType.LEFT, false);
                List<Expr> reorder = new ArrayList<>();
                for (int i = 0; i < currentScope.width(); i++) reorder.add(new Exprs.ColumnRef(s.scope.width() + i, currentScope.columns().get(i).type(), ""));
                for (int i = 0; i < s.scope.width(); i++) reorder.add(new Exprs.ColumnRef(i, s.scope.columns().get(i).type(), ""));
                current = new ProjectNode(joined, reorder);
            } else {
                JoinType type = j.isFull() ? JoinType.FULL : j.isLeft() ? JoinType.LEFT : JoinType.INNER;
                current = join(current, currentScope, s, local.get(k), on, type, joinedScope);
            }
            if (s.table != null) tables.add(new LockRowsNode.Target(s.table, s.alias, leftWidth));
            currentScope = joinedScope;
        }
        Scope full = currentScope.withParent(parent);
        if (!remaining.isEmpty()) current = new FilterNode(current, compileAll(remaining, full));
        return new Result(current, full, tables, orderServed, sources.size() == 1 ? recheck : null);
    }

    /**
     * {@code UPDATE t ... FROM (derived) d WHERE t.key = d.col} (queue claims: a CTE of locked
     * ids, then the update) and the same join in a SELECT: the derived rows drive and t is read
     * by key or index lookups, instead of reading t in full to hash-join it. Only for exactly
     * two FROM items joined inner, t a table, d a derived table that is not lateral, and only
     * when the join condition does fix a key or index prefix of t; the rows keep t's columns
     * first, as written.
     */
    private PlanNode drivenByDerived(List<Source> sources, List<Join> joins, List<List<Expression>> local, List<Expression> remaining,
                                     List<Scope> scopes) {
        if (sources.size() != 2) return null;
        Source t = sources.get(0), d = sources.get(1);
        Join j = joins.get(0);
        if (t.table == null || d.table != null || d.lateral || j.isLeft() || j.isRight() || j.isFull() || j.isNatural()
                || (j.getUsingColumns() != null && !j.getUsingColumns().isEmpty())) {
            return null;
        }
        List<Expression> on = new ArrayList<>();
        if (j.getOnExpressions() != null) for (Expression e : j.getOnExpressions()) on.addAll(Conjuncts.split(e));
        List<Expression> rest = new ArrayList<>();
        for (Expression r : remaining) (Conjuncts.sources(r, scopes) != null ? on : rest).add(r);
        PlanNode derived = local.get(1).isEmpty() ? d.node : filter(d.node, d.scope, local.get(1));
        PlanNode joined = join(derived, d.scope, t, local.get(0), on, JoinType.INNER, d.scope.concat(t.scope));
        if (!(joined instanceof NestedLoopJoinNode loop && loop.parameterized())) {
            t.node = null;
            return null;
        }
        List<Expr> tableFirst = new ArrayList<>();
        for (int i = 0; i < t.scope.width(); i++) tableFirst.add(new Exprs.ColumnRef(d.scope.width() + i, t.scope.columns().get(i).type(), ""));
        for (int i = 0; i < d.scope.width(); i++) tableFirst.add(new Exprs.ColumnRef(i, d.scope.columns().get(i).type(), ""));
        PlanNode out = new ProjectNode(joined, tableFirst);
        return rest.isEmpty() ? out : new FilterNode(out, compileAll(rest, t.scope.concat(d.scope).withParent(parent)));
    }

    private static String quote(String ident) {
        return ident == null ? null : "\"" + ident.replace("\"", "\"\"") + "\"";
    }

    private PlanNode join(PlanNode left, Scope leftScope, Source right, List<Expression> rightLocal, List<Expression> on,
                          JoinType type, Scope joinedScope) {
        Expr condition = on.isEmpty() ? null : compileAll(on, joinedScope.withParent(parent));
        if (right.lateral) {
            PlanNode inner = rightLocal.isEmpty() ? right.node : filter(right.node, right.scope, rightLocal);
            return new NestedLoopJoinNode(left, new io.tableos.db.sql.exec.op.LateralNode(inner), condition,
                    type == JoinType.FULL ? JoinType.LEFT : type, true);
        }
        if (right.table != null && type != JoinType.FULL) {
            List<AccessPathChooser.Constraint> joinConstraints = new ArrayList<>();
            for (Expression e : on) {
                if (!(e instanceof EqualsTo eq)) continue;
                addLookup(eq.getLeftExpression(), eq.getRightExpression(), leftScope, right, joinConstraints);
                addLookup(eq.getRightExpression(), eq.getLeftExpression(), leftScope, right, joinConstraints);
            }
            Access a = access(right, rightLocal, joinConstraints, AccessPathChooser.Wanted.ROWS);
            boolean usesJoin = false;
            for (KeyValues v : a.path.equalities()) for (AccessPathChooser.Constraint c : joinConstraints) usesJoin |= c.values() == v;
            if (usesJoin) return new NestedLoopJoinNode(left, a.node, condition, type, true);
            right.node = a.node;
        } else if (right.table != null) {
            right.node = access(right, rightLocal, List.of(), AccessPathChooser.Wanted.ROWS).node;
        } else if (!rightLocal.isEmpty()) {
            right.node = filter(right.node, right.scope, rightLocal);
        }
        List<Expr> leftKeys = new ArrayList<>(), rightKeys = new ArrayList<>();
        List<Expression> residual = new ArrayList<>();
        for (Expression e : on) {
            if (e instanceof EqualsTo eq && type != JoinType.FULL) {
                Expr[] keys = equiKeys(eq, leftScope, right.scope);
                if (keys != null) { leftKeys.add(keys[0]); rightKeys.add(keys[1]); continue; }
            }
            residual.add(e);
        }
        if (!leftKeys.isEmpty()) {
            Expr rest = residual.isEmpty() ? null : compileAll(residual, joinedScope.withParent(parent));
            return new HashJoinNode(left, right.node, leftKeys, rightKeys, rest, type);
        }
        return new NestedLoopJoinNode(left, right.node, condition, type, false);
    }

    /** {@code x = y} with x over the left items only and y over the right item only: hash keys. */
    private Expr[] equiKeys(EqualsTo eq, Scope leftScope, Scope rightScope) {
        for (int flip = 0; flip < 2; flip++) {
            Expression l = flip == 0 ? eq.getLeftExpression() : eq.getRightExpression();
            Expression r = flip == 0 ? eq.getRightExpression() : eq.getLeftExpression();
            Expr lc = tryCompile(l, leftScope), rc = tryCompile(r, rightScope);
            if (lc != null && rc != null && !lc.isRowIndependent() && !rc.isRowIndependent()) return new Expr[] {lc, rc};
        }
        return null;
    }

    /** A join condition {@code rightColumn = expr over the left items} as a key constraint on the right table. */
    private void addLookup(Expression column, Expression other, Scope leftScope, Source right, List<AccessPathChooser.Constraint> out) {
        if (!(column instanceof Column)) return;
        Expr col = tryCompile(column, right.scope);
        if (!(col instanceof Exprs.ColumnRef ref) || ref.index() >= right.table.columns().size()) return;
        Expr value = tryCompile(other, leftScope);
        if (value == null) return;
        out.add(new AccessPathChooser.Constraint(ref.index(), Conditions.CompareOp.EQ, new KeyValues.Single(value), null));
    }

    private Expr tryCompile(Expression e, Scope scope) {
        int before = pc.outerReferences;
        try {
            return new ExprCompiler(pc, scope.withParent(null), null).compile(e);
        } catch (DbException ex) {
            return null;
        } finally {
            pc.outerReferences = before;
        }
    }

    private record Access(PlanNode node, AccessPath path, boolean orderServed, Expr filter) {}

    private Access access(Source s, List<Expression> localConjuncts, List<AccessPathChooser.Constraint> joinConstraints,
                          AccessPathChooser.Wanted wanted) {
        Scope scope = s.scope.withParent(parent);
        List<Expr> compiled = new ArrayList<>();
        ExprCompiler compiler = new ExprCompiler(pc, scope, null);
        for (Expression c : localConjuncts) compiled.add(compiler.bool(c));
        List<AccessPathChooser.Constraint> constraints = new ArrayList<>(joinConstraints);
        int columnCount = s.table.columns().size();
        for (Expr c : compiled) AccessPathChooser.extract(c, columnCount, constraints);
        List<AccessPathChooser.UsablePartialIndex> partial = new ArrayList<>();
        for (IndexDef index : s.table.indexes()) {
            if (index.predicateSql() == null) continue;
            Expr predicate = compilePredicate(index.predicateSql(), scope);
            if (predicate == null || !PredicateImplication.implies(compiled, predicate)) continue;
            List<AccessPathChooser.Constraint> implied = new ArrayList<>();
            AccessPathChooser.extract(predicate, columnCount, implied);
            partial.add(new AccessPathChooser.UsablePartialIndex(index, implied));
        }
        AccessPathChooser.Choice choice = AccessPathChooser.choose(s.table, constraints, partial, wanted, pc.statistics.of(s.table));
        Expr filter = compiled.isEmpty() ? null : compiled.size() == 1 ? compiled.get(0) : new Conditions.And(compiled);
        return new Access(new TableAccessNode(s.table, s.alias, choice.path(), filter), choice.path(), choice.servesOrder(), filter);
    }

    /** A partial index's predicate compiled over the table's columns, or null when it does not compile here. */
    private Expr compilePredicate(String predicateSql, Scope scope) {
        int before = pc.outerReferences;
        try {
            Expression p = new CCJSqlParser(predicateSql).withDialect(AbstractJSqlParser.Dialect.POSTGRESQL).Expression();
            Expr compiled = new ExprCompiler(pc, scope.withParent(null), null).bool(p);
            return pc.outerReferences == before ? compiled : null;
        } catch (Exception | Error e) {
            return null;
        } finally {
            pc.outerReferences = before;
        }
    }

    private PlanNode filter(PlanNode node, Scope scope, List<Expression> conjuncts) {
        return new FilterNode(node, compileAll(conjuncts, scope.withParent(parent)));
    }

    private Expr compileAll(List<Expression> conjuncts, Scope scope) {
        ExprCompiler compiler = new ExprCompiler(pc, scope, null);
        List<Expr> out = new ArrayList<>();
        for (Expression e : conjuncts) out.add(compiler.bool(e));
        if (out.isEmpty()) return null;
        return out.size() == 1 ? out.get(0) : new Conditions.And(out);
    }

    // ---- resolving FROM items ----

    Source resolve(FromItem item) {
        return resolve(item, parent);
    }

    /** {@code scope} is the parent for subqueries and function arguments: earlier FROM items are visible (LATERAL). */
    Source resolve(FromItem item, Scope scope) {
        Alias alias = item.getAlias();
        String aliasName = alias == null ? null : Names.ident(alias.getName());
        if (item instanceof Table t) return table(t, aliasName);
        if (item instanceof ParenthesedSelect ps) {
            PlannedQuery q = new SelectPlanner(pc).plan(ps.getSelect(), scope);
            return derived(q.node(), q.columns(), aliasName == null ? "subquery" : aliasName, alias);
        }
        if (item instanceof ParenthesedFromItem pf && (pf.getJoins() == null || pf.getJoins().isEmpty())) {
            FromItem inner = pf.getFromItem();
            if (inner instanceof Values v) {
                PlannedQuery q = new SelectPlanner(pc).planValues(v, parent);
                return derived(q.node(), q.columns(), aliasName == null ? "*VALUES*" : aliasName, alias);
            }
            if (inner.getAlias() == null) inner.setAlias(alias);
            return resolve(inner, scope);
        }
        if (item instanceof ParenthesedFromItem pf) return parenthesizedJoin(pf, aliasName, scope);
        if (item instanceof Values v) {
            PlannedQuery q = new SelectPlanner(pc).planValues(v, parent);
            return derived(q.node(), q.columns(), aliasName == null ? "*VALUES*" : aliasName, alias);
        }
        if (item instanceof TableFunction tf) return tableFunction(tf.getFunction(), aliasName, alias, scope);
        throw ExprCompiler.unsupported("FROM item " + item);
    }

    /**
     * {@code (a JOIN b ON ...)} as one FROM item: the inner joins are planned on their own; their
     * columns keep their tables' names (a.x), or take the alias when the parentheses have one.
     */
    private Source parenthesizedJoin(ParenthesedFromItem pf, String aliasName, Scope scope) {
        Result inner = new FromPlanner(pc, scope).plan(pf.getFromItem(), pf.getJoins(), null, null);
        List<Scope.Column> cols = new ArrayList<>();
        for (Scope.Column c : inner.scope().columns()) {
            cols.add(aliasName == null ? c : new Scope.Column(aliasName, c.name(), c.type(), c.tableOid(), c.attributeNumber(), c.hidden()));
        }
        return new Source(aliasName == null ? "join" : aliasName, new Scope(cols, null), null, inner.node());
    }

    private Source derived(PlanNode node, List<ResultColumn> columns, String qualifier, Alias alias) {
        List<String> names = aliasColumns(alias);
        List<Scope.Column> cols = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String name = i < names.size() ? names.get(i) : columns.get(i).name();
            cols.add(new Scope.Column(qualifier, name, columns.get(i).type(), 0, 0, false));
        }
        return new Source(qualifier, new Scope(cols, null), null, node);
    }

    private static List<String> aliasColumns(Alias alias) {
        List<String> names = new ArrayList<>();
        if (alias != null && alias.getAliasColumns() != null) for (Alias.AliasColumn c : alias.getAliasColumns()) names.add(Names.ident(c.name));
        return names;
    }

    private Source table(Table t, String aliasName) {
        String name = Names.ident(t.getName());
        String schema = t.getSchemaName() == null ? null : Names.ident(t.getSchemaName());
        String qualifier = aliasName != null ? aliasName : name;
        if (schema == null) {
            PlanContext.Cte cte = pc.cte(name);
            if (cte != null) return derived(cte.node(), cte.columns(), qualifier, null);
        }
        TableDef def = lookupTable(pc, schema, name);
        if (def != null) {
            List<Scope.Column> cols = new ArrayList<>();
            for (int i = 0; i < def.columns().size(); i++) {
                ColumnDef c = def.columns().get(i);
                cols.add(new Scope.Column(qualifier, c.name(), c.type(), def.id(), i + 1, false));
            }
            cols.add(new Scope.Column(qualifier, "ctid", DataType.BYTEA, def.id(), 0, true));
            return new Source(qualifier, new Scope(cols, null), def, null);
        }
        io.tableos.db.catalog.ViewDef view = pc.catalog.view(schemaOf(pc, schema, name), name);
        if (view == null && schema != null && pc.procedures != null) view = pc.procedures.relationFamilyMember(schema, name);
        if (view != null) {
            ViewExpansion.Expanded expanded = ViewExpansion.expand(pc, view);
            return derived(expanded.query().node(), expanded.columns(), qualifier, null);
        }
        SystemTable sys = lookupSystemTable(pc, schema, name);
        if (sys != null) {
            List<Scope.Column> cols = new ArrayList<>();
            for (ColumnDef c : sys.columns()) cols.add(new Scope.Column(qualifier, c.name(), c.type(), 0, 0, false));
            return new Source(qualifier, new Scope(cols, null), null, new SystemTableNode(sys, null));
        }
        throw new DbException(SqlState.UNDEFINED_TABLE, "relation \"" + (schema == null ? "" : schema + ".") + name + "\" does not exist");
    }

    static TableDef lookupTable(PlanContext pc, String schema, String name) {
        return pc.catalog.table(schemaOf(pc, schema, name), name);
    }

    /** The schema a table or view name refers to: as written, else the first schema of the search path holding either. */
    private static String schemaOf(PlanContext pc, String schema, String name) {
        if (schema != null) return schema;
        String found = pc.searchPath.find(s -> pc.catalog.table(s, name) != null || pc.catalog.view(s, name) != null ? s : null);
        return found != null ? found : "public";
    }

    static SystemTable lookupSystemTable(PlanContext pc, String schema, String name) {
        if (pc.systemTables == null) return null;
        if (schema != null) return pc.systemTables.find(schema, name);
        SystemTable t = pc.systemTables.find("pg_catalog", name);
        return t != null ? t : pc.systemTables.find("public", name);
    }

    private Source tableFunction(net.sf.jsqlparser.expression.Function f, String aliasName, Alias alias, Scope scope) {
        List<String> parts = f.getMultipartName();
        String name = Names.ident(parts.get(parts.size() - 1));
        String schema = parts.size() > 1 ? Names.ident(parts.get(0)) : null;
        ExprCompiler compiler = new ExprCompiler(pc, Scope.empty(scope), null);
        List<String> names = aliasColumns(alias);
        if (SetReturningFunctions.kind(f) == SetReturningFunctions.EXPAND_ARRAY) return expandArray(f, aliasName, alias, compiler);
        RoutineResolution.Resolved routine = RoutineCalls.resolve(compiler, pc, schema, name, f, "function");
        if (routine != null) {
            PlanNode node = RoutineCalls.scan(compiler, pc, routine);
            return derived(node, RoutineCalls.resultColumns(pc, routine.routine()), aliasName == null ? name : aliasName, alias);
        }
        if (schema != null && !schema.equals("pg_catalog")) {
            ProcedureRegistry.Procedure proc = compiler.procedure(schema + "." + name, f);
            if (proc == null) throw new DbException(SqlState.UNDEFINED_FUNCTION, "function " + schema + "." + name + " does not exist");
            PlanNode node = new ProcedureScanNode(proc, compiler.procedureArgs(proc, f));
            return derived(node, proc.resultColumns(), aliasName == null ? name : aliasName, alias);
        }
        List<Expr> args = new ArrayList<>();
        if (f.getParameters() != null) for (Expression x : f.getParameters()) args.add(compiler.compile(x));
        if (name.equals(FunctionScanNode.PARTITION_ANCESTORS) && args.size() == 1) {
            // psql 15's \d of a table with foreign keys asks WITH ORDINALITY AS a(relid, depth): the relation itself at depth 1.
            String qualifier = aliasName == null ? name : aliasName;
            DataType oid = DataType.of(SqlType.OID);
            Scope columns = new Scope(List.of(new Scope.Column(qualifier, names.isEmpty() ? "relid" : names.get(0), oid, 0, 0, false),
                    new Scope.Column(qualifier, names.size() > 1 ? names.get(1) : "ordinality", DataType.INT8, 0, 0, false)), null);
            return new Source(qualifier, columns, null, new FunctionScanNode(name, List.of(compiler.coerceTo(args.get(0), oid)), oid));
        }
        if (name.equals("pg_get_keywords") && args.isEmpty()) return keywords(aliasName == null ? name : aliasName, names);
        if (name.equals("pg_identify_object") && args.size() == 3) return identifyObject(args, aliasName == null ? name : aliasName, names);
        DataType type;
        switch (name) {
            case "generate_series" -> {
                if (args.size() < 2) throw new DbException(SqlState.UNDEFINED_FUNCTION, "function generate_series requires 2 or 3 arguments");
                type = io.tableos.db.sql.func.Casts.commonType(args.get(0).type(), args.get(1).type());
                if (type.type() == SqlType.UNKNOWN || type.type().isText()) type = DataType.INT4;
                for (int i = 0; i < args.size(); i++) args.set(i, compiler.coerceTo(args.get(i), i < 2 ? type : args.get(i).type()));
            }
            case "unnest" -> {
                DataType at = args.get(0).type();
                type = at.type() == SqlType.ARRAY ? DataType.of(at.element()) : DataType.TEXT;
            }
            default -> throw new DbException(SqlState.UNDEFINED_FUNCTION, "function " + name + " does not exist or does not return a set");
        }
        String qualifier = aliasName == null ? name : aliasName;
        String column = !names.isEmpty() ? names.get(0) : aliasName != null ? aliasName : name;
        Scope columns = new Scope(List.of(new Scope.Column(qualifier, column, type, 0, 0, false)), null);
        return new Source(qualifier, columns, null, new FunctionScanNode(name, args, type));
    }

    /** pg_identify_object(classid, objid, objsubid): one row (type, schema, name, identity), from the catalog function's four fields. */
    private static Source identifyObject(List<Expr> args, String qualifier, List<String> aliasNames) {
        List<DataType> argTypes = List.of(DataType.of(SqlType.OID), DataType.of(SqlType.OID), DataType.INT4);
        Expr fields = new io.tableos.db.sql.exec.expr.Calls.Function(io.tableos.db.sql.func.CatalogFunctionBindings.IDENTIFY_OBJECT_FIELDS,
                io.tableos.db.sql.func.FunctionRegistry.lookup(io.tableos.db.sql.func.CatalogFunctionBindings.IDENTIFY_OBJECT_FIELDS, argTypes), args);
        List<String> names = List.of("type", "schema", "name", "identity");
        List<Scope.Column> cols = new ArrayList<>();
        List<Expr> row = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            cols.add(new Scope.Column(qualifier, i < aliasNames.size() ? aliasNames.get(i) : names.get(i), DataType.TEXT, 0, 0, false));
            row.add(new io.tableos.db.sql.exec.expr.Structured.Subscript(fields, Exprs.literal(i + 1, DataType.INT4), DataType.TEXT));
        }
        return new Source(qualifier, new Scope(cols, null), null, new ValuesNode(List.of(row), null));
    }

    /** pg_get_keywords(): word, catcode, barelabel, catdesc, baredesc, one row per PostgreSQL key word. */
    private static Source keywords(String qualifier, List<String> aliasNames) {
        List<String> names = List.of("word", "catcode", "barelabel", "catdesc", "baredesc");
        List<DataType> types = List.of(DataType.TEXT, DataType.TEXT, DataType.BOOL, DataType.TEXT, DataType.TEXT);
        List<Scope.Column> cols = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            cols.add(new Scope.Column(qualifier, i < aliasNames.size() ? aliasNames.get(i) : names.get(i), types.get(i), 0, 0, false));
        }
        List<List<Expr>> rows = new ArrayList<>();
        for (PgKeywords.Keyword k : PgKeywords.all()) {
            rows.add(List.of(Exprs.literal(k.word(), DataType.TEXT), Exprs.literal(String.valueOf(k.category()), DataType.TEXT),
                    Exprs.literal(k.bareLabel(), DataType.BOOL), Exprs.literal(k.categoryDescription(), DataType.TEXT),
                    Exprs.literal(k.bareLabelDescription(), DataType.TEXT)));
        }
        return new Source(qualifier, new Scope(cols, null), null, new ValuesNode(rows, types));
    }

    /** information_schema._pg_expandarray(array): columns x (the element) and n (its 1-based position). */
    private Source expandArray(net.sf.jsqlparser.expression.Function f, String aliasName, Alias alias, ExprCompiler compiler) {
        if (f.getParameters() == null || f.getParameters().size() != 1) {
            throw new DbException(SqlState.UNDEFINED_FUNCTION, "function information_schema._pg_expandarray requires 1 argument");
        }
        Expr array = compiler.compile(f.getParameters().get(0));
        if (array.type().type() != SqlType.ARRAY) {
            throw new DbException(SqlState.UNDEFINED_FUNCTION, "function information_schema._pg_expandarray(" + array.type().sqlName() + ") does not exist");
        }
        List<String> names = aliasColumns(alias);
        String qualifier = aliasName == null ? SetReturningFunctions.EXPAND_ARRAY.name() : aliasName;
        DataType element = DataType.of(array.type().element());
        Scope columns = new Scope(List.of(
                new Scope.Column(qualifier, names.size() > 0 ? names.get(0) : "x", element, 0, 0, false),
                new Scope.Column(qualifier, names.size() > 1 ? names.get(1) : "n", DataType.INT4, 0, 0, false)), null);
        return new Source(qualifier, columns, null, new FunctionScanNode(SetReturningFunctions.EXPAND_ARRAY.name(), List.of(array), element));
    }
}
