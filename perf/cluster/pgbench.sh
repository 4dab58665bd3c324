#!/usr/bin/env bash
# Replication at PostgreSQL's cost (issue 17): pgbench on PostgreSQL 15, PostgreSQL 15 with two
# synchronous standbys (synchronous_standby_names = 'ANY 2 (s1, s2)', checked in
# pg_stat_replication), TableOS on 1 node and on 3 nodes, all on this machine with fsync on, in
# one run: TPC-B at 8 and 32 clients and select-only at 8, TPS and the servers' CPU ms per
# transaction, ratios TableOS 3 nodes / PostgreSQL with 2 standbys. Prints RESULT/NOTE lines.
# usage: perf/cluster/pgbench.sh [--nodes N (default 3)] [--scale S] [--seconds T (default 30)]
#          [--warmup T (unmeasured seconds before each workload, default 15)]
#          [--jit-warmup T (TPC-B seconds on a fresh TableOS system before its first workload, default 90)]
#          [--mode M] [--base-port P (TableOS SQL ports)] [--pg-port P (standbys at P+1, P+2)]
#          [--systems "postgresql postgresql-2sync tableos-1 tableos-3"]
#          [--workloads "tpcb-8 tpcb-32 select-8" (also insert-C: C autocommit single-row inserters)]
#          [--suite NAME (result lines' suite, default cluster)]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/pgbench.sh"
bench_suite=cluster; nodes=3; base_port=17432; pg_port=25442; systems=""
workloads="tpcb-8 tpcb-32 select-8"
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes="$2"; shift 2 ;;
    --scale) scale="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --jit-warmup) jit_warmup="$2"; shift 2 ;;
    --mode) mode="$2"; shift 2 ;;
    --base-port) base_port="$2"; shift 2 ;;
    --pg-port) pg_port="$2"; shift 2 ;;
    --systems) systems="$2"; shift 2 ;;
    --workloads) workloads="$2"; shift 2 ;;
    --suite) bench_suite="$2"; shift 2 ;;
    --help|-h) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "pgbench.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done
"$home/scripts/setup.sh" perf
systems=(${systems:-postgresql postgresql-2sync tableos-1 tableos-$nodes}); workloads=($workloads)
trap 'system_down postgresql; system_down tableos-1' EXIT
pgbench_suite "${systems[@]}" -- "${workloads[@]}"
compare "tableos-$nodes" postgresql-2sync
compare tableos-1 postgresql
pgbench_table "${systems[@]}" -- "tableos-$nodes" postgresql-2sync "${workloads[@]}"
