/**
 * SQL types and values shared by every layer: {@link io.tableos.db.types.SqlType} with PostgreSQL OIDs,
 * the Java representation of each value, and {@link io.tableos.db.types.DbException} carrying a
 * SQLSTATE. Depends on nothing else in TableOS.
 */
package io.tableos.db.types;
