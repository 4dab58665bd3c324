#!/usr/bin/env bash
# pgbench on a local 3-node TableOS cluster (through a multi-host connection string that
# reaches the leader) beside PostgreSQL 15 in one run (fsync on both) — that part is
# perf/pgbench/compare.sh --nodes 3 — then commits per second of 32 concurrent single-row
# autocommit inserters on 1 node and on 3 nodes.
# usage: perf/cluster/pgbench.sh [--nodes N] [--seconds T] [--base-port P] [compare.sh flags...]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
nodes=3; seconds=30; base_port=17432; pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes="$2"; shift 2 ;;
    --seconds) seconds="$2"; pass+=("$1" "$2"); shift 2 ;;
    --base-port) base_port="$2"; shift 2 ;;
    --help|-h) sed -n '2,6p' "$0"; exit 0 ;;
    *) pass+=("$1"); shift ;;
  esac
done
"$home/perf/pgbench/compare.sh" --nodes "$nodes" --base-port "$base_port" "${pass[@]}"

work="$home/.tableos/perf/cluster"; mkdir -p "$work"; log="$work/inserts.log"; : > "$log"
trap 'cluster_down "$work/c1"; cluster_down "$work/c$nodes"' EXIT
insert_script="$work/insert.sql"
printf '\\set k random(1, 1000000000000)\nINSERT INTO ins VALUES (:k, 1) ON CONFLICT DO NOTHING;\n' > "$insert_script"
# inserts N_NODES: commits/s of 32 autocommit single-row inserters (10 s unmeasured warm-up)
inserts() {
  local dir="$work/c$1"
  cluster_up "$dir" "$1" "$base_port"
  psql "$conninfo" -qc "CREATE TABLE ins (k int8 PRIMARY KEY, v int4)" >>"$log" 2>&1
  pgbench -n -c 32 -j 2 -T 10 -f "$insert_script" "$conninfo" >>"$log" 2>&1 || true
  pgbench -n -c 32 -j 2 -T "$seconds" -f "$insert_script" "$conninfo" 2>&1 | tee -a "$log" |
    awk '/^tps = / {print $3; exit}'
  cluster_down "$dir"
}
ins1=$(inserts 1)
insN=$(inserts "$nodes")
printf '\n32 autocommit single-row inserters (%s s), commits/s: 1 node %s, %s nodes %s\n' "$seconds" "$ins1" "$nodes" "$insN"
