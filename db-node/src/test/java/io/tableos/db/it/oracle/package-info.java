/**
 * Differential tests: the same JDBC program and assertions run against PostgreSQL 15, started
 * here as a throwaway server, and against a TableOS node ({@link io.tableos.db.it.oracle.OnBothDatabases}).
 */
package io.tableos.db.it.oracle;
