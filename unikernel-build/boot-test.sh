#!/bin/bash
# boot-test.sh: builds the image and one data disk, boots ONE node VM, waits until the JVM
# inside serves its forwarded port, prints the timings and sizes, then powers the VM off
# through the node itself (DeviceReport's "poweroff" command -> sysrq sync/remount/off).
# Environment: ACCEL (tcg; auto probes KVM), MEMORY (512M), CPUS (1), SQL_PORT (25432),
# RAFT_PORT (26001), READY_TIMEOUT (180 s), RUNTIME_PLACEMENT (disk|initramfs), SKIP_BUILD=1,
# APPEND (more kernel command-line words, e.g. 'tableos.jvmopts="-Xshare:off"').
# Exit status 0 only if the node became ready, answered over TCP, and QEMU exited by itself.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
ACCEL="${ACCEL:-tcg}" MEMORY="${MEMORY:-512M}" CPUS="${CPUS:-1}"
SQL_PORT="${SQL_PORT:-25432}" RAFT_PORT="${RAFT_PORT:-26001}" READY_TIMEOUT="${READY_TIMEOUT:-180}"
RUNTIME_PLACEMENT="${RUNTIME_PLACEMENT:-disk}"
build="$here/build"
log="$build/boot-test.serial.log"
pidfile="$build/boot-test.pid"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

if [ -z "${SKIP_BUILD:-}" ]; then
    make -s image RUNTIME_PLACEMENT="$RUNTIME_PLACEMENT"
    make -s disk NODE=1 SIZE=1G
fi

# Ask the node over the forwarded port (bash /dev/tcp: no netcat needed).
ask() {  # ask <text-to-send>
    exec 3<>"/dev/tcp/127.0.0.1/$SQL_PORT" || return 1
    printf '%s\n' "$1" >&3
    timeout 10 cat <&3
    exec 3<&-
}

rm -f "$log" "$pidfile"
start=$(now)
"$here/../cluster-launcher/vm/qemu-node.sh" --index 1 --image-dir "$build" --disk "$build/disks/node1.img" \
    --memory "$MEMORY" --cpus "$CPUS" --accel "$ACCEL" --sql-port "$SQL_PORT" --raft-port "$RAFT_PORT" \
    --serial "$log" --pidfile "$pidfile" --append "${APPEND:-}" --foreground &
qemu=$!
trap 'kill $qemu 2>/dev/null || true' EXIT

ready=""
while kill -0 "$qemu" 2>/dev/null; do
    if grep -q TABLEOS-READY "$log" 2>/dev/null; then ready=$(elapsed "$start"); break; fi
    if [ "$(elapsed "$start" | cut -d. -f1)" -ge "$READY_TIMEOUT" ]; then break; fi
    sleep 0.05
done
if [ -z "$ready" ]; then
    echo "boot-test: FAIL: no TABLEOS-READY within ${READY_TIMEOUT}s; console:" >&2
    tail -30 "$log" >&2
    exit 1
fi
rss_kb=$(awk '/VmRSS/ { print $2 }' "/proc/$(cat "$pidfile")/status" 2>/dev/null || echo "?")
report=$(ask report)
echo "$report" | grep -q '^device block vda virtio_blk' || { echo "boot-test: FAIL: bad report: $report" >&2; exit 1; }
off_start=$(now)
ask poweroff >/dev/null
for _ in $(seq 600); do kill -0 "$qemu" 2>/dev/null || break; sleep 0.05; done
if kill -0 "$qemu" 2>/dev/null; then echo "boot-test: FAIL: VM did not power off" >&2; exit 1; fi
trap - EXIT
wait "$qemu" || true
off=$(elapsed "$off_start")

echo "boot-test: OK accel=$ACCEL memory=$MEMORY cpus=$CPUS placement=$RUNTIME_PLACEMENT"
echo "  qemu start -> JVM serving:   ${ready}s (host clock)"
echo "  $(grep -o 'exec java at uptime [0-9.]*s' "$log" | sed 's/^/kernel boot -> init execs java: /')"
echo "  $(grep -o 'TABLEOS-READY.*' "$log")"
echo "  poweroff command -> qemu exit: ${off}s"
echo "  qemu RSS at ready: ${rss_kb} kB"
echo "  node report over 127.0.0.1:$SQL_PORT:"
echo "$report" | sed 's/^/    /'
echo "  image sizes:"
make -s sizes RUNTIME_PLACEMENT="$RUNTIME_PLACEMENT" | tail -n +2
