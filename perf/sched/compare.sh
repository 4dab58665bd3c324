#!/usr/bin/env bash
# The scheduler benchmark (issue 13): the task lifecycle (a submitter sends N tasks in batches
# of B; W workers each claim up to K and complete them in one call) through sched.* on a local
# TableOS cluster, beside PostgreSQL 15 (Debian's, started here, fsync on) running the plain-SQL
# job queue (UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED LIMIT K)), in one run;
# then the idle submit-to-claim latency (long-poll claim on TableOS, LISTEN/NOTIFY on PostgreSQL).
# usage: perf/sched/compare.sh [--nodes N] [--pg-standbys 0|2] [--tasks N] [--workers W] [--claim K]
#          [--submit-batch B] [--samples S] [--base-port P (TableOS SQL port, default 18432)]
#          [--pg-port P (default 28432)] [--jit-warmup T (unmeasured tasks on TableOS first, default 200000)]
# --pg-standbys 2 runs PostgreSQL with two synchronous standbys (the 3-node cluster's twin:
# a commit durable on three servers). Prints a table for people and RESULT lines (suite sched,
# systems postgresql|postgresql-2sync and tableos-N; perf/README.md) for perf/run.sh; the
# dead-worker figure (lease expiry to the task running again) is TableOS's only.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
nodes=1; pg_standbys=0; tasks=1000000; workers=8; claim=32; batch=1000; samples=200; base_port=18432; pg_port=28432; jit_warmup=200000
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes="$2"; shift 2 ;;
    --pg-standbys) pg_standbys="$2"; shift 2 ;;
    --tasks) tasks="$2"; shift 2 ;;
    --jit-warmup) jit_warmup="$2"; shift 2 ;;
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
build_bench_classpath sched
bench() { java -Xmx1g -cp "$bench_cp" io.tableos.perf.sched.SchedBenchmark "$@" "$tasks" "$workers" "$claim" "$batch" "$samples"; }

work="$home/.tableos/perf-sched"
mkdir -p "$work"
source "$home/perf/postgres.sh"
source "$home/perf/cluster/common.sh"
bench_suite=sched
source "$home/perf/lib/results.sh"
trap 'stop_postgres; cluster_down "$work/cluster"' EXIT
pg_system=postgresql; [ "$pg_standbys" -gt 0 ] && pg_system=postgresql-${pg_standbys}sync
t_system=tableos-$nodes
value() { awk -F= -v k="$1" '$1 == k {print $2}' "$2"; }
# measured NAME COMMAND...: runs the benchmark into $work/NAME.out, adding the CPU the servers ($pids: every
# process of the system under test) used per task over the whole run (lifecycle, latency and dead-worker
# phases: the lifecycle dominates) and their share of the machine's busy time.
measured() {
  local name="$1" t0 t1 m0 m1; shift
  t0=$(cpu_ticks $pids); read -r m0 _ < <(machine_ticks)
  "$@" > "$work/$name.out"
  t1=$(cpu_ticks $pids); read -r m1 _ < <(machine_ticks)
  echo "server_cpu_ms_per_task=$(ms_per $((t1 - t0)) "$tasks")" >> "$work/$name.out"
  echo "server_share_of_busy_cpu_percent=$(awk -v s=$((t1 - t0)) -v m=$((m1 - m0)) 'BEGIN {if (m > 0) printf "%.0f", 100 * s / m; else print "n/a"}')" >> "$work/$name.out"
  cat "$work/$name.out" >&2
}

echo "PostgreSQL ($pg_bin), port $pg_port, $pg_standbys synchronous standbys; load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
pg_up "$work/pg" "$pg_port" "$pg_standbys"
pids=$(head -qn 1 "$work/pg"/*/postmaster.pid | tr '\n' ' ')
measured postgres bench postgres "jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres"
stop_postgres

echo "TableOS, $nodes node(s); load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
cluster_up "$work/cluster" "$nodes" "$base_port"
url=$("$launcher" url --dir "$work/cluster" | awk -F'JDBC_URL=' '/^JDBC_URL=/ {print $2}')
pids=$(awk 1 "$work/cluster"/node*/pid | tr '\n' ' ')
if [ "$jit_warmup" -gt 0 ]; then
  # Unmeasured lifecycle first: a fresh node's JIT compiles during its first tens of seconds of
  # calls, which were otherwise the measured tasks (PostgreSQL needs none, as in perf/pgbench).
  java -Xmx1g -cp "$bench_cp" io.tableos.perf.sched.SchedBenchmark tableos "$url" "$jit_warmup" "$workers" "$claim" "$batch" 20 \
    > "$work/tableos-warmup.out" 2>&1
fi
measured tableos bench tableos "$url"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a ~ /^[0-9.]+$/ && b ~ /^[0-9.]+$/ && b > 0) printf "%.2f", a / b; else print "n/a" }'; }
figure() { local v; v=$(value "$1" "$2"); echo "${v:-n/a}"; }
printf '\nsched lifecycle: %s tasks, submit batches of %s, %s workers claiming %s, %s latency samples\n' \
  "$tasks" "$batch" "$workers" "$claim" "$samples"
printf '%-26s %16s %14s %8s\n' figure "$pg_system" "$t_system" ratio
for k in tasks_per_second server_cpu_ms_per_task server_share_of_busy_cpu_percent idle_latency_p50_ms idle_latency_p99_ms \
    dead_worker_rerun_after_lease_ms; do
  p=$(figure $k "$work/postgres.out"); t=$(figure $k "$work/tableos.out")
  # ratio: TableOS over PostgreSQL for throughput and CPU share; PostgreSQL over TableOS for times (above 1: TableOS better)
  case $k in tasks_per_second|server_share*) r=$(ratio "$t" "$p") ;; *) r=$(ratio "$p" "$t") ;; esac
  printf '%-26s %16s %14s %8s\n' "$k" "$p" "$t" "$r"
done
workload="lifecycle-${tasks}"
result "$workload" "$pg_system" tasks_per_s "$(figure tasks_per_second "$work/postgres.out")" tasks/s
result "$workload" "$t_system" tasks_per_s "$(figure tasks_per_second "$work/tableos.out")" tasks/s
for s in postgres:$pg_system tableos:$t_system; do
  out="$work/${s%%:*}.out"; sys=${s#*:}
  result "$workload" "$sys" cpu_ms_per_task "$(figure server_cpu_ms_per_task "$out")" ms
  result idle-submit-to-claim "$sys" p50_ms "$(figure idle_latency_p50_ms "$out")" ms
  result idle-submit-to-claim "$sys" p99_ms "$(figure idle_latency_p99_ms "$out")" ms
done
result dead-worker "$t_system" rerun_after_lease_ms "$(figure dead_worker_rerun_after_lease_ms "$work/tableos.out")" ms
compare "$t_system" "$pg_system"
note "$tasks tasks, $workers workers claiming $claim, submit batches of $batch; load average at the end $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
