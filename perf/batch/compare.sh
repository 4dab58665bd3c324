#!/usr/bin/env bash
# Bulk inserts through pgJDBC against PostgreSQL 15 (Debian's, started here on its own port,
# fsync on) and against a one-node TableOS cluster, in one run: executeBatch of a prepared
# INSERT (autocommit, one implicit transaction per batch), the same with
# reWriteBatchedInserts=true, and COPY FROM STDIN. Prints rows/s for both and the ratio.
# usage: perf/batch/compare.sh [--rows N (default 100000)] [--batch B (default 1000)]
#          [--warmup R (unmeasured loads of N rows per mode and server first, default 2)]
#          [--modes batch,rewrite,copy] [--base-port P (TableOS, default 15532)] [--pg-port P (default 25532)]
# Both servers are reached over loopback TCP. The machine may be shared: run it twice and
# compare, and read `uptime` (printed) before trusting a figure.
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rows=100000; batch=1000; warmup=2; modes=batch,rewrite,copy; base_port=15532; pg_port=25532
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --batch) batch="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --modes) modes="$2"; shift 2 ;;
    --base-port) base_port="$2"; shift 2 ;;
    --pg-port) pg_port="$2"; shift 2 ;;
    *) echo "compare.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done
"$home/scripts/setup.sh" perf
work="$home/.tableos/perf-batch"
mkdir -p "$work"
cd "$home"
[ -f perf/target/classes/io/tableos/perf/batch/BatchInsertThroughput.class ] || mvn -q -B -o -pl perf -am -DskipTests package >&2
cp_file=perf/target/classpath.txt
[ -f "$cp_file" ] || mvn -q -B -o -pl perf dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
driver() { java -cp "perf/target/classes:$(cat "$cp_file")" io.tableos.perf.batch.BatchInsertThroughput "$1" "$rows" "$batch" "$modes" "$warmup"; }

source "$home/perf/postgres.sh"
launcher="$home/cluster-launcher/tableos-cluster"
trap 'stop_postgres; "$launcher" down --dir "$work/cluster" >/dev/null 2>&1 || true' EXIT

echo "load: $(uptime)" >&2
echo "PostgreSQL ($pg_bin), port $pg_port" >&2
start_postgres
pg_out=$(driver "jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres")
stop_postgres

echo "TableOS, 1 node" >&2
rm -rf "$work/cluster"
url=$("$launcher" up --local --nodes 1 --base-port "$base_port" --dir "$work/cluster" |
      awk -F'JDBC_URL=' '/^JDBC_URL=/ {print $2}')
t_out=$(driver "$url")
echo "load: $(uptime)" >&2

rate() { awk -v m="$1" '$1 == m {print $4}' <<<"$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
printf '\n%s rows per load, batch %s, %s warm-up loads, rows/s (pgJDBC over loopback TCP)\n' "$rows" "$batch" "$warmup"
printf '%-10s %12s %12s %8s\n' mode postgresql tableos ratio
for m in ${modes//,/ }; do
  p=$(rate "$m" "$pg_out"); t=$(rate "$m" "$t_out")
  printf '%-10s %12s %12s %8s\n' "$m" "$p" "$t" "$(ratio "${t:-0}" "${p:-0}")"
done
