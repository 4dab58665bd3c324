#!/bin/sh
# cds-train.sh <stage-dir>: runs the staged application once on the host with the staged
# (jlinked) runtime, from <stage-dir> as working directory, and writes the classes it loaded
# to opt/tableos/app.jsa (-XX:ArchiveClassesAtExit). The run ends when it prints TRAIN_MARKER
# (default TABLEOS-READY: the node is serving) or after TRAIN_SECONDS; SIGTERM then makes the
# JVM exit normally, which is when it writes the archive. On success the archive is appended
# to jvm.options; on failure the image still works with the runtime's base archive only.
set -eu
stage="$(cd "$1" && pwd)"
TRAIN_MARKER="${TRAIN_MARKER:-TABLEOS-READY}"
TRAIN_SECONDS="${TRAIN_SECONDS:-60}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$stage"
rm -f opt/tableos/app.jsa
# The host stands in for the guest: port 0 so nothing collides, a scratch data directory.
opt/java/bin/java @opt/tableos/jvm.options -XX:ArchiveClassesAtExit=opt/tableos/app.jsa \
    -Dtableos.node=0 -Dtableos.sqlport=0 -Dtableos.raftport=0 -Dtableos.datadir="$work/data" \
    @opt/tableos/main.args > "$work/out" 2>&1 </dev/null &
pid=$!
waited=0
while kill -0 "$pid" 2>/dev/null && ! grep -q "$TRAIN_MARKER" "$work/out"; do
    [ "$waited" -ge $((TRAIN_SECONDS * 10)) ] && break
    sleep 0.1
    waited=$((waited + 1))
done
kill -TERM "$pid" 2>/dev/null || true
wait "$pid" || true
if [ -s opt/tableos/app.jsa ]; then
    echo "-XX:SharedArchiveFile=/opt/java/lib/server/classes.jsa:/opt/tableos/app.jsa" >> opt/tableos/jvm.options
    echo "cds-train: app.jsa $(du -h opt/tableos/app.jsa | cut -f1) after $((waited / 10))s"
else
    echo "cds-train: no archive written; training output:" >&2
    tail -20 "$work/out" >&2
fi
