#!/usr/bin/env bash
# Runs the JMH micro-benchmarks (perf/src/main/java/io/tableos/perf/{storage,exec,commit}).
# usage: perf/jmh.sh [JMH options and benchmark regexps, e.g. KeyCodec -f 1 -wi 3 -i 5]
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$home"
ls perf/target/perf-*.jar >/dev/null 2>&1 || mvn -q -B -pl perf -am -DskipTests package >&2
cp_file=perf/target/classpath.txt
[ -f "$cp_file" ] || mvn -q -B -pl perf dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
exec java -cp "perf/target/classes:$(cat "$cp_file")" $(cat db-node/target/jvm.options) org.openjdk.jmh.Main "$@"
