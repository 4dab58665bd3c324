#!/usr/bin/env bash
# Failover time of a local 3-node cluster: kills the leader (SIGKILL) KILLS times and
# measures, each time, how long until an INSERT through the multi-host connection string
# succeeds on the new leader; restarts the killed node before the next round. Prints each
# time and the median. usage: perf/cluster/failover.sh [--kills N] [--dir DIR]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
bench_suite=cluster-failover
source "$home/perf/lib/results.sh"
kills=10; dir="$home/.tableos/perf/failover"
while [ $# -gt 0 ]; do
  case "$1" in
    --kills) kills="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    *) echo "failover.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done
trap 'cluster_down "$dir"' EXIT
cluster_up "$dir" 3 16432
psql "$conninfo" -qc "CREATE TABLE IF NOT EXISTS failover (k int8 PRIMARY KEY, at text)" >/dev/null
leader() { "$launcher" status --dir "$dir" | awk '$4 == "leader" {print $1; exit}'; }
times=()
for round in $(seq 1 "$kills"); do
  for _ in $(seq 1 100); do l=$(leader); [ -n "$l" ] && break; sleep 0.2; done
  [ -n "$l" ] || { echo "no leader before round $round" >&2; exit 1; }
  psql "$conninfo" -qc "INSERT INTO failover VALUES ($round * 1000000, 'warm')" >/dev/null
  start=$(date +%s%N)
  "$launcher" kill "$l" --dir "$dir" >/dev/null
  n=0
  until psql "$conninfo" -qc "INSERT INTO failover VALUES ($round * 1000000 + $((++n)), 'after')" >/dev/null 2>&1; do :; done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  times+=("$ms")
  echo "round $round: killed node $l, first write on the new leader after $ms ms" >&2
  "$launcher" restart "$l" --dir "$dir" >/dev/null
done
sorted=$(printf '%s\n' "${times[@]}" | sort -n)
median=$(echo "$sorted" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}')
echo "failover ms: ${times[*]}"
echo "median failover: $median ms over $kills kills"
result leader-kill tableos-3 failover_median_ms "$median" ms
result leader-kill tableos-3 failover_max_ms "$(echo "$sorted" | tail -n 1)" ms
note "failover ms over $kills leader kills (SIGKILL to the first write on the new leader): ${times[*]}"
