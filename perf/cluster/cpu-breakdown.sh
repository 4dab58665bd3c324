#!/usr/bin/env bash
# Where a replicated transaction's CPU goes: starts a fresh local TableOS cluster, loads pgbench
# (scale 10), warms up, then runs TPC-B and prints, for the leader and each follower, the CPU
# milliseconds per transaction of the whole process and of each thread group (thread CPU from
# two `jcmd PID Thread.print` dumps around the measured run, process CPU from /proc/PID/stat).
# CPU per transaction holds up far better than TPS while other users load the machine; both are
# printed, with the load average and how busy the machine's CPUs were.
# usage: perf/cluster/cpu-breakdown.sh [--nodes N (default 3)] [--clients C (default 8)]
#          [--seconds T (default 30)] [--warmup T (default 90: the JIT still compiles after 30-45 s on a loaded host)] [--base-port P] [--top K (groups per node, default 14)]
# JVM options for an A/B run: put them in $TABLEOS_NODE_JVM_OPTIONS (e.g. -Dtableos.raftrpc=netty).
set -euo pipefail
trap 'echo "cpu-breakdown.sh: failed at line $LINENO: $BASH_COMMAND (see ${dir:-}/node*/node.log); pgbench said:" >&2
      tail -n 3 "${work:-.}/pgbench.log" >&2' ERR
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_suite=cluster-cpu
source "$home/perf/lib/results.sh"
nodes=3; clients=8; seconds=30; warmup=90; base_port=18432; top=14
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --base-port) base_port="$2"; shift 2 ;;
    --top) top="$2"; shift 2 ;;
    --help|-h) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "cpu-breakdown.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done
work="$home/.tableos/perf/cpu-breakdown"; dir="$work/cluster"
mkdir -p "$work"; : > "$work/pgbench.log"
trap 'cluster_down "$dir"' EXIT
cluster_up "$dir" "$nodes" "$base_port"
# keys before rows (see pgbench_init in perf/lib/pgbench.sh)
pgbench -i -I dtpgv -s 10 -q "$conninfo" >>"$work/pgbench.log" 2>&1 || pgbench -i -I dtpgv -s 10 -q "$conninfo" >>"$work/pgbench.log" 2>&1
pgbench -n -c "$clients" -j 2 -M prepared -T "$warmup" "$conninfo" >>"$work/pgbench.log" 2>&1

# node ids with their pid and role, from the launcher's status
mapfile -t members < <("$launcher" status --dir "$dir" | awk 'NR > 1 {print $1, $2, $4}')
snapshot() { # PHASE: a thread dump and the process CPU (ticks) of every node
  local id pid role
  for member in "${members[@]}"; do
    read -r id pid role <<<"$member"
    jcmd "$pid" Thread.print > "$work/node$id.$1.txt"
    proc_ticks "$pid" 0 > "$work/node$id.$1.ticks"
  done
}
note "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
machine0=$(machine_ticks); term0=$(cluster_leader_field "$dir" 5); commit0=$(cluster_leader_field "$dir" 6); snapshot before
out=$(pgbench -n -c "$clients" -j 2 -M prepared -T "$seconds" "$conninfo" 2>&1)
snapshot after; machine1=$(machine_ticks); term1=$(cluster_leader_field "$dir" 5); commit1=$(cluster_leader_field "$dir" 6)
[ "$term0" = "$term1" ] || note "the Raft term went from ${term0:-none} to ${term1:-none}: elections during the run (per-entry figures are off)"
echo "$out" >>"$work/pgbench.log"
txns=$(echo "$out" | awk -F': ' '/number of transactions actually processed/ {print $2+0; exit}')
tps=$(echo "$out" | awk '/^tps = / {printf "%.0f", $3; exit}')
set -- $machine0 $machine1
note "TPC-B, $clients clients, $seconds s: $txns transactions, $tps TPS; the machine's CPUs were" \
  "$(awk -v b=$(($3 - $1)) -v t=$(($4 - $2)) 'BEGIN {printf "%.0f", 100*b/t}')% busy; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
result "tpcb-$clients" "tableos-$nodes" tps "$tps" transactions/s
# Each Raft entry costs every node a fixed amount of work: how many transactions share one.
result "tpcb-$clients" "tableos-$nodes" transactions_per_entry "$(ratio "$txns" $((${commit1:-0} - ${commit0:-0})))" transactions
total=0
for member in "${members[@]}"; do
  read -r id pid role <<<"$member"
  ticks=$(( $(cat "$work/node$id.after.ticks") - $(cat "$work/node$id.before.ticks") ))
  total=$((total + ticks))
  ms=$(awk -v t="$ticks" -v hz="$clock_ticks_per_second" 'BEGIN {printf "%.1f", t * 1000 / hz}')
  printf '\nnode %s (%s): CPU ms per transaction by thread group\n' "$id" "$role"
  python3 "$home/perf/lib/thread_cpu.py" "$txns" "$ms" "$work/node$id.before.txt" "$work/node$id.after.txt" |
    awk -v top="$top" '$NF != "" { line[NR] = $0 } END { for (i = 1; i <= NR; i++) if (i <= top || i == NR) {
      n = split(line[i], f, " "); name = f[1]; for (j = 2; j < n; j++) name = name " " f[j]; printf "  %-52s %8s\n", name, f[n] } }'
  result "tpcb-$clients" "tableos-$nodes-$role-node$id" cpu_ms_per_txn "$(ms_per "$ticks" "$txns")" ms
done
result "tpcb-$clients" "tableos-$nodes" cpu_ms_per_txn "$(ms_per "$total" "$txns")" ms
