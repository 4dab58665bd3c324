#!/usr/bin/env bash
# pgbench on a TableOS cluster of VMs beside the same cluster as local processes, in one run:
# TPC-B-like and select-only (scale 10, 8 clients, -M prepared by default), VM/local ratio,
# the TPC-B money invariant on each cluster, and each VM's boot-to-SQL time as the launcher
# measured it. The clusters run one after the other (never together: both would share the
# same host cores). Builds the node and the image if missing.
# usage: perf/vm/compare.sh [--nodes N] [--scale S] [--clients C] [--seconds T] [--warmup T]
#                           [--memory 768M] [--cpus 1] [--accel auto|kvm|tcg] [--net user|bridge]
#                           [--base-port P (local SQL P.., Raft P+100..; VMs SQL P+200..,
#                            Raft P+300..; default 21000)]
# Under TCG (no working KVM) use --scale 1: at scale 10 the VM cluster needs ~15 min to load
# and `alter table pgbench_accounts add primary key` (1M rows) outlasts the 30 s commit wait
# and starves the leader's heartbeats (measured: leadership lost, pgbench -i failed 3 times).
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
launcher="$home/cluster-launcher/tableos-cluster"
nodes=3; scale=10; clients=8; seconds=30; warmup=0; memory=768M; cpus=1; accel=auto; net=user
mode=prepared; base_port=21000
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes="$2"; shift 2 ;;
    --scale) scale="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --memory) memory="$2"; shift 2 ;;
    --cpus) cpus="$2"; shift 2 ;;
    --accel) accel="$2"; shift 2 ;;
    --net) net="$2"; shift 2 ;;
    --base-port) base_port="$2"; shift 2 ;;
    *) echo "compare.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done
work="$home/.tableos/perf/vm"; mkdir -p "$work"; log="$work/pgbench.log"; : > "$log"
[ -f "$home/db-node/target/db-node.jar" ] || (cd "$home" && mvn -q -B -DskipTests package)
[ -f "$home/unikernel-build/build/image.env" ] || make -C "$home/unikernel-build" image
trap '"$launcher" down --dir "$work/local" >/dev/null 2>&1 || true; "$launcher" down --dir "$work/vm" >/dev/null 2>&1 || true' EXIT

tps() { awk '/^tps = / {print $3; exit}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# bench ARGS...: one pgbench run (after an unmeasured warm-up run when --warmup > 0); prints tps.
# -n: no vacuum and no history truncation, so the history keeps every TPC-B delta and the
# money check below covers all runs.
bench() {
  if [ "$warmup" -gt 0 ]; then
    pgbench -n "$@" -c "$clients" -j 2 -T "$warmup" -M "$mode" "$conninfo" >>"$log" 2>&1 || true
  fi
  pgbench -n "$@" -c "$clients" -j 2 -T "$seconds" -M "$mode" "$conninfo" 2>&1 | tee -a "$log" | tps
}

# money: TPC-B moves money, so the history's deltas sum to each of the three balance sums.
money() {
  psql -At "$conninfo" -c "select (select coalesce(sum(delta),0) from pgbench_history),
    (select sum(abalance) from pgbench_accounts), (select sum(tbalance) from pgbench_tellers),
    (select sum(bbalance) from pgbench_branches)"
}

# first_table: a cluster's first tables make every node generate and compile Chronicle Map
# classes; emulated (TCG) that outlasts the node's 30 s commit wait ("commit not applied
# within 30000 ms; it may still happen") and pgbench -i would stop at it. So one throwaway
# table goes first, and this polls (deadline FIRST_TABLE_SECONDS) until it is there.
FIRST_TABLE_SECONDS=600
first_table() {
  local deadline=$(( $(date +%s) + FIRST_TABLE_SECONDS ))
  psql -q "$conninfo" -c "create table compare_first_table (id int primary key, v text)" >>"$log" 2>&1 || true
  until psql -q "$conninfo" -c "select count(*) from compare_first_table" >>"$log" 2>&1; do
    [ "$(date +%s)" -lt "$deadline" ] || { echo "compare.sh: no table after ${FIRST_TABLE_SECONDS} s" >&2; exit 1; }
    sleep 5
  done
  psql -q "$conninfo" -c "drop table compare_first_table" >>"$log" 2>&1
}

# run_cluster NAME UP-ARGS...: boots, loads, runs both workloads, checks the money;
# sets ${NAME}_tpcb, ${NAME}_select, ${NAME}_money, ${NAME}_boot.
run_cluster() {
  local name="$1" out url hostport hosts="" ports="" started elapsed; shift
  rm -rf "${work:?}/$name"
  started=$(date +%s)
  out=$("$launcher" up "$@" --nodes "$nodes" --dir "$work/$name" | tee -a "$log")
  elapsed=$(( $(date +%s) - started ))
  url=$(echo "$out" | awk -F'JDBC_URL=' '/^JDBC_URL=/ {print $2}')
  [ -n "$url" ] || { echo "compare.sh: $name cluster did not come up" >&2; exit 1; }
  echo "$out" | grep -E '^accel:|boot to SQL' | sed "s/^/  $name /" >&2 || true
  printf -v "${name}_boot" '%s' "$(echo "$out" | grep 'boot to SQL' || true)"
  echo "  $name cluster up (leader elected) after ${elapsed} s" >&2
  hostport=${url#jdbc:postgresql://}; hostport=${hostport%%/*}
  for hp in ${hostport//,/ }; do hosts+="${hosts:+,}${hp%:*}"; ports+="${ports:+,}${hp#*:}"; done
  conninfo="host=$hosts port=$ports dbname=tableos user=tableos target_session_attrs=read-write connect_timeout=30"
  export PGPASSWORD; PGPASSWORD=$(cat "$work/$name/password")
  first_table
  started=$(date +%s)
  # pgbench -i drops its tables first, so a retry (after a DDL that outlasted the commit
  # wait, see first_table) starts clean.
  local attempt
  for attempt in 1 2 3; do
    pgbench -i -s "$scale" -q "$conninfo" >>"$log" 2>&1 && break
    [ "$attempt" -lt 3 ] || { echo "compare.sh: pgbench -i failed 3 times on $name; see $log" >&2; exit 1; }
    echo "  $name pgbench -i failed (attempt $attempt), again" >&2
  done
  echo "  $name pgbench -i -s $scale took $(( $(date +%s) - started )) s" >&2
  printf -v "${name}_tpcb" '%s' "$(bench)"
  printf -v "${name}_money" '%s' "$(money)"
  printf -v "${name}_select" '%s' "$(bench -S)"
  "$launcher" down --dir "$work/$name" >>"$log" 2>&1
}

money_line() { # NAME VALUE
  if [ -n "$2" ] && [ "$(echo "$2" | tr '|' '\n' | sort -u | wc -l)" = 1 ]; then
    printf '%-6s money invariant holds: history = accounts = tellers = branches = %s\n' "$1" "${2%%|*}"
  else
    printf '%-6s money invariant BROKEN (history|accounts|tellers|branches): %s\n' "$1" "$2"; broken=1
  fi
}

echo "TableOS, $nodes local processes" >&2
run_cluster local --local --base-port "$base_port"
echo "TableOS, $nodes VMs ($memory, $cpus vCPU, accel $accel, net $net)" >&2
run_cluster vm --base-port "$((base_port + 200))" --memory "$memory" --cpus "$cpus" --accel "$accel" --net "$net"

broken=0
printf '\npgbench scale %s, %s clients, %s s (warm-up %s s), -M %s, %s nodes (log: %s)\n' \
  "$scale" "$clients" "$seconds" "$warmup" "$mode" "$nodes" "$log"
printf '%-14s %14s %14s %10s\n' workload local vm vm/local
printf '%-14s %14s %14s %10s\n' tpc-b "${local_tpcb:-}" "${vm_tpcb:-}" "$(ratio "${vm_tpcb:-0}" "${local_tpcb:-0}")"
printf '%-14s %14s %14s %10s\n' select-only "${local_select:-}" "${vm_select:-}" "$(ratio "${vm_select:-0}" "${local_select:-0}")"
money_line local "$local_money"
money_line vm "$vm_money"
printf '\nboot to accepting SQL (launcher start -> first SQL answer):\n'
printf 'local %s\n' "${local_boot:-(local mode prints no per-node time)}"
echo "$vm_boot" | sed 's/^/vm    /'
exit "$broken"
