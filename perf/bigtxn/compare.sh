#!/usr/bin/env bash
# One transaction that updates every row of a table (issue 11, "Sizes"): PostgreSQL 15 (Debian's,
# started here, fsync on) beside a local TableOS node (or cluster), in one run. For each system:
# load N rows (id int PRIMARY KEY, v int, pad text; COPY outside a transaction), then time
# BEGIN; UPDATE big SET v = v + 1; COMMIT (rows/s); then the same UPDATE again while one client
# commits small INSERTs (pgbench, one connection), against a baseline run of that client alone:
# the small commits' p99 and max latency show whether the big transaction stalls them for its
# whole size. TableOS's peak heap comes from its GC log (-Xlog:gc): the largest occupancy before
# a collection and the largest live set after one, over the node's whole run (the load before
# commits in 1 MB chunks, so the UPDATEs set the peaks).
# usage: perf/bigtxn/compare.sh [--rows N (1000000)] [--nodes N (1)] [--heap SIZE (2g)]
#          [--base-port P (18532)] [--pg-port P (28532)]
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rows=1000000; nodes=1; heap=2g; base_port=18532; pg_port=28532
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --nodes) nodes="$2"; shift 2 ;;
    --heap) heap="$2"; shift 2 ;;
    --base-port) base_port="$2"; shift 2 ;;
    --pg-port) pg_port="$2"; shift 2 ;;
    *) echo "compare.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done
bench_suite=bigtxn
source "$home/perf/lib/results.sh"
cd "$home"
mvn -q -B -o -pl db-node,cluster-launcher -am -DskipTests -Dmaven.test.skip.exec package >&2

work="$home/.tableos/perf-bigtxn"
mkdir -p "$work"
source "$home/perf/postgres.sh"
source "$home/perf/cluster/common.sh"
trap 'stop_postgres; cluster_down "$work/cluster"' EXIT
awk -v n="$rows" 'BEGIN { pad = sprintf("%020d", 0); for (i = 0; i < n; i++) printf "%d\t%d\t%s\n", i, i % 1000, pad }' \
  > "$work/rows.tsv"
printf '\\set id random(1, 999999999)\nINSERT INTO small_commits (id) VALUES (:id) ON CONFLICT DO NOTHING;\n' \
  > "$work/small.sql"

now_ms() { date +%s%3N; }
# latency_stats LOGPREFIX: "p99_ms max_ms count" over pgbench's per-transaction log (3rd field: µs).
latency_stats() {
  cat "$1".* | awk '{ print $3 }' | sort -n | awk '{ v[NR] = $1 } END {
    if (NR == 0) { print "n/a n/a 0"; exit }
    i = int(NR * 0.99); if (i < 1) i = 1; printf "%.1f %.1f %d\n", v[i] / 1000, v[NR] / 1000, NR }'
}
# measure SYSTEM PSQL...: load, time the UPDATE, then small commits alone and beside a second UPDATE.
measure() {
  local system="$1"; shift
  "$@" -q -v ON_ERROR_STOP=1 -c "DROP TABLE IF EXISTS big" -c "DROP TABLE IF EXISTS small_commits" \
    -c "CREATE TABLE big (id int PRIMARY KEY, v int, pad text)" -c "CREATE TABLE small_commits (id bigint PRIMARY KEY)"
  "$@" -q -v ON_ERROR_STOP=1 -c "\\copy big FROM '$work/rows.tsv'"
  local start end seconds window
  start=$(now_ms)
  "$@" -q -v ON_ERROR_STOP=1 -c "BEGIN" -c "UPDATE big SET v = v + 1" -c "COMMIT"
  end=$(now_ms)
  seconds=$(awk -v ms=$((end - start)) 'BEGIN { printf "%.2f", ms / 1000 }')
  result update-all-rows "$system" seconds "$seconds" s
  result update-all-rows "$system" rows_per_second "$(awk -v r="$rows" -v ms=$((end - start)) 'BEGIN { printf "%.0f", r * 1000 / ms }')" rows/s
  window=$(( (end - start) / 1000 + 6 ))
  rm -f "$work/alone".* "$work/beside".*
  # A failed small commit ends pgbench's client: its error is kept and reported, the run goes on.
  pgbench -n -c 1 -T "$window" -f "$work/small.sql" -l --log-prefix="$work/alone" "${pgbench_target[@]}" \
    >"$work/alone.out" 2>&1 || note "$system small commits alone: $(grep -m1 -i error "$work/alone.out")"
  pgbench -n -c 1 -T "$window" -f "$work/small.sql" -l --log-prefix="$work/beside" "${pgbench_target[@]}" \
    >"$work/beside.out" 2>&1 &
  local bench=$!
  sleep 2 # the small-commit client is running before the big transaction starts
  "$@" -q -v ON_ERROR_STOP=1 -c "BEGIN" -c "UPDATE big SET v = v + 1" -c "COMMIT"
  wait "$bench" || note "$system small commits beside the UPDATE: $(grep -m1 -i error "$work/beside.out")"
  read -r a99 amax acount <<< "$(latency_stats "$work/alone")"
  read -r b99 bmax bcount <<< "$(latency_stats "$work/beside")"
  result small-commits-alone "$system" p99_ms "$a99" ms; result small-commits-alone "$system" max_ms "$amax" ms
  result small-commits-beside-update "$system" p99_ms "$b99" ms; result small-commits-beside-update "$system" max_ms "$bmax" ms
  note "$system: $acount small commits alone, $bcount beside the UPDATE, in ${window} s each"
  "$@" -q -At -c "SELECT count(*), sum(v) FROM big" | sed "s/^/NOTE suite=bigtxn $system count|sum after two updates: /"
}

note "rows=$rows nodes=$nodes heap=$heap load=$(cut -d' ' -f1-3 /proc/loadavg)"
echo "PostgreSQL ($pg_bin), port $pg_port" >&2
start_postgres
pgbench_target=(-h 127.0.0.1 -p "$pg_port" -U postgres postgres)
measure postgresql psql -h 127.0.0.1 -p "$pg_port" -U postgres postgres
stop_postgres

echo "TableOS, $nodes node(s), heap $heap" >&2
rm -rf "$work/cluster" "$work"/gc-*.log
# INFO from txn: how long the stage took to ship and to install (LogApplier, StagedShipment).
export TABLEOS_NODE_JVM_OPTIONS="-Xlog:gc:file=$work/gc-%p.log -Dorg.slf4j.simpleLogger.log.io.tableos.db.txn=info"
url=$("$launcher" up --local --nodes "$nodes" --base-port "$base_port" --dir "$work/cluster" --heap "$heap" |
      awk -F'JDBC_URL=' '/^JDBC_URL=/ {print $2}')
# As perf/cluster/common.sh's cluster_up: libpq finds the leader (target_session_attrs=read-write).
hostport=${url#jdbc:postgresql://}; hostport=${hostport%%/*}; hosts=""; ports=""
for hp in ${hostport//,/ }; do hosts+="${hosts:+,}${hp%:*}"; ports+="${ports:+,}${hp#*:}"; done
conninfo="host=$hosts port=$ports dbname=tableos user=tableos target_session_attrs=read-write connect_timeout=3"
export PGPASSWORD; PGPASSWORD=$(cat "$work/cluster/password")
pgbench_target=("$conninfo")
measure tableos psql "$conninfo"
# G1 lines: "... Pause Young (Normal) (G1 Evacuation Pause) 812M->301M(2048M) 12.3ms"
for log in "$work"/gc-*.log; do
  grep -o '[0-9]*M->[0-9]*M' "$log" | tr -d 'M' | awk -F'->' -v node="$log" '
    { if ($1 > b) b = $1; if ($2 > a) a = $2 } END {
      printf "RESULT suite=bigtxn workload=update-all-rows system=tableos metric=peak_heap_before_gc_mb value=%d unit=MB\n", b
      printf "RESULT suite=bigtxn workload=update-all-rows system=tableos metric=peak_live_after_gc_mb value=%d unit=MB\n", a
      printf "NOTE suite=bigtxn heap from %s\n", node }'
done
grep -h "stage [0-9]*:" "$work"/cluster/node*/node.log | sed 's/^/NOTE suite=bigtxn /' || true
compare tableos postgresql
