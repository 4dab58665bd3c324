# start_postgres / stop_postgres for the suites that drive their own benchmark programs
# (perf/sched, perf/queue, perf/batch): one PostgreSQL 15 on $pg_port with its data under
# $work/pg, through perf/lib/postgres.sh (the one place that starts PostgreSQL). Set work and
# pg_port first.
source "$(dirname "${BASH_SOURCE[0]}")/lib/postgres.sh"
start_postgres() { pg_up "$work/pg" "$pg_port" 0; }
stop_postgres() { pg_down "$work/pg"; }
