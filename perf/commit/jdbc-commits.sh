#!/usr/bin/env bash
# Commits/s of single-row autocommit INSERTs through pgJDBC from 1 and 32 clients against a
# running node (issue 2 acceptance). usage: perf/commit/jdbc-commits.sh JDBC_URL [clients,...] [warmup] [measure]
# JDBC_URL as printed by `tableos-cluster up` (it carries user and password).
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
[ $# -ge 1 ] || { echo "usage: $0 JDBC_URL [clients,...] [warmupSeconds] [measureSeconds]" >&2; exit 2; }
cd "$home"
ls perf/target/perf-*.jar >/dev/null 2>&1 || mvn -q -B -o -pl perf -am -DskipTests package >&2
cp_file=perf/target/classpath.txt
[ -f "$cp_file" ] || mvn -q -B -o -pl perf dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
exec java -cp "perf/target/classes:$(cat "$cp_file")" io.tableos.perf.commit.JdbcCommitThroughput "$@"
