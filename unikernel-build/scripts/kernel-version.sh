#!/bin/sh
# Prints the newest installed kernel version that has both /boot/vmlinuz-<v> and /lib/modules/<v>.
set -eu
for image in $(ls /boot/vmlinuz-* 2>/dev/null | sort -rV); do
    version="${image#/boot/vmlinuz-}"
    if [ -f "/lib/modules/$version/modules.dep" ]; then
        echo "$version"
        exit 0
    fi
done
echo "kernel-version: no /boot/vmlinuz-* with modules (apt-get install linux-image-cloud-amd64)" >&2
exit 1
