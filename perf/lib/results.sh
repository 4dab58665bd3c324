# Machine-readable result lines (the format perf/README.md defines; perf/report/report.py reads
# them) and the CPU accounting every suite shares (source this file; set bench_suite first).
#
#   result WORKLOAD SYSTEM METRIC VALUE UNIT   RESULT line
#   compare SYSTEM BASELINE                    COMPARE line: the report shows SYSTEM / BASELINE
#   note TEXT...                               NOTE line (free text, e.g. machine load)
#   cpu_ticks PID...                           CPU clock ticks used so far by these processes,
#                                              their reaped children and their live children
#   machine_ticks                              "busy total" clock ticks of the whole machine
bench_suite=${bench_suite:-unknown}
clock_ticks_per_second=$(getconf CLK_TCK)

result() {
  printf 'RESULT suite=%s workload=%s system=%s metric=%s value=%s unit=%s\n' "$bench_suite" "$1" "$2" "$3" "$4" "$5"
}
compare() { printf 'COMPARE suite=%s system=%s baseline=%s\n' "$bench_suite" "$1" "$2"; }
note() { printf 'NOTE suite=%s %s\n' "$bench_suite" "$*"; }

# proc_ticks PID WITH_REAPED_CHILDREN: utime+stime (fields 14, 15 of /proc/PID/stat), plus
# cutime+cstime (16, 17) when asked. The comm field may hold spaces, so fields count from ") ".
proc_ticks() {
  awk -v reaped="$2" '{ sub(/^.*\) /, ""); t = $12 + $13; if (reaped) t += $14 + $15; print t }' \
    "/proc/$1/stat" 2>/dev/null || echo 0
}

# A PostgreSQL server's backends are the postmaster's children: live ones are read directly,
# exited ones are in the postmaster's cutime once it reaped them (wait for that before reading).
cpu_ticks() {
  local total=0 pid child
  for pid in "$@"; do
    total=$((total + $(proc_ticks "$pid" 1)))
    for child in $(ps -o pid= --ppid "$pid"); do total=$((total + $(proc_ticks "$child" 0))); done
  done
  echo "$total"
}

machine_ticks() { awk '/^cpu / { busy = $2 + $3 + $4 + $7 + $8 + $9; print busy, busy + $5 + $6; exit }' /proc/stat; }

# ms_per ticks count: milliseconds of CPU per unit (3 decimals)
ms_per() { awk -v t="$1" -v n="$2" -v hz="$clock_ticks_per_second" 'BEGIN { if (n > 0) printf "%.3f", t * 1000 / hz / n; else print "n/a" }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0 && a != "") printf "%.2f", a / b; else print "n/a" }'; }
