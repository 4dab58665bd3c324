#!/usr/bin/env bash
# pgbench on a local 3-node TableOS cluster (through a multi-host connection string that
# reaches the leader) beside PostgreSQL 15 in one run (fsync on both), then commits per
# second of 32 concurrent single-row autocommit inserters on 1 node and on 3 nodes.
# usage: perf/cluster/pgbench.sh [--scale S] [--clients C] [--seconds T] [--nodes N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
scale=10; clients=8; seconds=30; nodes=3
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --nodes) nodes="$2"; shift 2 ;;
    *) echo "pgbench.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done
work="$home/.tableos/perf/cluster"; mkdir -p "$work"; log="$work/pgbench.log"; : > "$log"
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1); pg_port=25491; pg_data="$work/pgdata"
start_postgres() {
  if [ ! -d "$pg_data" ]; then
    mkdir -p "$pg_data"; chown postgres "$work" "$pg_data" 2>/dev/null || true
    runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres >/dev/null
  fi
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/postgres.log" -w \
    -o "-p $pg_port -k /tmp -c fsync=on -c max_connections=100" start >/dev/null
}
stop_postgres() { runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m fast stop >/dev/null 2>&1 || true; }
trap 'stop_postgres; cluster_down "$work/c1"; cluster_down "$work/c3"' EXIT
tps() { awk '/^tps = / {print $3; exit}'; }
bench() { pgbench "$@" -j 2 -T "$seconds" -M prepared 2>&1 | tee -a "$log" | tps; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
insert_script="$work/insert.sql"
printf '\\set k random(1, 1000000000000)\nINSERT INTO ins VALUES (:k, 1) ON CONFLICT DO NOTHING;\n' > "$insert_script"

# pgbench -i loads accounts with COPY (not supported by TableOS yet) or one huge INSERT (above
# the per-transaction write limit): create the same tables and fill them in 20K-row chunks.
init_tableos() {
  psql "$1" -q >>"$log" 2>&1 <<SQL
DROP TABLE IF EXISTS pgbench_history; DROP TABLE IF EXISTS pgbench_tellers;
DROP TABLE IF EXISTS pgbench_accounts; DROP TABLE IF EXISTS pgbench_branches;
CREATE TABLE pgbench_branches (bid int PRIMARY KEY, bbalance int, filler char(88));
CREATE TABLE pgbench_tellers (tid int PRIMARY KEY, bid int, tbalance int, filler char(84));
CREATE TABLE pgbench_accounts (aid int PRIMARY KEY, bid int, abalance int, filler char(84));
CREATE TABLE pgbench_history (tid int, bid int, aid int, delta int, mtime timestamp, filler char(22));
INSERT INTO pgbench_branches SELECT g, 0, '' FROM generate_series(1, $scale) g;
INSERT INTO pgbench_tellers SELECT g, (g - 1) / 10 + 1, 0, '' FROM generate_series(1, $scale * 10) g;
SQL
  local from
  for ((from = 1; from <= scale * 100000; from += 20000)); do
    # idempotent, so a chunk whose commit outcome was unknown (leader change) is simply retried
    for attempt in 1 2 3 4 5; do
      psql "$1" -qc "INSERT INTO pgbench_accounts SELECT g, (g - 1) / 100000 + 1, 0, '' FROM generate_series($from, $((from + 19999))) g ON CONFLICT DO NOTHING" >>"$log" 2>&1 && break
      sleep 1
    done
  done
}

echo "PostgreSQL ($pg_bin), port $pg_port" >&2
start_postgres
pg=(-h /tmp -p "$pg_port" -U postgres postgres)
pgbench -i -s "$scale" -q "${pg[@]}" >>"$log" 2>&1
pg_tpcb=$(bench -c "$clients" "${pg[@]}")
pg_select=$(bench -S -c "$clients" "${pg[@]}")
stop_postgres

echo "TableOS, $nodes nodes" >&2
cluster_up "$work/c3" "$nodes" 17432
init_tableos "$conninfo"
t_tpcb=$(bench -c "$clients" "$conninfo")
t_select=$(bench -S -c "$clients" "$conninfo")
psql "$conninfo" -qc "CREATE TABLE ins (k int8 PRIMARY KEY, v int4)" >/dev/null
ins3=$(bench -n -c 32 -f "$insert_script" "$conninfo")
cluster_down "$work/c3"

echo "TableOS, 1 node" >&2
cluster_up "$work/c1" 1 18432
psql "$conninfo" -qc "CREATE TABLE ins (k int8 PRIMARY KEY, v int4)" >/dev/null
ins1=$(bench -n -c 32 -f "$insert_script" "$conninfo")

printf '\npgbench scale %s, %s clients, %s s, -M prepared (log: %s)\n' "$scale" "$clients" "$seconds" "$log"
printf '%-22s %12s %14s %8s\n' workload postgresql "tableos(${nodes})" ratio
printf '%-22s %12s %14s %8s\n' tpc-b "$pg_tpcb" "$t_tpcb" "$(ratio "${t_tpcb:-0}" "${pg_tpcb:-0}")"
printf '%-22s %12s %14s %8s\n' select-only "$pg_select" "$t_select" "$(ratio "${t_select:-0}" "${pg_select:-0}")"
printf '\n32 autocommit single-row inserters, commits/s: 1 node %s, %s nodes %s\n' "$ins1" "$nodes" "$ins3"
