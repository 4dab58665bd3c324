/**
 * Commit-path benchmarks: commits per second through the transaction manager on a real
 * Raft group with fsync on ({@code CommitThroughput}), and end to end through pgJDBC against
 * a running node ({@code JdbcCommitThroughput}, run by {@code perf/commit/jdbc-commits.sh}),
 * to see what group commit buys as sessions are added.
 */
package io.tableos.perf.commit;
