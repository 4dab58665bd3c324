#!/bin/sh
# build-initramfs.sh <out.cpio.gz> <kernel-version> <runtime-stage> <with-opt: yes|no> <module>...
# Builds the initramfs without root: a directory tree packed by cpio with owner forced to
# root (-R 0:0), followed by a second, hand-written newc archive holding /dev/console (an
# unprivileged user cannot mknod; the kernel unpacks concatenated archives in order).
# Contents: busybox (only for /init), the modules and their load order, /init, the host
# shared libraries the staged JVM links against (the dynamic loader's path is fixed, so they
# must be in the root file system whatever the placement), and with <with-opt>=yes the
# stage's /opt (JVM + application) instead of a separate runtime disk.
set -eu
out="$1"; version="$2"; runtime="$3"; with_opt="$4"; shift 4
here="$(cd "$(dirname "$0")" && pwd)"
root="$out.d"
rm -rf "$root"
mkdir -p "$root/bin" "$root/dev" "$root/proc" "$root/sys" "$root/opt" "$root/etc" "$root/tmp" "$root/lib/modules"

cp /bin/busybox "$root/bin/busybox"
for applet in sh mount insmod ip hostname udhcpc mkdir cat cut echo poweroff usleep sync; do
    ln -s busybox "$root/bin/$applet"
done
cp "$here/init" "$root/init"
cp "$here/udhcpc-apply" "$root/bin/udhcpc-apply"
chmod 755 "$root/init" "$root/bin/udhcpc-apply"

: > "$root/lib/modules/load-order"
for path in $("$here/resolve-modules.sh" "$version" "$@"); do
    name=$(basename "$path")
    src="/lib/modules/$version/$path"
    # busybox insmod cannot read compressed modules: unpack .xz/.zst/.gz here.
    case "$name" in
        *.ko.xz)  xz -dc "$src" > "$root/lib/modules/${name%.xz}"; name="${name%.xz}" ;;
        *.ko.zst) zstd -qdc "$src" > "$root/lib/modules/${name%.zst}"; name="${name%.zst}" ;;
        *.ko.gz)  gzip -dc "$src" > "$root/lib/modules/${name%.gz}"; name="${name%.gz}" ;;
        *)        cp "$src" "$root/lib/modules/$name" ;;
    esac
    echo "$name" >> "$root/lib/modules/load-order"
done

# System libraries of every ELF file in the runtime, at the paths ldd reports (including the
# loader /lib64/ld-linux-x86-64.so.2); the runtime's own libraries resolve via $ORIGIN.
# The application's jars carry native libraries too (Netty's epoll transport, also shaded in
# Ratis), unpacked at run time: without their system libraries (libdl.so.2, librt.so.1) they
# fail to load and Netty falls back on NIO, so they are listed here as well.
natives="$out.natives"
rm -rf "$natives"; mkdir -p "$natives"
for jar in $(find "$runtime/opt" -name '*.jar'); do
    for entry in $(unzip -Z1 "$jar" 2>/dev/null | grep -E '^META-INF/native/lib[^/]*x86_64\.so$'); do
        unzip -o -q "$jar" "$entry" -d "$natives/$(basename "$jar")"
    done
done
for elf in $(find "$runtime/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \)) $(find "$natives" -name '*.so'); do
    ldd "$elf" 2>/dev/null | sed -n 's:.*=> \(/[^ ]*\) .*:\1:p; s:^[[:space:]]*\(/[^ ]*\) (.*:\1:p'
done | grep -v "^$(cd "$runtime" && pwd)" | LC_ALL=C sort -u > "$out.libs"
rm -rf "$natives"
while read -r lib; do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
done < "$out.libs"
[ -e "$root/lib64/ld-linux-x86-64.so.2" ] || { echo "build-initramfs: dynamic loader not found by ldd" >&2; exit 1; }

if [ "$with_opt" = yes ]; then
    cp -a "$runtime/opt/." "$root/opt/"
fi

# newc header: magic, then 13 eight-digit hex fields, then the NUL-terminated name, padded to 4.
newc_entry() {  # newc_entry <name> <mode-hex> <rdevmajor> <rdevminor>
    namesize=$(( ${#1} + 1 ))
    printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%s\0' \
        1 "0x$2" 0 0 1 0 0 0 0 "$3" "$4" "$namesize" 0 "$1"
    pad=$(( (4 - (110 + namesize) % 4) % 4 ))
    [ "$pad" -gt 0 ] && head -c "$pad" /dev/zero
    return 0
}
{
    (cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet)
    newc_entry dev/console 2180 5 1
    newc_entry TRAILER!!! 0 0 0
} | gzip -6 > "$out"
echo "build-initramfs: $(du -h "$out" | cut -f1) compressed, $(du -sh "$root" | cut -f1) unpacked"
