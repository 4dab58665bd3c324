/** Operators and expressions that run plans against a transaction and produce rows. */
package io.tableos.db.sql.exec;
