#!/usr/bin/env bash
# perf suite "batch" (perf/run.sh): 100K-row inserts through pgJDBC batches, rewritten batches
# and COPY (compare.sh), one TableOS node beside one PostgreSQL server; compare.sh's table
# becomes RESULT lines (workloads batch, rewrite, copy; metric rows_per_s).
set -eo pipefail
dir="$(dirname "${BASH_SOURCE[0]}")"
bench_suite=batch
source "$dir/../lib/results.sh"
out=$("$dir/compare.sh" "$@" | tee /dev/stderr)
while read -r mode pg t _; do
  case $mode in batch|rewrite|copy) ;; *) continue ;; esac
  result "$mode" postgresql rows_per_s "${pg:-n/a}" rows/s
  result "$mode" tableos-1 rows_per_s "${t:-n/a}" rows/s
done <<<"$out"
compare tableos-1 postgresql
note "load average at the end $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
