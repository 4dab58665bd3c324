#!/usr/bin/env bash
# pgbench on a TableOS cluster of VMs beside the same cluster as local processes, in one run:
# TPC-B-like and select-only (scale 10, 8 clients, -M prepared by default), VM/local ratio,
# and each VM's boot-to-SQL time as the launcher measured it. The clusters run one after the
# other (never together: both would share the same 2 host cores). Builds the image if missing.
# usage: perf/vm/compare.sh [--nodes N] [--scale S] [--clients C] [--seconds T]
#                           [--memory 768M] [--cpus 1] [--accel auto|kvm|tcg]
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
launcher="$home/cluster-launcher/tableos-cluster"
nodes=3; scale=10; clients=8; seconds=30; memory=768M; cpus=1; accel=auto; mode=prepared
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes="$2"; shift 2 ;;
    --scale) scale="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --memory) memory="$2"; shift 2 ;;
    --cpus) cpus="$2"; shift 2 ;;
    --accel) accel="$2"; shift 2 ;;
    *) echo "compare.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done
work="$home/.tableos/perf/vm"; mkdir -p "$work"; log="$work/pgbench.log"; : > "$log"
[ -f "$home/db-node/target/db-node.jar" ] || (cd "$home" && mvn -q -B -DskipTests package)
[ -f "$home/unikernel-build/build/image.env" ] || make -C "$home/unikernel-build" image
trap '"$launcher" down --dir "$work/local" >/dev/null 2>&1 || true; "$launcher" down --dir "$work/vm" >/dev/null 2>&1 || true' EXIT

tps() { awk '/^tps = / {print $3; exit}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

# run_cluster NAME UP-ARGS...: boots, loads, runs both workloads; sets ${NAME}_tpcb/_select.
run_cluster() {
  local name="$1" out url hostport hosts="" ports="" conninfo; shift
  rm -rf "${work:?}/$name"
  out=$("$launcher" up "$@" --nodes "$nodes" --dir "$work/$name" | tee -a "$log")
  url=$(echo "$out" | awk -F'JDBC_URL=' '/^JDBC_URL=/ {print $2}')
  [ -n "$url" ] || { echo "compare.sh: $name cluster did not come up" >&2; exit 1; }
  echo "$out" | grep -E '^accel:|boot to SQL' | sed "s/^/  $name /" >&2 || true
  boot_lines+=$(echo "$out" | grep 'boot to SQL' | sed "s/^/$name /")$'\n'
  hostport=${url#jdbc:postgresql://}; hostport=${hostport%%/*}
  for hp in ${hostport//,/ }; do hosts+="${hosts:+,}${hp%:*}"; ports+="${ports:+,}${hp#*:}"; done
  conninfo="host=$hosts port=$ports dbname=tableos user=tableos target_session_attrs=read-write connect_timeout=10"
  export PGPASSWORD; PGPASSWORD=$(cat "$work/$name/password")
  pgbench -i -s "$scale" -q "$conninfo" >>"$log" 2>&1
  printf -v "${name}_tpcb" '%s' "$(pgbench -c "$clients" -j 2 -T "$seconds" -M "$mode" "$conninfo" 2>&1 | tee -a "$log" | tps)"
  printf -v "${name}_select" '%s' "$(pgbench -S -c "$clients" -j 2 -T "$seconds" -M "$mode" "$conninfo" 2>&1 | tee -a "$log" | tps)"
  "$launcher" down --dir "$work/$name" >>"$log" 2>&1
}

boot_lines=""
echo "TableOS, $nodes local processes" >&2
run_cluster local --local --base-port 28432
echo "TableOS, $nodes VMs ($memory, $cpus vCPU, accel $accel)" >&2
run_cluster vm --base-port 28532 --memory "$memory" --cpus "$cpus" --accel "$accel"

printf '\npgbench scale %s, %s clients, %s s, -M %s, %s nodes (log: %s)\n' "$scale" "$clients" "$seconds" "$mode" "$nodes" "$log"
printf '%-14s %14s %14s %10s\n' workload local vm vm/local
printf '%-14s %14s %14s %10s\n' tpc-b "${local_tpcb:-}" "${vm_tpcb:-}" "$(ratio "${vm_tpcb:-0}" "${local_tpcb:-0}")"
printf '%-14s %14s %14s %10s\n' select-only "${local_select:-}" "${vm_select:-}" "$(ratio "${vm_select:-0}" "${local_select:-0}")"
printf '\nboot to accepting SQL (launcher start -> first SQL answer):\n%s' "$(echo "$boot_lines" | grep vm || true)"
echo
