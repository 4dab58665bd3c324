/**
 * Bulk-insert benchmarks: rows per second through pgJDBC batches (with and without
 * reWriteBatchedInserts) and COPY FROM STDIN ({@code BatchInsertThroughput}), run against
 * PostgreSQL 15 and a TableOS node in one run by {@code perf/batch/compare.sh}.
 */
package io.tableos.perf.batch;
