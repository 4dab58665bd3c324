# Shared by perf scripts that run PostgreSQL 15 beside TableOS: Debian's server binaries,
# a data directory of the caller's (initdb on first use, trust auth), fsync on.
# The caller sets $work (a directory it owns), $pg_data and $pg_port before calling.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

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
