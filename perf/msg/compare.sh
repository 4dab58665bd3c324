#!/usr/bin/env bash
# The message-queue benchmark (issue 15): pgmq's SQL API on TableOS (the pgmq service module)
# beside PostgreSQL 15 running the pgmq-shaped PL/pgSQL of the differential test
# (os-services/src/test/resources/pgmq/pgmq-shaped.sql), the same JDBC program in one run:
# send and read+delete throughput in batches of 1 and 100, ping-pong round trips between two
# processes, fan-out to 40 receivers, publish-to-receive latency with long-poll
# (io.tableos.perf.msg.MsgBenchmark). PostgreSQL's read_with_poll sleeps --poll-ms between
# looks (pgmq's default is 100); TableOS's wakes on commit and ignores it.
# usage: perf/msg/compare.sh [--config single|cluster|both] [--n1 N] [--n100 N] [--clients C]
#          [--samples S] [--fanout F] [--poll-ms P] [--base-port P] [--pg-port P]
#   single: one PostgreSQL (system postgresql) vs one TableOS node (tableos-1);
#   cluster: PostgreSQL with 2 synchronous standbys (postgresql-2sync) vs 3 TableOS nodes (tableos-3).
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
config=single; n1=10000; n100=100000; clients=4; samples=200; fanout=20000; poll_ms=10; base_port=18832; pg_port=28832
while [ $# -gt 0 ]; do
  case "$1" in
    --config) config="$2"; shift 2 ;;
    --n1) n1="$2"; shift 2 ;;
    --n100) n100="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --samples) samples="$2"; shift 2 ;;
    --fanout) fanout="$2"; shift 2 ;;
    --poll-ms) poll_ms="$2"; shift 2 ;;
    --base-port) base_port="$2"; shift 2 ;;
    --pg-port) pg_port="$2"; shift 2 ;;
    *) echo "compare.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done
"$home/scripts/setup.sh" perf
cd "$home"
source "$home/perf/lib/bench-classpath.sh"
build_bench_classpath msg
bench() {
  java -Xmx1g -Dmsg.n1="$n1" -Dmsg.n100="$n100" -Dmsg.clients="$clients" -Dmsg.samples="$samples" \
    -Dmsg.fanout="$fanout" -Dmsg.pollIntervalMillis="$poll_ms" -cp "$bench_cp" io.tableos.perf.msg.MsgBenchmark "$@"
}
script="$home/os-services/src/test/resources/pgmq/pgmq-shaped.sql"

work="$home/.tableos/perf-msg"
mkdir -p "$work"
bench_suite=msg
source "$home/perf/lib/results.sh"
source "$home/perf/lib/postgres.sh"
source "$home/perf/cluster/common.sh"
trap 'pg_down "$work/pg"; cluster_down "$work/cluster"' EXIT
figures="send_b1_msgs_per_s read_delete_b1_msgs_per_s send_b100_msgs_per_s read_delete_b100_msgs_per_s
  pingpong_p50_ms pingpong_p99_ms fanout40_msgs_per_s publish_receive_p50_ms publish_receive_p99_ms"

# run_pair STANDBYS NODES PG_SYSTEM TABLEOS_SYSTEM
run_pair() {
  local standbys="$1" nodes="$2" pg_system="$3" t_system="$4" url f load workload metric unit system
  echo "PostgreSQL ($pg_bin) with $standbys standbys, port $pg_port" >&2
  load=$(cut -d' ' -f1 /proc/loadavg)
  pg_up "$work/pg" "$pg_port" "$standbys"
  bench postgres "jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres" "$script" | tee "$work/$pg_system.out" >&2
  pg_down "$work/pg"
  note "$pg_system: load average $load at start, $(cut -d' ' -f1 /proc/loadavg) at end (2 CPUs shared)"
  echo "TableOS, $nodes node(s)" >&2
  load=$(cut -d' ' -f1 /proc/loadavg)
  cluster_up "$work/cluster" "$nodes" "$base_port"
  url=$("$launcher" url --dir "$work/cluster" | awk -F'JDBC_URL=' '/^JDBC_URL=/ {print $2}')
  bench tableos "$url" | tee "$work/$t_system.out" >&2
  cluster_down "$work/cluster"
  note "$t_system: load average $load at start, $(cut -d' ' -f1 /proc/loadavg) at end (2 CPUs shared)"
  for f in $figures; do
    case "$f" in
      *_msgs_per_s) workload=${f%_msgs_per_s}; metric=msgs_per_s; unit=msgs/s ;;
      *) workload=${f%_p[0-9][0-9]_ms}; metric=${f#"$workload"_}; unit=ms ;;
    esac
    for system in "$pg_system" "$t_system"; do
      result "$workload" "$system" "$metric" "$(awk -F= -v k="$f" '$1 == k {print $2}' "$work/$system.out")" "$unit"
    done
  done
  compare "$t_system" "$pg_system"
}

note "sizes (after an unmeasured warm-up of 2000 msgs): send/read+delete batch 1: $n1 msgs, batch 100: $n100 msgs, $clients clients; $samples latency samples; fan-out $fanout msgs to 40 receivers; PostgreSQL read_with_poll interval ${poll_ms} ms"
case "$config" in
  single) run_pair 0 1 postgresql tableos-1 ;;
  cluster) run_pair 2 3 postgresql-2sync tableos-3 ;;
  both) run_pair 0 1 postgresql tableos-1; run_pair 2 3 postgresql-2sync tableos-3 ;;
  *) echo "compare.sh: --config single|cluster|both" >&2; exit 2 ;;
esac
