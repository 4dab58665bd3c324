#!/usr/bin/env bash
# perf suite "bigtxn" (perf/run.sh): one transaction updating every row of a 1M-row table, TableOS beside PostgreSQL.
set -e
"$(dirname "${BASH_SOURCE[0]}")/compare.sh" "$@"
