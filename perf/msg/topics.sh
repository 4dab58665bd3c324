#!/usr/bin/env bash
# Topics with consumer groups (issue 15): msg.* on a local TableOS cluster beside the same
# partitioned log in plain SQL on PostgreSQL 15 (started here, fsync on), in one run. Figures:
# publish throughput with P producers in batches of 1 and of 100, consume throughput (one
# consumer: fetch 100, commit offsets), publish-to-receive latency p50/p99 with the consumer
# waiting in a fetch (long-poll woken on commit on TableOS, LISTEN/NOTIFY on PostgreSQL).
# With --nodes 3 the PostgreSQL twin has two synchronous standbys (perf/lib/postgres.sh).
# usage: perf/msg/topics.sh [--nodes 1|3] [--messages N] [--partitions N] [--producers P]
#          [--samples S] [--base-port P (TableOS SQL port, default 18532)] [--pg-port P (default 28532)]
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
nodes=1; messages=100000; partitions=4; producers=4; samples=200; base_port=18532; pg_port=28532
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes="$2"; shift 2 ;;
    --messages) messages="$2"; shift 2 ;;
    --partitions) partitions="$2"; shift 2 ;;
    --producers) producers="$2"; shift 2 ;;
    --samples) samples="$2"; shift 2 ;;
    --base-port) base_port="$2"; shift 2 ;;
    --pg-port) pg_port="$2"; shift 2 ;;
    *) echo "topics.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done
"$home/scripts/setup.sh" perf
cd "$home"
mvn -q -B -o -pl db-node,os-services,cluster-launcher,perf -am -DskipTests -Dmaven.test.skip.exec package >&2
mvn -q -B -o -pl db-node dependency:build-classpath -Dmdep.outputFile=target/topics-bench-classpath.txt >&2
bench_cp="perf/target/classes:os-services/target/classes:db-node/target/classes:$(cat db-node/target/topics-bench-classpath.txt)"
bench() { java -Xmx1g -cp "$bench_cp" io.tableos.perf.topics.TopicBenchmark "$@" "$messages" "$partitions" "$producers" "$samples"; }

work="$home/.tableos/perf-topics"
mkdir -p "$work"
bench_suite=msg
source "$home/perf/lib/results.sh"
source "$home/perf/lib/postgres.sh"
source "$home/perf/cluster/common.sh"
trap 'pg_down "$work/pg"; cluster_down "$work/cluster"' EXIT
value() { awk -F= -v k="$1" '$1 == k {print $2}' "$2"; }
load() { awk '{print $1}' /proc/loadavg; }

if [ "$nodes" -gt 1 ]; then pg_system=postgresql-2sync; standbys=2; else pg_system=postgresql; standbys=0; fi
t_system="tableos-$nodes"

echo "PostgreSQL ($standbys synchronous standbys), port $pg_port" >&2
rm -rf "$work/pg"
pg_up "$work/pg" "$pg_port" "$standbys"
load_pg_before=$(load)
bench postgres "jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres" | tee "$work/postgres.out" >&2
load_pg_after=$(load)
pg_down "$work/pg"

echo "TableOS, $nodes node(s)" >&2
cluster_up "$work/cluster" "$nodes" "$base_port"
url=$("$launcher" url --dir "$work/cluster" | awk -F'JDBC_URL=' '/^JDBC_URL=/ {print $2}')
load_t_before=$(load)
bench tableos "$url" | tee "$work/tableos.out" >&2
load_t_after=$(load)

for figure in publish_b1_per_second:topic_publish_b1:msgs_per_s publish_b100_per_second:topic_publish_b100:msgs_per_s \
              consume_per_second:topic_consume_b100:msgs_per_s publish_receive_p50_ms:topic_publish_receive_p50:ms \
              publish_receive_p99_ms:topic_publish_receive_p99:ms; do
  IFS=: read -r key workload unit <<< "$figure"
  metric=$([ "$unit" = ms ] && echo latency_ms || echo msgs_per_s)
  result "$workload" "$pg_system" "$metric" "$(value "$key" "$work/postgres.out")" "$unit"
  result "$workload" "$t_system" "$metric" "$(value "$key" "$work/tableos.out")" "$unit"
done
compare "$t_system" "$pg_system"
note "topics: $messages messages (batches of 100; a tenth of that one by one), $partitions partitions, $producers producers," \
     "$samples latency samples; 1-min load average $load_pg_before-$load_pg_after during PostgreSQL, $load_t_before-$load_t_after during TableOS"
