#!/usr/bin/env bash
# perf suite "msg" (perf/run.sh): pgmq on one TableOS node beside one PostgreSQL, then on three
# nodes beside PostgreSQL with two synchronous standbys (perf/msg/compare.sh); then topics on
# one node beside the same partitioned log in plain SQL on PostgreSQL (perf/msg/topics.sh).
set -e
here="$(dirname "${BASH_SOURCE[0]}")"
"$here/compare.sh" --config both "$@"
"$here/topics.sh"
