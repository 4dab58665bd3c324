#!/bin/sh
# make-disk.sh <image> <size> <label> [<source-dir>]: a sparse ext4 image made without root
# (mke2fs writes a regular file; -d copies a directory in). With a source directory the image
# is the read-only runtime disk (no journal: it is never written); without, it is an empty
# data disk owned by root with no reserved blocks. Refuses to overwrite an existing image, so
# `make disk` never wipes a node's data; delete the file to start over.
set -eu
image="$1"; size="$2"; label="$3"; source="${4:-}"
MKE2FS="${MKE2FS:-/sbin/mke2fs}"
if [ -e "$image" ] && [ -z "$source" ]; then
    echo "make-disk: $image exists; keeping it (remove it to recreate)"
    exit 0
fi
mkdir -p "$(dirname "$image")"
rm -f "$image"
truncate -s "$size" "$image"
if [ -n "$source" ]; then
    "$MKE2FS" -q -F -t ext4 -O ^has_journal -L "$label" -m 0 -E root_owner=0:0 -d "$source" "$image"
else
    "$MKE2FS" -q -F -t ext4 -L "$label" -m 0 -E root_owner=0:0 "$image"
fi
echo "make-disk: $image ($size, $(du -h "$image" | cut -f1) allocated)"
