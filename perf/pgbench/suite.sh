#!/usr/bin/env bash
# perf suite "pgbench" (perf/run.sh): one TableOS node beside one PostgreSQL server.
exec "$(dirname "${BASH_SOURCE[0]}")/compare.sh" "$@"
