# pgbench workloads against several database systems in one run (source this file).
#
# Systems: postgresql (one PostgreSQL 15 server), postgresql-2sync (a primary with two
# synchronous standbys, perf/lib/postgres.sh), tableos-N (a local TableOS cluster of N nodes,
# reached through a multi-host connection string that finds the leader). Workloads: tpcb-C
# (pgbench's TPC-B-like script, C clients, -M $mode), select-C (-S, C clients) and insert-C
# (C clients each committing single-row autocommit INSERTs into a table of their own).
#
#   pgbench_suite SYSTEM... -- WORKLOAD...   measures every workload on every system (system
#                                            by system, each started fresh), printing RESULT
#                                            lines for TPS and for the servers' CPU ms per
#                                            transaction, and NOTE lines with the machine's load
#   pgbench_table SYSTEM... -- CANDIDATE BASELINE WORKLOAD...
#                                            after pgbench_suite: the human-readable tables
#                                            (TPS, CPU ms per transaction), ratio CANDIDATE / BASELINE
#
# Settings, set before calling: scale seconds warmup mode base_port pg_port, and jit_warmup:
# seconds of TPC-B run on a freshly started TableOS system before its first workload (the JVMs
# compile their hot code meanwhile; on 2 shared cores that takes minutes of wall time, and a
# measurement that includes it charges the compiler's CPU to the transactions).
# TableOS runs with -n (no vacuum, history kept) so the money check after its TPC-B workloads
# covers every transaction, warm-ups included.
lib_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$lib_dir/postgres.sh"
source "$lib_dir/results.sh"
source "$lib_dir/../cluster/common.sh"
scale=10; seconds=30; warmup=15; jit_warmup=90; mode=prepared; base_port=15432; pg_port=25432
work="$home/.tableos/perf/pgbench" # pgbench_suite names it after $bench_suite
declare -A tps_of cpu_of
sys_args=(); sys_pids=""

system_up() {
  case "$1" in
    postgresql) pg_up "$work/pg" "$pg_port" 0; sys_args=("${pg_args[@]}") ;;
    postgresql-2sync) pg_up "$work/pg" "$pg_port" 2; sys_args=("${pg_args[@]}") ;;
    tableos-*) cluster_up "$work/cluster" "${1#tableos-}" "$base_port"; sys_args=("$conninfo") ;;
    *) echo "pgbench.sh: unknown system $1" >&2; return 2 ;;
  esac
  sys_pids=$(system_pids "$1")
}

system_pids() {
  case "$1" in
    postgresql*) head -qn 1 "$work/pg"/*/postmaster.pid ;;
    tableos-*) awk 1 "$work/cluster"/node*/pid ;; # the files end without a newline
  esac | tr '\n' ' '
}

system_down() {
  case "$1" in
    postgresql*) pg_down "$work/pg" ;;
    tableos-*) cluster_down "$work/cluster" ;;
  esac
}

# measure WORKLOAD SYSTEM pgbench-args...: an unmeasured warm-up, then the measured run
measure() {
  local workload="$1" system="$2" out ticks0 ticks1 machine0 machine1 n tps ms term0 term1 latency timings0
  shift 2
  [ "$warmup" -gt 0 ] && { pgbench "$@" -T "$warmup" >>"$work/pgbench.log" 2>&1 || true; }
  note "load average before $workload on $system: $(cut -d' ' -f1-3 /proc/loadavg)"
  [[ "$system" == tableos-* ]] && term0=$(cluster_leader_field "$work/cluster" 5)
  [[ "$system" == tableos-* ]] && timings0=$(commit_timings)
  ticks0=$(cpu_ticks $sys_pids); machine0=$(machine_ticks)
  out=$(pgbench "$@" -T "$seconds" 2>&1) || true
  echo "$out" >>"$work/pgbench.log"
  sleep 0.5 # PostgreSQL's postmaster reaps the exited backends (their CPU moves to its cutime)
  ticks1=$(cpu_ticks $sys_pids); machine1=$(machine_ticks)
  n=$(echo "$out" | awk -F': ' '/number of transactions actually processed/ {print $2+0; exit}')
  tps=$(echo "$out" | awk '/^tps = / {printf "%.0f", $3; exit}')
  latency=$(echo "$out" | awk '/^latency average = / {print $4; exit}')
  echo "$out" | grep -q '^pgbench: error' && note "$workload on $system: pgbench reported errors: $(echo "$out" | grep -m 2 '^pgbench: error' | tr '\n' ' ')"
  ms=$(ms_per $((ticks1 - ticks0)) "${n:-0}")
  tps_of[$workload,$system]=${tps:-0}; cpu_of[$workload,$system]=$ms
  result "$workload" "$system" tps "${tps:-0}" transactions/s
  result "$workload" "$system" cpu_ms_per_txn "$ms" ms
  result "$workload" "$system" latency_ms "${latency:-0}" ms
  [[ "$system" == tableos-* ]] && note "$workload on $system: where a commit's time went on the leader: $(commit_stages "$timings0" "$(commit_timings)")"
  if [[ "$system" == tableos-* ]]; then
    term1=$(cluster_leader_field "$work/cluster" 5)
    [ "${term0:-}" = "${term1:-}" ] || note "$workload on $system: the Raft term went from ${term0:-none} to ${term1:-none} (elections during the run)"
  fi
  set -- $machine0 $machine1
  note "$workload on $system: the machine's CPUs were $(awk -v b=$(($3 - $1)) -v t=$(($4 - $2)) 'BEGIN {printf "%.0f", 100*b/t}')% busy;" \
    "the servers used $(awk -v s=$((ticks1 - ticks0)) -v t=$(($4 - $2)) 'BEGIN {printf "%.0f", 100*s/t}')% of all CPUs (the rest: pgbench and other users)"
}

# commit_timings: the leader's sys.metrics commit-path totals (CommitTimings), one line
commit_timings() {
  psql -At "${sys_args[@]}" -c "select string_agg(value::text, ' ' order by name) from sys.metrics
    where name in ('commits_timed','commit_sequence_us_total','commit_wait_us_total','entries_timed','entry_replicate_us_total','entry_apply_us_total')" 2>/dev/null
}

# commit_stages BEFORE AFTER: per-commit and per-entry averages between two commit_timings samples
commit_stages() {
  echo "$1 $2" | awk '{
    # names in alphabetical order: commit_sequence, commit_wait, commits_timed, entries_timed, entry_apply, entry_replicate
    c = $9 - $3; e = $10 - $4
    if (c <= 0 || e <= 0) { print "no commits timed"; exit }
    printf "per commit %.0f us sequencing + %.0f us waiting; per entry (%.1f commits) %.0f us replicating + %.0f us applying",
      ($7 - $1) / c, ($8 - $2) / c, c / e, ($12 - $6) / e, ($11 - $5) / e }'
}

# run_workload WORKLOAD SYSTEM
run_workload() {
  local clients="${1##*-}" extra=()
  [[ "$2" == tableos-* ]] && extra=(-n)
  case "$1" in
    tpcb-*) measure "$1" "$2" "${extra[@]}" -c "$clients" -j 2 -M "$mode" "${sys_args[@]}" ;;
    select-*) measure "$1" "$2" "${extra[@]}" -S -c "$clients" -j 2 -M "$mode" "${sys_args[@]}" ;;
    insert-*)
      psql -q "${sys_args[@]}" -c "DROP TABLE IF EXISTS perf_inserts" -c "CREATE TABLE perf_inserts (k int8 PRIMARY KEY, v int4)" >>"$work/pgbench.log" 2>&1
      printf '\\set k random(1, 1000000000000)\nINSERT INTO perf_inserts VALUES (:k, 1) ON CONFLICT DO NOTHING;\n' > "$work/insert.sql"
      measure "$1" "$2" -n -f "$work/insert.sql" -c "$clients" -j 2 -M "$mode" "${sys_args[@]}" ;;
    *) echo "pgbench.sh: unknown workload $1" >&2; return 2 ;;
  esac
}

# TPC-B moves money: every delta is in the history and in one account, teller and branch.
money_check() {
  local money
  money=$(psql -At "${sys_args[@]}" -c "select (select coalesce(sum(delta),0) from pgbench_history),
    (select sum(abalance) from pgbench_accounts), (select sum(tbalance) from pgbench_tellers),
    (select sum(bbalance) from pgbench_branches)")
  if [ "$(echo "$money" | tr '|' '\n' | sort -u | wc -l)" = 1 ]; then
    note "$1 money invariant holds: history = accounts = tellers = branches = ${money%%|*}"
  else
    note "$1 money invariant BROKEN (history|accounts|tellers|branches): $money"; return 1
  fi
}

# pgbench -i, once more if it fails.
# TableOS gets its primary keys before the rows (-I dtpgv: drop, tables, keys, generate,
# vacuum): building the key of 1M loaded rows is one replicated DDL item, which outlasted the
# 30 s commit wait on 3 nodes at load average 30-40; PostgreSQL keeps pgbench's default order.
pgbench_init() {
  local steps=()
  [[ "$1" == tableos-* ]] && steps=(-I dtpgv)
  pgbench -i "${steps[@]}" -s "$scale" -q "${sys_args[@]}" >>"$work/pgbench.log" 2>&1 && return 0
  note "pgbench -i failed once: $(tail -n 2 "$work/pgbench.log" | tr '\n' ' ')"
  pgbench -i "${steps[@]}" -s "$scale" -q "${sys_args[@]}" >>"$work/pgbench.log" 2>&1
}

pgbench_suite() {
  local systems=() workloads=() system workload
  while [ "$1" != -- ]; do systems+=("$1"); shift; done; shift
  workloads=("$@")
  work="$home/.tableos/perf/$bench_suite"
  mkdir -p "$work"; chmod 755 "$home/.tableos" "$home/.tableos/perf" "$work"
  : > "$work/pgbench.log"
  export PGCONNECT_TIMEOUT=5
  note "pgbench scale $scale, $seconds s per workload after $warmup s warm-up, -M $mode, $(nproc) CPUs"
  for system in "${systems[@]}"; do
    echo "pgbench.sh: $system" >&2
    system_up "$system"
    pgbench_init "$system"
    if [[ "$system" == tableos-* && "$jit_warmup" -gt 0 ]]; then
      pgbench -n -c 8 -j 2 -M "$mode" -T "$jit_warmup" "${sys_args[@]}" >>"$work/pgbench.log" 2>&1 || true
    fi
    for workload in "${workloads[@]}"; do
      [[ "$system" == tableos-* && "$workload" == select-* ]] && money_check "$system"
      run_workload "$workload" "$system"
    done
    [[ "$system" == tableos-* ]] && money_check "$system"
    system_down "$system"
  done
}

# pgbench_table SYSTEM BASELINE (after pgbench_suite, with the same systems and workloads)
pgbench_table() {
  local systems=() workloads=() system workload candidate baseline
  while [ "$1" != -- ]; do systems+=("$1"); shift; done; shift
  candidate="$1"; baseline="$2"; shift 2; workloads=("$@")
  for table in tps cpu; do
    printf '\n%s\n' "$([ $table = tps ] && echo 'transactions per second' || echo 'server CPU ms per transaction (all processes of the system)')"
    printf '%-12s' workload; printf ' %17s' "${systems[@]}" ratio; echo
    for workload in "${workloads[@]}"; do
      printf '%-12s' "$workload"
      for system in "${systems[@]}"; do
        if [ $table = tps ]; then printf ' %17s' "${tps_of[$workload,$system]:-}"; else printf ' %17s' "${cpu_of[$workload,$system]:-}"; fi
      done
      if [ $table = tps ]; then printf ' %17s\n' "$(ratio "${tps_of[$workload,$candidate]:-}" "${tps_of[$workload,$baseline]:-}")"
      else printf ' %17s\n' "$(ratio "${cpu_of[$workload,$candidate]:-}" "${cpu_of[$workload,$baseline]:-}")"; fi
    done
  done
  printf '\nratio = %s / %s\n' "$candidate" "$baseline"
}
