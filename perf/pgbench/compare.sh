#!/usr/bin/env bash
# Runs the same pgbench workloads against PostgreSQL 15 (Debian's, started here on its own
# port, fsync on) and against a TableOS cluster, in one run, and prints both TPS figures and
# their ratio, and checks TableOS's TPC-B money invariant afterwards.
# usage: perf/pgbench/compare.sh [--nodes N] [--scale S] [--clients C] [--seconds T] [--mode M]
#          [--base-port P (TableOS SQL port, default 15432)] [--pg-port P] [--pg-socket]
#          [--warmup T (seconds of unmeasured run per workload and server first, default 15;
#           the JVM's JIT needs 30 s or more of CPU on 2 cores, PostgreSQL none)]
# Both servers are reached over loopback TCP (TableOS serves TCP only); --pg-socket makes
# pgbench reach PostgreSQL through its Unix socket instead (faster for PostgreSQL).
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
nodes=1; scale=10; clients=8; seconds=30; mode=prepared; base_port=15432; pg_port=25432; pg_host=127.0.0.1; warmup=15
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes="$2"; shift 2 ;;
    --scale) scale="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --mode) mode="$2"; shift 2 ;;
    --base-port) base_port="$2"; shift 2 ;;
    --pg-port) pg_port="$2"; shift 2 ;;
    --pg-socket) pg_host=/tmp; shift ;;
    --warmup) warmup="$2"; shift 2 ;;
    *) echo "compare.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done
"$home/scripts/setup.sh" perf
work="$home/.tableos/perf"
mkdir -p "$work"
pg_data="$work/pgdata"
source "$home/perf/postgres.sh"

# tps of one pgbench run: "tps = 1234.5 (without initial connection time)"; an unmeasured
# warm-up run of the same workload goes first
run_pgbench() { # extra args...
  if [ "$warmup" -gt 0 ]; then
    pgbench "$@" -c "$clients" -j 2 -T "$warmup" -M "$mode" >>"$work/pgbench.log" 2>&1 || true
  fi
  pgbench "$@" -c "$clients" -j 2 -T "$seconds" -M "$mode" 2>&1 | tee -a "$work/pgbench.log" |
    awk '/^tps = / {print $3; exit}'
}

source "$home/perf/cluster/common.sh"
trap 'stop_postgres; cluster_down "$work/cluster"' EXIT
export PGCONNECT_TIMEOUT=5
: > "$work/pgbench.log"

echo "PostgreSQL ($pg_bin), port $pg_port" >&2
start_postgres
pg_args=(-h "$pg_host" -p "$pg_port" -U postgres postgres)
pgbench -i -s "$scale" -q "${pg_args[@]}" >>"$work/pgbench.log" 2>&1
pg_tpcb=$(run_pgbench "${pg_args[@]}")
pg_select=$(run_pgbench -S "${pg_args[@]}")
stop_postgres

echo "TableOS, $nodes node(s)" >&2
cluster_up "$work/cluster" "$nodes" "$base_port"
# A multi-host libpq connection string that reaches the leader (target_session_attrs).
t_args=("$conninfo")
pgbench -i -s "$scale" -q "${t_args[@]}" >>"$work/pgbench.log" 2>&1
# -n (no vacuum, no history truncation; TableOS has nothing to vacuum): the history then
# keeps the deltas of the warm-up run too, so the money check covers every TPC-B run.
t_tpcb=$(run_pgbench -n "${t_args[@]}")
# TPC-B moves money: every delta is in the history and in one account, teller and branch.
money=$(psql -At "${t_args[@]}" -c "select (select coalesce(sum(delta),0) from pgbench_history),
  (select sum(abalance) from pgbench_accounts), (select sum(tbalance) from pgbench_tellers),
  (select sum(bbalance) from pgbench_branches)")
t_select=$(run_pgbench -n -S "${t_args[@]}")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
printf '\npgbench scale %s, %s clients, %s s, -M %s\n' "$scale" "$clients" "$seconds" "$mode"
printf '%-14s %14s %14s %8s\n' workload postgresql "tableos(${nodes})" ratio
printf '%-14s %14s %14s %8s\n' tpc-b "$pg_tpcb" "$t_tpcb" "$(ratio "${t_tpcb:-0}" "${pg_tpcb:-0}")"
printf '%-14s %14s %14s %8s\n' select-only "$pg_select" "$t_select" "$(ratio "${t_select:-0}" "${pg_select:-0}")"
printf 'PostgreSQL reached over %s\n' "$([ "$pg_host" = /tmp ] && echo 'its Unix socket' || echo 'TCP loopback')"
if [ "$(echo "$money" | tr '|' '\n' | sort -u | wc -l)" = 1 ]; then
  printf 'TableOS money invariant holds: history = accounts = tellers = branches = %s\n' "${money%%|*}"
else
  printf 'TableOS money invariant BROKEN (history|accounts|tellers|branches): %s\n' "$money"; exit 1
fi
