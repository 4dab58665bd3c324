#!/usr/bin/env bash
# The scheduler benchmark (issue 13): the task lifecycle (a submitter sends N tasks in batches
# of B; W workers each claim up to K and complete them in one call) through sched.* on a local
# TableOS cluster, beside PostgreSQL 15 (Debian's, started here, fsync on) running the plain-SQL
# job queue (UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED LIMIT K)), in one run;
# then the idle submit-to-claim latency (long-poll claim on TableOS, LISTEN/NOTIFY on PostgreSQL).
# usage: perf/sched/compare.sh [--nodes N] [--tasks N] [--workers W] [--claim K] [--submit-batch B]
#          [--samples S] [--base-port P (TableOS SQL port, default 18432)] [--pg-port P (default 28432)]
# Not yet: PostgreSQL with two synchronous standbys as the 3-node twin (prints n/a for it).
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
nodes=1; tasks=1000000; workers=8; claim=32; batch=1000; samples=200; base_port=18432; pg_port=28432
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes="$2"; shift 2 ;;
    --tasks) tasks="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --claim) claim="$2"; shift 2 ;;
    --submit-batch) batch="$2"; shift 2 ;;
    --samples) samples="$2"; shift 2 ;;
    --base-port) base_port="$2"; shift 2 ;;
    --pg-port) pg_port="$2"; shift 2 ;;
    *) echo "compare.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done
"$home/scripts/setup.sh" perf
cd "$home"
source "$home/perf/lib/bench-classpath.sh"
build_bench
bench() { java -Xmx1g -cp "$bench_cp" io.tableos.perf.sched.SchedBenchmark "$@" "$tasks" "$workers" "$claim" "$batch" "$samples"; }

work="$home/.tableos/perf-sched"
mkdir -p "$work"
source "$home/perf/postgres.sh"
source "$home/perf/cluster/common.sh"
trap 'stop_postgres; cluster_down "$work/cluster"' EXIT
value() { awk -F= -v k="$1" '$1 == k {print $2}' "$2"; }

echo "PostgreSQL ($pg_bin), port $pg_port" >&2
start_postgres
bench postgres "jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres" | tee "$work/postgres.out" >&2
stop_postgres

echo "TableOS, $nodes node(s)" >&2
cluster_up "$work/cluster" "$nodes" "$base_port"
url=$("$launcher" url --dir "$work/cluster" | awk -F'JDBC_URL=' '/^JDBC_URL=/ {print $2}')
bench tableos "$url" | tee "$work/tableos.out" >&2

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
pg_tps=$(value tasks_per_second "$work/postgres.out"); t_tps=$(value tasks_per_second "$work/tableos.out")
pg_p50=$(value idle_latency_p50_ms "$work/postgres.out"); t_p50=$(value idle_latency_p50_ms "$work/tableos.out")
pg_p99=$(value idle_latency_p99_ms "$work/postgres.out"); t_p99=$(value idle_latency_p99_ms "$work/tableos.out")
printf '\nsched lifecycle: %s tasks, submit batches of %s, %s workers claiming %s, %s latency samples\n' \
  "$tasks" "$batch" "$workers" "$claim" "$samples"
printf '%-26s %14s %14s %8s\n' figure postgresql "tableos(${nodes})" ratio
printf '%-26s %14s %14s %8s\n' tasks/s "$pg_tps" "$t_tps" "$(ratio "${t_tps:-0}" "${pg_tps:-0}")"
printf '%-26s %14s %14s %8s\n' idle-latency-p50-ms "$pg_p50" "$t_p50" "$(ratio "${pg_p50:-0}" "${t_p50:-0}")"
printf '%-26s %14s %14s %8s\n' idle-latency-p99-ms "$pg_p99" "$t_p99" "$(ratio "${pg_p99:-0}" "${t_p99:-0}")"
printf '(latency ratio: PostgreSQL over TableOS; PostgreSQL with 2 synchronous standbys: n/a, not yet)\n'
