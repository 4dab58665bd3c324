#!/usr/bin/env bash
# Runs the reminder workflow (DBOS Transact) against the cluster `make run` (or `make run-local`)
# started: its system database is that TableOS cluster.
# usage: examples/dbos-reminder/run.sh [--email E] [--delay-seconds N] [--workflow-id ID] [--dir CLUSTER_DIR]
set -euo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="$home/.tableos/cluster"; args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    --email|--delay-seconds|--workflow-id) args+=("$1" "$2"); shift 2 ;;
    *) echo "run.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done
[[ " ${args[*]} " == *" --email "* ]] || args+=(--email someone@example.com)
url=$("$home/cluster-launcher/tableos-cluster" url --dir "$dir" | awk -F'JDBC_URL=' '/^JDBC_URL=/ {print $2}')
[ -n "$url" ] || { echo "run.sh: no cluster in $dir (run: make run, or make run-local)" >&2; exit 1; }
cd "$home"
mvn -q -B -pl examples/dbos-reminder -am -DskipTests package >&2
mvn -q -B -pl examples/dbos-reminder dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
cp="examples/dbos-reminder/target/classes:$(cat examples/dbos-reminder/target/classpath.txt)"
# The user and password travel in the URL the launcher prints; DBOS wants them apart too.
user=$(sed -n 's/.*[?&]user=\([^&]*\).*/\1/p' <<<"$url"); password=$(cat "$dir/password")
exec java -cp "$cp" io.tableos.examples.reminder.ReminderApp --url "${url%%\?*}?targetServerType=primary" \
  --user "$user" --password "$password" "${args[@]}"
