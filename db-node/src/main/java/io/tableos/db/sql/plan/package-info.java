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
 * catalog version they were planned at.
 *
 * <p>Access paths ({@link io.tableos.db.sql.plan.AccessPathChooser}): a primary-key point
 * lookup (also for IN lists, {@code = ANY($1)} and uncorrelated {@code IN (SELECT ...)}),
 * a unique-index lookup, the longest equality prefix plus a range on the key or an index
 * (a partial index when its predicate appears among the WHERE conjuncts), else a full scan,
 * in key or index order when that serves ORDER BY. Joins are left-deep in written order:
 * lookup join when the join predicate fixes the inner table's key or index prefix, hash join
 * for other equi-joins, nested loop otherwise.
 *
 * <p>Views are expanded where they are read ({@link io.tableos.db.sql.plan.ViewExpansion}).
 * WITH items ({@link io.tableos.db.sql.plan.CtePlanner}) may be data-modifying; those run once
 * per execution, before the statement's own rows, whether read or not.
 */
package io.tableos.db.sql.plan;
