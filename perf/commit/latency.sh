#!/usr/bin/env bash
# Commit latency (issues 11, 14, 17): one client committing single-row INSERTs, and pgbench's
# TPC-B with one client, on PostgreSQL 15, PostgreSQL with two synchronous standbys, and TableOS
# on 1 and 3 nodes, in one run: pgbench's average latency, TPS and server CPU per transaction,
# and for TableOS where a commit's time went on the leader (sys.metrics commit_* / entry_*:
# sequencing, waiting; per Raft entry replicating, applying). Prints RESULT/NOTE lines.
# usage: perf/commit/latency.sh [--seconds T (default 20)] [--warmup T (default 10)]
#          [--jit-warmup T (default 60)] [--systems "..."] [--workloads "insert-1 tpcb-1"]
#          [--base-port P] [--pg-port P]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/pgbench.sh"
bench_suite=commit-latency; base_port=19432; pg_port=27442; systems=""
seconds=20; warmup=10; jit_warmup=60; workloads="insert-1 tpcb-1"
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --jit-warmup) jit_warmup="$2"; shift 2 ;;
    --base-port) base_port="$2"; shift 2 ;;
    --pg-port) pg_port="$2"; shift 2 ;;
    --systems) systems="$2"; shift 2 ;;
    --workloads) workloads="$2"; shift 2 ;;
    --help|-h) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "latency.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done
"$home/scripts/setup.sh" perf
systems=(${systems:-postgresql postgresql-2sync tableos-1 tableos-3}); workloads=($workloads)
trap 'system_down postgresql; system_down tableos-1' EXIT
pgbench_suite "${systems[@]}" -- "${workloads[@]}"
compare tableos-3 postgresql-2sync
compare tableos-1 postgresql
pgbench_table "${systems[@]}" -- tableos-3 postgresql-2sync "${workloads[@]}"
