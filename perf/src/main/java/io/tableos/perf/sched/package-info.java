/**
 * The scheduler benchmark (perf/sched/compare.sh): the task lifecycle through {@code sched.*}
 * on TableOS beside the plain-SQL job queue on PostgreSQL, same shape, same run.
 */
package io.tableos.perf.sched;
