#!/usr/bin/env bash
# Durable workflows (issue 14): DBOS Transact 1.1 (unmodified) with its system database on
# PostgreSQL 15, PostgreSQL 15 with two synchronous standbys, TableOS on 1 node and on N nodes,
# all on this machine with fsync on, in one run. Per system: 3-step workflows per second run one
# after another and from 8 threads, and each step checkpoint's latency p50/p99. Prints
# RESULT/NOTE lines (perf/README.md) and a table.
# usage: perf/workflows/compare.sh [--nodes N (default 3)] [--sequential W (default 500)]
#          [--concurrent W (default 2000)] [--threads T (default 8)]
#          [--systems "postgresql postgresql-2sync tableos-1 tableos-3"]
#          [--base-port P (TableOS SQL ports)] [--pg-port P (standbys at P+1, P+2)]
#          [--jit-warmup W (unmeasured workflows from the threads on a TableOS system before its
#           measured run, default 20000: a fresh node's JIT needs tens of seconds of calls; 0: none)]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/pgbench.sh"
bench_suite=workflows; nodes=3; sequential=500; concurrent=2000; threads=8; base_port=19432; pg_port=29442; systems=""; jit_warmup=20000
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes="$2"; shift 2 ;;
    --sequential) sequential="$2"; shift 2 ;;
    --concurrent) concurrent="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --systems) systems="$2"; shift 2 ;;
    --jit-warmup) jit_warmup="$2"; shift 2 ;;
    --base-port) base_port="$2"; shift 2 ;;
    --pg-port) pg_port="$2"; shift 2 ;;
    --help|-h) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "compare.sh: unknown flag $1" >&2; exit 2 ;;
  esac
done
"$home/scripts/setup.sh" perf
systems=(${systems:-postgresql postgresql-2sync tableos-1 tableos-$nodes})
work="$home/.tableos/perf/workflows"
mkdir -p "$work"
cd "$home"
mvn -q -B -o -pl db-node,os-services,cluster-launcher,perf -am -DskipTests -Dmaven.test.skip.exec package >&2
mvn -q -B -o -pl perf dependency:build-classpath -Dmdep.outputFile=target/workflows-classpath.txt >&2
bench_cp="perf/target/classes:$(cat perf/target/workflows-classpath.txt)"
trap 'system_down postgresql; system_down tableos-1' EXIT
value() { awk -F= -v k="$1" '$1 == k {print $2}' "$2"; }
declare -A figures

for system in "${systems[@]}"; do
  echo "== $system" >&2
  system_up "$system"
  case "$system" in
    postgresql*) url="jdbc:postgresql://127.0.0.1:$pg_port/postgres"; user=postgres; password=unused ;;
    tableos-*) url=$("$launcher" url --dir "$work/cluster" | awk -F'JDBC_URL=' '/^JDBC_URL=/ {print $2}')
               url=${url%%\?*}?targetServerType=primary; user=tableos; password=$(cat "$work/cluster/password") ;;
  esac
  note "load average before $system: $(cut -d' ' -f1-3 /proc/loadavg)"
  out="$work/$system.out"
  if [[ "$system" == tableos-* && "$jit_warmup" -gt 0 ]]; then
    # Unmeasured: without it the measured run was the node's first seconds of calls. One node,
    # sequential / 8 threads wf/s and step p50: none 110.8 / 363.4, 1.12 ms; 6000 workflows
    # 156.8 / 453.1, 0.75 ms; 20000 (about 40 s) 207.5 / 549.1, 0.61 ms (PostgreSQL 268.5 / 679.7, 0.55 ms).
    java -Xmx1g -cp "$bench_cp" io.tableos.perf.workflows.WorkflowBenchmark "$url" "$user" "$password" \
      0 "$jit_warmup" "$threads" >/dev/null 2>"$work/$system.warmup.err"
  fi
  java -Xmx1g -cp "$bench_cp" io.tableos.perf.workflows.WorkflowBenchmark "$url" "$user" "$password" \
    "$sequential" "$concurrent" "$threads" 2>"$work/$system.err" | tee "$out" >&2
  system_down "$system"
  for key in workflows_per_second_sequential "workflows_per_second_${threads}_threads" step_p50_ms step_p99_ms; do
    figures[$system.$key]=$(value "$key" "$out")
  done
  result sequential "$system" workflows_per_s "${figures[$system.workflows_per_second_sequential]}" workflows/s
  result "threads-$threads" "$system" workflows_per_s "${figures[$system.workflows_per_second_${threads}_threads]}" workflows/s
  result step-checkpoint "$system" p50_ms "${figures[$system.step_p50_ms]}" ms
  result step-checkpoint "$system" p99_ms "${figures[$system.step_p99_ms]}" ms
done
compare tableos-1 postgresql
compare "tableos-$nodes" postgresql-2sync

printf '\nDBOS Transact 3-step workflows: %s sequential, %s from %s threads\n' "$sequential" "$concurrent" "$threads"
printf '%-18s %14s %14s %12s %12s\n' system seq-wf/s "${threads}thr-wf/s" step-p50-ms step-p99-ms
for system in "${systems[@]}"; do
  printf '%-18s %14s %14s %12s %12s\n' "$system" "${figures[$system.workflows_per_second_sequential]}" \
    "${figures[$system.workflows_per_second_${threads}_threads]}" "${figures[$system.step_p50_ms]}" "${figures[$system.step_p99_ms]}"
done
