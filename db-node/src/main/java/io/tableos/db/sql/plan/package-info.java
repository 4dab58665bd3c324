/**
 * Planning: binds JSqlParser trees to the catalog and builds executable operator trees.
 *
 * <p>Entry points (stable; the session layer calls these):
 * <ul>
 * <li>{@code new PlanContext(catalog, systemTables, procedures, new ParamTypes(declaredOids))}
 *     — one per statement being planned; {@code ParamTypes.resolved()} afterwards gives every
 *     parameter's type (inferred from use: {@code id = $1}, {@code INSERT ... VALUES ($1)},
 *     {@code = ANY($1)} as an array of the column type, LIMIT as bigint; unconstrained → text).</li>
 * <li>{@link io.tableos.db.sql.plan.StatementPlanner#plan} — a JSqlParser statement to a
 *     {@link io.tableos.db.sql.plan.PlannedStatement}: {@code Query} (operator tree + result
 *     columns), {@code Dml} (an {@link io.tableos.db.sql.exec.dml.DmlExecutor} + RETURNING
 *     columns) or {@code Ddl} (left to the session, which owns DDL).</li>
 * <li>{@link io.tableos.db.sql.plan.PlannedStatement#explain} — the EXPLAIN text.</li>
 * <li>{@link io.tableos.db.sql.plan.DmlPlanner#compileDefault} — a column's DEFAULT as an expression.</li>
 * </ul>
 * Plans are immutable and may be cached and shared by sessions; they are valid for the
 * catalog version they were planned at (ANALYZE, which replaces the statistics they were
 * costed with, empties the plan cache).
 *
 * <p>Access paths ({@link io.tableos.db.sql.plan.AccessPathChooser}, costed by
 * {@link io.tableos.db.sql.plan.AccessPathCost}): every candidate — the primary key, each
 * index, each partial index whose predicate the WHERE clause implies
 * ({@link io.tableos.db.sql.plan.PredicateImplication}) — is read with its longest equality
 * prefix (point lookups for {@code IN} lists, {@code = ANY($1)} and uncorrelated
 * {@code IN (SELECT ...)}) plus a range on the next column, or in full when its order (index
 * columns, then the primary key, forward or backward) serves the ORDER BY; the cheapest wins,
 * from the table's row count and ANALYZE's distinct counts ({@code PlanContext.statistics}),
 * and an ordered path under a LIMIT is costed for the rows the LIMIT takes, so it stops there
 * (FOR UPDATE locks rows as that scan produces them). Joins are left-deep in written order:
 * lookup join when the join predicate fixes the inner table's key or index prefix (for
 * {@code t JOIN (derived) d ON t.key = d.x}, as in queue claims written
 * {@code UPDATE t ... FROM cte}, d drives and t is looked up), hash join for other
 * equi-joins, nested loop otherwise. EXPLAIN text follows PostgreSQL's layout
 * ({@link io.tableos.db.sql.exec.PlanText}).
 *
 * <p>Views are expanded where they are read ({@link io.tableos.db.sql.plan.ViewExpansion}).
 * WITH items ({@link io.tableos.db.sql.plan.CtePlanner}) may be data-modifying; those run once
 * per execution, before the statement's own rows, whether read or not.
 *
 * <p>MERGE ({@link io.tableos.db.sql.plan.MergePlanner}) is planned as the source LEFT JOIN the
 * target on its ON condition (so the target is looked up or hashed like any inner table) and
 * arrives as a {@code Dml} whose tag is {@code MERGE n}.
 */
package io.tableos.db.sql.plan;
