#!/usr/bin/env bash
# perf suite "msg" (perf/run.sh): pgmq on one TableOS node beside one PostgreSQL, then on three
# nodes beside PostgreSQL with two synchronous standbys (perf/msg/compare.sh).
set -e
"$(dirname "${BASH_SOURCE[0]}")/compare.sh" --config both "$@"
