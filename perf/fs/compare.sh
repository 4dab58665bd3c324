#!/usr/bin/env bash
# The file-system benchmark (issue 16), in one run: mdtest-style metadata rates (create, stat,
# readdir, rename, unlink; each of C clients in a directory of its own, F files each) through
# TableOS's NIO provider on a local cluster and through its FUSE mount (tableos-cluster mount),
# beside the host's file system (ext4 here) through the same java.nio code, beside the same fs
# schema on PostgreSQL 15 (Debian's, fsync on) driven by the plain SQL the fs procedures issue,
# one transaction per operation; then sequential write and read of one file of --big-mb MiB
# (1 GiB by default; every system, PostgreSQL with fs.pwrite's statements per 1 MiB piece), and
# the DBOS demo: a question about a tree by one SQL query over fs.files vs walking it (NIO on
# TableOS, find on the host). The ext4 read follows its write, so it comes from the page cache.
# usage: perf/fs/compare.sh [--nodes N] [--clients "1 8"] [--files F] [--big-mb M]
#          [--demo "DIRS SUBDIRS FILES"] [--base-port P (default 19432)] [--pg-port P (default 29432)]
#          [--warmup S (seconds of unmeasured rounds on TableOS per client count first, default 30:
#           the node's JIT needs tens of seconds of calls)]
# Not yet: PostgreSQL with two synchronous standbys as the 3-node twin (--nodes 3 compares with
# the single PostgreSQL server).
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
nodes=1; clients="1 8"; files=2000; big_mb=1024; demo="4 10 50"; base_port=19432; pg_port=29432; warmup=30
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes="$2"; shift 2 ;;
    --clients) clients="$2"; shift 2 ;;
    --files) files="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    --big-mb) big_mb="$2"; shift 2 ;;
    --demo) demo="$2"; shift 2 ;;
    --base-port) base_port="$2"; shift 2 ;;
    --pg-port) pg_port="$2"; shift 2 ;;
    *) echo "compare.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done
"$home/scripts/setup.sh" perf
cd "$home"
source "$home/perf/lib/bench-classpath.sh"
build_bench_classpath fs
bench() { java -Xmx1g -Dfs.warmupSeconds="$warmup" -cp "$bench_cp" io.tableos.perf.fs.FsBenchmark "$@"; }

bench_suite=fs
source "$home/perf/lib/results.sh"
work="$home/.tableos/perf-fs"
mkdir -p "$work"
source "$home/perf/postgres.sh"
source "$home/perf/cluster/common.sh"
mnt="$work/mnt"
trap 'fusermount -u "$mnt" 2>/dev/null || true; stop_postgres; cluster_down "$work/cluster"' EXIT
value() { awk -F= -v k="$1" '$1 == k {print $2}' "$2"; }
load() { awk '{print $1}' /proc/loadavg; }
tableos="tableos-$nodes"
mount_system="tableos-$nodes-mount"
phases="create stat readdir rename unlink"
first=$(echo $clients | awk '{print $1}')
big_for() { [ "$1" = "$first" ] && echo "$big_mb" || echo 0; }  # the large file once, with the first client count

report() {  # report SYSTEM OUTFILE CLIENTS
  local phase
  for phase in $phases; do result "$phase-${3}c" "$1" ops_per_s "$(value "${phase}_per_second" "$2")" ops/s; done
}

echo "PostgreSQL ($pg_bin), port $pg_port, fs schema" >&2
start_postgres
for c in $clients; do
  note "postgresql ${c} clients: load average $(load) before"
  bench postgres "jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres" "$c" "$files" "$(big_for "$c")" |
    tee "$work/postgres-$c.out" >&2
  report postgresql "$work/postgres-$c.out" "$c"
done
stop_postgres

ext4_dir="$work/ext4"; rm -rf "$ext4_dir"; mkdir -p "$ext4_dir"
for c in $clients; do
  note "ext4 ${c} clients: load average $(load) before"
  bench ext4 "$ext4_dir" "$c" "$files" "$(big_for "$c")" |
    tee "$work/ext4-$c.out" >&2
  report ext4 "$work/ext4-$c.out" "$c"
done

echo "TableOS, $nodes node(s)" >&2
cluster_up "$work/cluster" "$nodes" "$base_port"
url=$("$launcher" url --dir "$work/cluster" | awk -F'JDBC_URL=' '/^JDBC_URL=/ {print $2}')
for c in $clients; do
  note "$tableos ${c} clients: load average $(load) before"
  bench tableos "$url" "$c" "$files" "$(big_for "$c")" |
    tee "$work/tableos-$c.out" >&2
  report "$tableos" "$work/tableos-$c.out" "$c"
done

echo "TableOS, $nodes node(s), through the FUSE mount" >&2
mkdir -p "$mnt"
"$launcher" mount "$mnt" --dir "$work/cluster" >&2
for c in $clients; do
  note "$mount_system ${c} clients: load average $(load) before"
  bench mount "$mnt" "$c" "$files" "$(big_for "$c")" | tee "$work/mount-$c.out" >&2
  report "$mount_system" "$work/mount-$c.out" "$c"
done
"$launcher" umount "$mnt" >&2

for system in postgresql ext4 "$tableos" "$mount_system"; do
  case "$system" in postgresql) out="$work/postgres-$first.out" ;; ext4) out="$work/ext4-$first.out" ;;
    "$mount_system") out="$work/mount-$first.out" ;; *) out="$work/tableos-$first.out" ;; esac
  result "seq-write-${big_mb}MB" "$system" mb_per_s "$(value seq_write_mb_per_second "$out")" MB/s
  result "seq-read-${big_mb}MB" "$system" mb_per_s "$(value seq_read_mb_per_second "$out")" MB/s
done
compare "$tableos" postgresql
compare "$tableos" ext4
compare "$mount_system" postgresql
compare "$mount_system" ext4

note "demo: load average $(load) before"
# shellcheck disable=SC2086
java -Xmx1g -cp "$bench_cp" io.tableos.perf.fs.TreeQueryDemo "$url" "$ext4_dir" $demo | tee "$work/demo.out" >&2
result tree-question sql-fs.files query_ms "$(value demo_sql_ms "$work/demo.out")" ms
result tree-question nio-walk-tableos query_ms "$(value demo_nio_walk_ms "$work/demo.out")" ms
result tree-question find-ext4 query_ms "$(value demo_find_ext4_ms "$work/demo.out")" ms
note "demo: $(value demo_files "$work/demo.out") files; answer (top:count:bytes of files over 8 KB) $(value demo_answer "$work/demo.out")"
note "load average after: $(load) ($(nproc) CPUs, shared with other engineers' builds)"
