#!/bin/sh
# cds-train.sh <stage-dir>: runs the staged node once on the host with the staged (jlinked)
# runtime, from <stage-dir> as working directory, and writes the classes it loaded to
# opt/tableos/app.jsa (-XX:ArchiveClassesAtExit). The node gets its settings as -Dtableos.*
# properties, the way a VM node gets them from the kernel line (one node, trust auth, a scratch
# data directory). Once it prints TRAIN_MARKER (default TABLEOS-READY) the statements of
# scripts/train.sql are run through psql (skipped if psql is missing) so query, commit and
# catalog classes are archived too; then SIGTERM makes the JVM exit, which is when it writes
# the archive. On success the archive is appended to jvm.options; on failure the image still
# works with the runtime's base archive only.
set -eu
stage="$(cd "$1" && pwd)"
here="$(cd "$(dirname "$0")" && pwd)"
TRAIN_MARKER="${TRAIN_MARKER:-TABLEOS-READY}"
TRAIN_SECONDS="${TRAIN_SECONDS:-120}"
EXIT_SECONDS="${EXIT_SECONDS:-60}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A Raft port unlikely to collide with a running cluster (SQL takes any free port).
raft_port=$((30000 + $$ % 20000))

cd "$stage"
rm -f opt/tableos/app.jsa
opt/java/bin/java @opt/tableos/jvm.options -XX:ArchiveClassesAtExit=opt/tableos/app.jsa \
    -Dtableos.node=1 -Dtableos.sqlport=0 -Dtableos.raftport="$raft_port" -Dtableos.auth=trust \
    -Dtableos.host=127.0.0.1 -Dtableos.datadir="$work/data" \
    @opt/tableos/main.args > "$work/out" 2>&1 </dev/null &
pid=$!
waited=0
while kill -0 "$pid" 2>/dev/null && ! grep -q "$TRAIN_MARKER" "$work/out"; do
    [ "$waited" -ge $((TRAIN_SECONDS * 10)) ] && break
    sleep 0.1
    waited=$((waited + 1))
done
sql_port=$(sed -n 's/.*TABLEOS-READY sql=[^ ]*:\([0-9]*\).*/\1/p' "$work/out" | head -1)
if [ -n "$sql_port" ] && command -v psql >/dev/null 2>&1; then
    if psql -X -q -h 127.0.0.1 -p "$sql_port" -U tableos -d tableos -f "$here/train.sql" >"$work/sql.out" 2>&1; then
        echo "cds-train: ran $(grep -c ';' "$here/train.sql") training statements"
    else
        echo "cds-train: some training statements failed (archive still written):" >&2
        grep -i error "$work/sql.out" | head -5 >&2
    fi
fi
kill -TERM "$pid" 2>/dev/null || true
waited_exit=0
while kill -0 "$pid" 2>/dev/null && [ "$waited_exit" -lt $((EXIT_SECONDS * 10)) ]; do
    sleep 0.1
    waited_exit=$((waited_exit + 1))
done
kill -KILL "$pid" 2>/dev/null || true
wait "$pid" || true
if [ -s opt/tableos/app.jsa ]; then
    echo "-XX:SharedArchiveFile=/opt/java/lib/server/classes.jsa:/opt/tableos/app.jsa" >> opt/tableos/jvm.options
    echo "cds-train: app.jsa $(du -h opt/tableos/app.jsa | cut -f1) after $((waited / 10))s to ready, $((waited_exit / 10))s to exit"
else
    echo "cds-train: no archive written; training output:" >&2
    tail -20 "$work/out" >&2
fi
