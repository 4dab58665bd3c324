#!/usr/bin/env bash
# Commit latency (issues 11, 14, 17): one client committing single-row INSERTs, and pgbench's
# TPC-B with one client, on PostgreSQL 15, PostgreSQL with two synchronous standbys, and TableOS
# on 1 and 3 nodes, in one run (perf/cluster/pgbench.sh with these workloads): pgbench's average
# latency, TPS and server CPU per transaction, and for TableOS where a commit's time went on the
# leader (sys.metrics commit_* / entry_*: sequencing, waiting; per Raft entry replicating,
# applying). Prints RESULT/NOTE lines under suite commit-latency.
# usage: perf/commit/latency.sh [any perf/cluster/pgbench.sh flag; later flags win, e.g.
#          --systems "tableos-1" --workloads "insert-1 tpcb-8" --jit-warmup 30]
exec "$(dirname "${BASH_SOURCE[0]}")/../cluster/pgbench.sh" --suite commit-latency \
  --workloads "insert-1 tpcb-1" --seconds 20 --warmup 10 --jit-warmup 60 \
  --base-port 19432 --pg-port 27442 "$@"
