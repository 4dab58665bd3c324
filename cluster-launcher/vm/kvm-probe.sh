#!/bin/sh
# kvm-probe.sh [kernel]: prints "kvm" if a KVM guest really runs here, else "tcg".
# /dev/kvm existing is not enough: under nested virtualisation guests can hang forever. So
# boot a kernel (no initrd) with -accel kvm under a timeout and require its first console
# line ("Linux version") on the serial port. Exit status is 0 either way.
set -u
kernel="${1:-}"
timeout_seconds="${KVM_PROBE_TIMEOUT:-10}"
if [ -z "$kernel" ]; then
    kernel=$(ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -1)
fi
if [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ] || [ -z "$kernel" ] || [ ! -r "$kernel" ]; then
    echo tcg
    exit 0
fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
timeout -s KILL "$timeout_seconds" qemu-system-x86_64 -accel kvm -cpu host -m 128M -smp 1 \
    -nodefaults -no-user-config -display none -no-reboot \
    -kernel "$kernel" -append "console=ttyS0 earlyprintk=ttyS0 panic=-1" \
    -serial "file:$log" >/dev/null 2>&1 &
pid=$!
while kill -0 "$pid" 2>/dev/null; do
    if grep -q "Linux version" "$log" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        echo kvm
        exit 0
    fi
    sleep 0.1
done
wait "$pid" 2>/dev/null
echo tcg
