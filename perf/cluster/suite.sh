#!/usr/bin/env bash
# perf suite "cluster" (perf/run.sh): PostgreSQL with two synchronous standbys beside a 3-node
# TableOS cluster (and both single-node), then where the cluster's CPU per transaction goes,
# then failover time over 10 leader kills.
set -e
dir="$(dirname "${BASH_SOURCE[0]}")"
"$dir/pgbench.sh" "$@"
"$dir/cpu-breakdown.sh"
"$dir/failover.sh"
