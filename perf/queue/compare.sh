#!/usr/bin/env bash
# The job-queue workload (issue 12) against PostgreSQL 15 (Debian's, started here on its own
# port, fsync on) and against a TableOS cluster, in one run: N tasks inserted in batches of
# 1,000, then W workers claim up to B tasks each (UPDATE ... WHERE id IN (SELECT ... ORDER BY
# priority DESC, id LIMIT B FOR UPDATE SKIP LOCKED) RETURNING id) and mark them succeeded
# (UPDATE ... WHERE id = ANY(?)), until the queue is empty. Prints tasks/s and claim latency
# p50/p99 for both and the tasks/s ratio. The driver is perf/src/.../queue/JobQueueBenchmark.
# usage: perf/queue/compare.sh [--tasks N (default 1000000)] [--workers W (8)] [--batch B (100)]
#          [--nodes N (1)] [--base-port P (TableOS SQL port, 15471)] [--pg-port P (25471)]
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tasks=1000000; workers=8; batch=100; nodes=1; base_port=15471; pg_port=25471
while [ $# -gt 0 ]; do
  case "$1" in
    --tasks) tasks="$2"; shift 2 ;;
    --workers) workers="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --nodes) nodes="$2"; shift 2 ;;
    --base-port) base_port="$2"; shift 2 ;;
    --pg-port) pg_port="$2"; shift 2 ;;
    *) echo "compare.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done
"$home/scripts/setup.sh" perf
work="$home/.tableos/perf-queue"
mkdir -p "$work"
pg_data="$work/pgdata"
source "$home/perf/postgres.sh"

cd "$home"
# The node jar the launcher runs and the driver, built from this tree (never installed).
mvn -q -B -o -pl db-node,cluster-launcher,perf -am -DskipTests package >&2
cp_file=perf/target/classpath.txt
[ -f "$cp_file" ] || mvn -q -B -o -pl perf dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
driver() { java -cp "perf/target/classes:$(cat "$cp_file")" io.tableos.perf.queue.JobQueueBenchmark "$1" "$tasks" "$workers" "$batch" |
  tee -a "$work/queue.log" | awk '/^RESULT / {print}'; }

source "$home/perf/cluster/common.sh"
trap 'stop_postgres; cluster_down "$work/cluster"' EXIT
: > "$work/queue.log"

echo "PostgreSQL ($pg_bin), port $pg_port: $tasks tasks, $workers workers, claims of $batch" >&2
start_postgres
pg=$(driver "jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres")
stop_postgres

echo "TableOS, $nodes node(s), port $base_port" >&2
rm -rf "$work/cluster"
url=$("$launcher" up --local --nodes "$nodes" --base-port "$base_port" --dir "$work/cluster" |
      awk -F'JDBC_URL=' '/^JDBC_URL=/ {print $2}')
t=$(driver "$url")
cluster_down "$work/cluster"

field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
printf '\njob queue: %s tasks, %s workers, claim batch %s, %s TableOS node(s)\n' "$tasks" "$workers" "$batch" "$nodes"
printf '%-18s %14s %14s %8s\n' metric postgresql "tableos(${nodes})" ratio
for k in tasks_per_s claim_p50_ms claim_p99_ms insert_rows_per_s retries; do
  printf '%-18s %14s %14s %8s\n' "$k" "$(field "$pg" $k)" "$(field "$t" $k)" "$(ratio "$(field "$t" $k)" "$(field "$pg" $k)")"
done
printf 'claim plan (TableOS): %s\n' "$(field "$t" plan | tr '~' ' ')"
printf 'claim plan (PostgreSQL): %s\n' "$(field "$pg" plan | tr '~' ' ')"
printf 'load average now: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
