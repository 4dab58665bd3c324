#!/bin/sh
# qemu-node.sh: boots one TableOS node VM (image from unikernel-build `make image`).
#
#   qemu-node.sh --index N --image-dir DIR --disk PATH [options]
#     --memory 1G            guest RAM (-m); the JVM heap defaults to half of it (tableos.xmx= overrides)
#     --cpus 1               vCPUs (-smp)
#     --accel auto|kvm|tcg   auto runs kvm-probe.sh
#     --sql-port P           node's SQL port; forwarded 127.0.0.1:P -> guest :P (default 15432+N-1)
#     --raft-port P          node's Raft port; forwarded the same way (default 16001+N-1)
#     --forward H:G          extra forward 127.0.0.1:H -> guest :G (repeatable)
#     --peers LIST           tableos.peers value: id=host:raftPort:sqlPort,... (names like node2
#                            resolve in the guest: its own to itself, others to the gateway)
#     --password-file F      the database password, passed through QEMU fw_cfg (never on the
#                            kernel line, which the host's ps shows); the node reads it from sysfs
#     --net user|bridge      user: QEMU NAT + host forwards (default, no root); bridge: tap device
#     --tap IF               bridge mode: existing tap interface (the caller creates it, as root)
#     --ip A/PREFIX          guest address (default 10.0.2.15/24); --gw A gateway (default 10.0.2.2)
#     --xmx SIZE             JVM heap (default: init's 50% of RAM)
#     --serial PATH          serial console log (default DIR/node<N>.serial.log)
#     --qmp PATH             QMP unix socket (stop/cont/set_link nic0 off|on/quit)
#     --pidfile PATH         QEMU's pid (default DIR/node<N>.pid)
#     --append "WORDS"       more kernel command-line words (tableos.jvmopts="...", tableos.xmx=...)
#     --foreground           do not daemonize (the caller backgrounds and waits)
#
# Ports: a node listens inside the guest on the same port numbers it is reached at on the host
# (hostfwd 127.0.0.1:P -> :P), so tableos.peers can name one address per node that works from
# every guest (10.0.2.2 is the host as seen from QEMU user networking) and from the host
# (127.0.0.1). Node 1 gets 15432/16001, node 2 15433/16002, and so on.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"

index="" image_dir="" disk="" memory="1G" cpus="1" accel="auto" sql_port="" raft_port=""
forwards="" peers="" serial="" qmp="" pidfile="" append="" foreground=""
password_file="" net="user" tap="" ip="" gw="" xmx=""
while [ $# -gt 0 ]; do
    case "$1" in
        --index) index="$2"; shift ;;
        --image-dir) image_dir="$2"; shift ;;
        --disk) disk="$2"; shift ;;
        --memory) memory="$2"; shift ;;
        --cpus) cpus="$2"; shift ;;
        --accel) accel="$2"; shift ;;
        --sql-port) sql_port="$2"; shift ;;
        --raft-port) raft_port="$2"; shift ;;
        --forward) forwards="$forwards $2"; shift ;;
        --peers) peers="$2"; shift ;;
        --password-file) password_file="$2"; shift ;;
        --net) net="$2"; shift ;;
        --tap) tap="$2"; shift ;;
        --ip) ip="$2"; shift ;;
        --gw) gw="$2"; shift ;;
        --xmx) xmx="$2"; shift ;;
        --serial) serial="$2"; shift ;;
        --qmp) qmp="$2"; shift ;;
        --pidfile) pidfile="$2"; shift ;;
        --append) append="$2"; shift ;;
        --foreground) foreground=1 ;;
        *) echo "qemu-node: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done
[ -n "$index" ] && [ -n "$image_dir" ] && [ -n "$disk" ] || {
    echo "usage: qemu-node.sh --index N --image-dir DIR --disk PATH [options]" >&2; exit 2; }
[ -f "$image_dir/image.env" ] || { echo "qemu-node: $image_dir/image.env missing (make image)" >&2; exit 1; }
[ -f "$disk" ] || { echo "qemu-node: data disk $disk missing (make disk NODE=$index)" >&2; exit 1; }
. "$image_dir/image.env"

sql_port="${sql_port:-$((15432 + index - 1))}"
raft_port="${raft_port:-$((16001 + index - 1))}"
serial="${serial:-$image_dir/node$index.serial.log}"
pidfile="${pidfile:-$image_dir/node$index.pid}"

if [ "$accel" = auto ]; then
    accel=$("$here/kvm-probe.sh" "$KERNEL")
fi
case "$accel" in
    kvm) accel_args="-accel kvm -cpu host" ;;
    tcg) accel_args="-accel tcg -cpu max" ;;
    *) echo "qemu-node: --accel must be auto, kvm or tcg" >&2; exit 2 ;;
esac

hostfwd="hostfwd=tcp:127.0.0.1:$sql_port-:$sql_port,hostfwd=tcp:127.0.0.1:$raft_port-:$raft_port"
for pair in $forwards; do
    hostfwd="$hostfwd,hostfwd=tcp:127.0.0.1:${pair%%:*}-:${pair#*:}"
done

cmdline="console=ttyS0 panic=1 quiet tableos.node=$index tableos.sqlport=$sql_port tableos.raftport=$raft_port"
[ -n "$peers" ] && cmdline="$cmdline tableos.peers=$peers"
[ -n "$ip" ] && cmdline="$cmdline tableos.ip=$ip"
[ -n "$gw" ] && cmdline="$cmdline tableos.gw=$gw"
[ -n "$xmx" ] && cmdline="$cmdline tableos.xmx=$xmx"
# fw_cfg name "opt/<org>/..." is the namespace QEMU reserves for users; the guest's
# qemu_fw_cfg driver shows it under /sys/firmware/qemu_fw_cfg/by_name/<name>/raw.
fw_cfg_name="opt/io.tableos/password"
[ -n "$password_file" ] && cmdline="$cmdline tableos.passwordfile=/sys/firmware/qemu_fw_cfg/by_name/$fw_cfg_name/raw"
[ -n "$append" ] && cmdline="$cmdline $append"

# A MAC per node only to tell the nodes apart in logs; user networking does not care.
mac=$(printf '52:54:00:7a:%02x:%02x' $((index / 256 % 256)) $((index % 256)))

set -- $accel_args -M pc -m "$memory" -smp "$cpus" \
    -nodefaults -no-user-config -display none -no-reboot \
    -kernel "$KERNEL" -initrd "$INITRD" -append "$cmdline" \
    -drive "id=data,file=$disk,if=virtio,format=raw,cache=writeback,discard=unmap"
[ -n "$RUNTIME_DISK" ] && set -- "$@" -drive "id=runtime,file=$RUNTIME_DISK,if=virtio,format=raw,readonly=on"
case "$net" in
    user) netdev="user,id=net0,$hostfwd" ;;
    bridge)
        [ -n "$tap" ] || { echo "qemu-node: --net bridge needs --tap IF" >&2; exit 2; }
        netdev="tap,id=net0,ifname=$tap,script=no,downscript=no" ;;
    *) echo "qemu-node: --net must be user or bridge" >&2; exit 2 ;;
esac
[ -n "$password_file" ] && set -- "$@" -fw_cfg "name=$fw_cfg_name,file=$password_file"
set -- "$@" -netdev "$netdev" -device "virtio-net-pci,id=nic0,netdev=net0,mac=$mac" \
    -object rng-random,id=rng0,filename=/dev/urandom -device virtio-rng-pci,rng=rng0 \
    -serial "file:$serial" -pidfile "$pidfile"
[ -n "$qmp" ] && set -- "$@" -qmp "unix:$qmp,server=on,wait=off"
[ -z "$foreground" ] && set -- "$@" -daemonize

echo "qemu-node: node $index accel=$accel net=$net mem=$memory cpus=$cpus sql=127.0.0.1:$sql_port raft=127.0.0.1:$raft_port serial=$serial" >&2
exec qemu-system-x86_64 "$@"
