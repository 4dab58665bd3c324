/**
 * The job-queue benchmark ({@code perf/queue/compare.sh}): the claim-and-finish workload that
 * motivates DBOS, through pgJDBC, run by the script against PostgreSQL 15 and a TableOS node.
 */
package io.tableos.perf.queue;
