#!/usr/bin/env bash
# perf suite "queue" (perf/run.sh): the job-queue workload (compare.sh), N = 1M (QUEUE_TASKS
# overrides), beside one PostgreSQL server on 1 and on 3 TableOS nodes; compare.sh's table
# becomes RESULT lines (systems postgresql, tableos-1, tableos-3).
set -eo pipefail
dir="$(dirname "${BASH_SOURCE[0]}")"
bench_suite=queue
source "$dir/../lib/results.sh"
for nodes in 1 3; do
  out=$("$dir/compare.sh" --nodes "$nodes" --tasks "${QUEUE_TASKS:-1000000}" "$@" | tee /dev/stderr)
  while read -r metric pg t _; do
    case $metric in
      tasks_per_s) unit=tasks/s ;; claim_p50_ms|claim_p99_ms) unit=ms ;; insert_rows_per_s) unit=rows/s ;; *) continue ;;
    esac
    result job-queue postgresql "$metric" "${pg:-n/a}" "$unit"
    result job-queue "tableos-$nodes" "$metric" "${t:-n/a}" "$unit"
  done <<<"$out"
  compare "tableos-$nodes" postgresql
done
note "load average at the end $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
