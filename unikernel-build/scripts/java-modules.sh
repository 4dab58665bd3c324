#!/bin/sh
# java-modules.sh <jdk> <node-jar> <lib-dir> <extra-modules>: the comma-separated module list
# to jlink: what jdeps sees the node jar and its dependency jars use statically, plus the
# extras (modules reached only by reflection or service lookup). Without the jar yet (first
# build, before mvn package), prints java.base plus the extras; the config stamp then changes
# once the jar exists and the runtime is rebuilt with the full list.
set -eu
jdk="$1"; jar="$2"; lib="$3"; extra="$4"
found="java.base"
if [ -f "$jar" ]; then
    if [ -n "$lib" ] && [ -d "$lib" ]; then
        found=$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 \
            --class-path "$lib/*" "$jar" 2>/dev/null | tail -1)
    else
        found=$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 17 "$jar" 2>/dev/null | tail -1)
    fi
fi
echo "$found,$extra" | tr ',' '\n' | grep -v '^$' | LC_ALL=C sort -u | paste -sd, -
