# Shared by the perf suites: a throwaway PostgreSQL (Debian's newest installed, fsync on) in
# $work/pgdata on port $pg_port, started and stopped as the postgres user. Set work and pg_port first.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pg_data="$work/pgdata"

start_postgres() {
  if [ ! -d "$pg_data" ]; then
    mkdir -p "$pg_data"
    chown postgres "$work" "$pg_data" 2>/dev/null || true
    runuser -u postgres -- "$pg_bin/initdb" -D "$pg_data" -A trust -U postgres >/dev/null
  fi
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/postgres.log" -w \
    -o "-p $pg_port -k /tmp -c fsync=on -c max_connections=100" start >/dev/null
}
stop_postgres() { runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m fast stop >/dev/null 2>&1 || true; }
