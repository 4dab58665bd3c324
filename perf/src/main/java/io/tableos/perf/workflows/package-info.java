/**
 * DBOS Transact's workload (durable 3-step workflows, step checkpoints) against PostgreSQL and
 * TableOS as its system database: perf/workflows/compare.sh runs {@link io.tableos.perf.workflows.WorkflowBenchmark}.
 */
package io.tableos.perf.workflows;
