#!/usr/bin/env bash
# perf suite "workflows" (perf/run.sh): DBOS Transact on PostgreSQL (alone and with 2 synchronous
# standbys) and on TableOS (1 and 3 nodes).
exec "$(dirname "${BASH_SOURCE[0]}")/compare.sh" "$@"
