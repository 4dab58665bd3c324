/**
 * The message-queue benchmark (perf/msg): pgmq's SQL API, served by TableOS's pgmq module and by
 * PostgreSQL 15 running the pgmq-shaped PL/pgSQL of the differential test, driven by the same
 * JDBC calls in one run.
 */
package io.tableos.perf.msg;
