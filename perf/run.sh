#!/usr/bin/env bash
# `make perf`: runs perf suites one after another and builds one report from their result lines.
# A suite is any executable perf/<name>/suite.sh; it prints RESULT/COMPARE/NOTE lines (format in
# perf/README.md) among whatever else it prints. Each suite's output goes to
# perf/report/<UTC time>/<name>.log, then perf/report/report.py writes report.md and PNG charts
# there. A failing suite is reported and the others still run; the exit status says if any failed.
# usage: perf/run.sh [SUITE...]   (default: every perf/*/suite.sh, in name order)
set -uo pipefail
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$home/scripts/setup.sh" perf || exit 1
suites=("$@")
if [ ${#suites[@]} -eq 0 ]; then
  for script in "$home"/perf/*/suite.sh; do suites+=("$(basename "$(dirname "$script")")"); done
fi
run_dir="$home/perf/report/$(date -u +%Y-%m-%d-%H%M)"
mkdir -p "$run_dir"
{
  echo "commit $(git -C "$home" rev-parse --short HEAD)$(git -C "$home" diff --quiet HEAD || echo ' (with uncommitted changes)')"
  echo "host: $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo) RAM, $(uname -r)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "suites: ${suites[*]}"
} > "$run_dir/machine.txt"
failed=()
for suite in "${suites[@]}"; do
  script="$home/perf/$suite/suite.sh"
  [ -x "$script" ] || { echo "run.sh: no suite $suite ($script)" >&2; failed+=("$suite"); continue; }
  echo "run.sh: suite $suite ($(date -u +%T))" >&2
  "$script" 2>&1 | tee "$run_dir/$suite.log" || failed+=("$suite")
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$run_dir/machine.txt"
[ ${#failed[@]} -eq 0 ] || echo "failed suites: ${failed[*]}" >> "$run_dir/machine.txt"
python3 "$home/perf/report/report.py" "$run_dir"
[ ${#failed[@]} -eq 0 ] || { echo "run.sh: failed suites: ${failed[*]}" >&2; exit 1; }
