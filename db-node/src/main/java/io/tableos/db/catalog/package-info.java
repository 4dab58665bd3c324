/**
 * The schema model: tables, columns, indexes, sequences, views and schemas, and the
 * {@link io.tableos.db.catalog.Catalog} registry every replica keeps identical by applying
 * DDL from the replicated log. Definitions are immutable records; DDL replaces them whole
 * and bumps the catalog version that plan caches key on. A view is its query's text and
 * result columns; the planner expands it where it is read.
 */
package io.tableos.db.catalog;
