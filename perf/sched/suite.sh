#!/usr/bin/env bash
# perf suite "sched" (perf/run.sh): the scheduler's task lifecycle, N = 1M (SCHED_TASKS overrides),
# on one TableOS node beside one PostgreSQL server, then on three nodes beside PostgreSQL with
# two synchronous standbys, each running the plain-SQL job queue; idle submit-to-claim latency
# and a dead worker's re-run time in both runs.
set -e
dir="$(dirname "${BASH_SOURCE[0]}")"
tasks=${SCHED_TASKS:-1000000}
"$dir/compare.sh" --nodes 1 --pg-standbys 0 --tasks "$tasks" "$@"
"$dir/compare.sh" --nodes 3 --pg-standbys 2 --tasks "$tasks" "$@"
