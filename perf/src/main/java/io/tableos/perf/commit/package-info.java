/**
 * Commit-path benchmarks: commits per second through the transaction manager on a real
 * Raft group with fsync on, to see what group commit buys as sessions are added.
 */
package io.tableos.perf.commit;
