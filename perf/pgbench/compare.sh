#!/usr/bin/env bash
# pgbench against PostgreSQL 15 (one server, fsync on) and a TableOS cluster (default one node)
# in one run: TPS and the servers' CPU ms per transaction for TPC-B and select-only, their
# ratios, and TableOS's TPC-B money invariant. Prints RESULT/NOTE lines (perf/README.md).
# usage: perf/pgbench/compare.sh [--nodes N] [--scale S] [--clients C] [--seconds T] [--mode M]
#          [--base-port P (TableOS SQL port, default 15432)] [--pg-port P (default 25432)]
#          [--warmup T (seconds of unmeasured run per workload and server first, default 15;
#           the JVM's JIT needs 30 s or more of CPU on 2 cores, PostgreSQL none)]
#          [--jit-warmup T (TPC-B seconds on the fresh TableOS system before its first workload, default 90)]
# Both servers are reached over loopback TCP (TableOS serves TCP only).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/pgbench.sh"
bench_suite=pgbench; nodes=1; clients=8
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes="$2"; shift 2 ;;
    --scale) scale="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --mode) mode="$2"; shift 2 ;;
    --base-port) base_port="$2"; shift 2 ;;
    --pg-port) pg_port="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --jit-warmup) jit_warmup="$2"; shift 2 ;;
    --help|-h) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done
"$home/scripts/setup.sh" perf
systems=(postgresql "tableos-$nodes"); workloads=("tpcb-$clients" "select-$clients")
trap 'system_down postgresql; system_down tableos-1' EXIT
pgbench_suite "${systems[@]}" -- "${workloads[@]}"
compare "tableos-$nodes" postgresql
pgbench_table "${systems[@]}" -- "tableos-$nodes" postgresql "${workloads[@]}"
