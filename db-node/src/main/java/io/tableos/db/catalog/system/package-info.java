/**
 * PostgreSQL's catalog as clients read it: pg_catalog.* and information_schema.* relations
 * computed on each scan from the {@link io.tableos.db.catalog.Catalog} and the registry of
 * system tables, with the column names, order and types of PostgreSQL 15 (read from
 * {@code columns.txt}) and rows filled in by name. Object identifiers follow
 * {@link io.tableos.db.catalog.system.ObjectIds}: catalog ids are OIDs, objects without an id
 * (primary-key indexes, constraints, system tables) get OIDs derived from ids or names, so
 * every replica and every restart shows the same numbers. {@link
 * io.tableos.db.catalog.system.CatalogSystemTables#registerAll} is the single entry point.
 */
package io.tableos.db.catalog.system;
