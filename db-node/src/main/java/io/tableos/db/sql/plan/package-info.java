/** Binding names to the catalog, choosing access paths (key and index lookups, ranges), the plan cache. */
package io.tableos.db.sql.plan;
