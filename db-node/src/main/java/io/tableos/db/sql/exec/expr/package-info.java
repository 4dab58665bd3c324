/**
 * Compiled scalar expressions: small immutable nodes evaluated over a row, with SQL's
 * three-valued logic and NULL propagation. Built by the planner from JSqlParser trees.
 */
package io.tableos.db.sql.exec.expr;
