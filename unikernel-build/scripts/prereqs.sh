#!/bin/sh
# Checks the host tools the image build needs. As root, installs what is missing with apt-get;
# otherwise names the Debian packages to install and fails. Package names verified on Debian 12.
set -eu
JDK="${JDK:-/usr/lib/jvm/java-17-openjdk-amd64}"

missing=""
need() {  # need <test-command...> -- <package>
    package="$1"; shift
    if ! "$@" >/dev/null 2>&1; then
        missing="$missing $package"
    fi
}
has_kernel() { ls /boot/vmlinuz-* >/dev/null 2>&1 && ls -d /lib/modules/*/kernel >/dev/null 2>&1; }
static_busybox() { [ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1; }

need qemu-system-x86  command -v qemu-system-x86_64
need qemu-utils       command -v qemu-img
need linux-image-cloud-amd64 has_kernel
need busybox-static   static_busybox
need cpio             command -v cpio
need unzip            command -v unzip
need e2fsprogs        test -x /sbin/mke2fs
need openjdk-17-jdk-headless test -x "$JDK/bin/jlink"

[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "prereqs: installing$missing"
    # A fresh container has empty package lists: update once if the first attempt fails.
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing \
        || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing; }
    exit 0
fi
echo "prereqs: missing Debian packages:$missing" >&2
echo "prereqs: run as root: apt-get install -y --no-install-recommends$missing" >&2
exit 1
