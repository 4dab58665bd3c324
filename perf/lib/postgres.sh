# PostgreSQL 15 servers for the perf suites, all on this machine, fsync on (source this file).
#
#   pg_up DIR PORT STANDBYS   starts a primary on PORT with data in DIR/primary; with
#                             STANDBYS=2 also standbys s1 and s2 (ports PORT+1, PORT+2,
#                             streaming replication set up with pg_basebackup) and
#                             synchronous_standby_names = 'ANY 2 (s1, s2)', so a commit returns
#                             only once both standbys have flushed it: durable on all three, as
#                             a TableOS commit is durable on a Raft majority. Fails unless
#                             pg_stat_replication shows both standbys streaming as quorum
#                             standbys (sync_state 'quorum', which is what ANY n reports).
#   pg_down DIR               stops whatever pg_up started in DIR (primary first).
#   pg_args                   after pg_up: the array of pgbench/psql arguments reaching the primary.
#
# Every server runs as the postgres user (PostgreSQL refuses root); DIR is recreated by pg_up.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
pg_args=()
# how long pg_up waits for the standbys to report themselves synchronous
PG_STANDBY_WAIT_SECONDS=${PG_STANDBY_WAIT_SECONDS:-60}

pg_as_postgres() { runuser -u postgres -- "$@"; }

# pg_start NAME DATA PORT: starts one server (fsync on, its socket in /tmp, log beside DATA)
pg_start() {
  pg_as_postgres "$pg_bin/pg_ctl" -D "$2" -l "$2/../$1.log" -w -t 120 \
    -o "-p $3 -k /tmp -c fsync=on -c synchronous_commit=on -c max_connections=100" start >/dev/null
}

pg_up() {
  local dir="$1" port="$2" standbys="$3" primary="$1/primary" i name
  [ -n "$pg_bin" ] || { echo "postgres.sh: no PostgreSQL server under /usr/lib/postgresql" >&2; return 1; }
  pg_down "$dir"
  rm -rf "$dir"; mkdir -p "$dir"; chown postgres "$dir"
  pg_as_postgres "$pg_bin/initdb" -D "$primary" -A trust -U postgres >/dev/null
  if [ "$standbys" -gt 0 ]; then
    local names=""
    for i in $(seq 1 "$standbys"); do names+="${names:+, }s$i"; done
    printf "synchronous_standby_names = 'ANY %s (%s)'\n" "$standbys" "$names" >> "$primary/postgresql.conf"
  fi
  pg_start primary "$primary" "$port"
  for i in $(seq 1 "$standbys"); do
    name="s$i"
    pg_as_postgres "$pg_bin/pg_basebackup" -h 127.0.0.1 -p "$port" -U postgres -D "$dir/$name" -R -X stream -c fast
    # -R wrote standby.signal and a primary_conninfo; this later line names the standby,
    # which is how synchronous_standby_names refers to it.
    printf "primary_conninfo = 'host=127.0.0.1 port=%s user=postgres application_name=%s'\n" \
      "$port" "$name" >> "$dir/$name/postgresql.auto.conf"
    pg_start "$name" "$dir/$name" $((port + i))
  done
  pg_args=(-h 127.0.0.1 -p "$port" -U postgres postgres)
  [ "$standbys" -gt 0 ] && pg_await_sync_standbys "$standbys"
  return 0
}

# pg_await_sync_standbys N: waits until N standbys stream as synchronous (quorum) standbys.
pg_await_sync_standbys() {
  local want="$1" deadline=$((SECONDS + PG_STANDBY_WAIT_SECONDS)) rows
  while :; do
    rows=$(psql -At "${pg_args[@]}" -c "select application_name || ':' || state || ':' || sync_state
      from pg_stat_replication order by application_name" | tr '\n' ' ')
    if [ "$(echo "$rows" | grep -o ':streaming:quorum' | wc -l)" -eq "$want" ]; then
      echo "PostgreSQL standbys synchronous (pg_stat_replication name:state:sync_state): $rows" >&2
      return 0
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "postgres.sh: standbys not synchronous after ${PG_STANDBY_WAIT_SECONDS} s: $rows" >&2
      return 1
    fi
    sleep 0.5
  done
}

pg_down() {
  local dir="$1" data
  for data in "$dir/primary" "$dir"/s[0-9]*; do
    [ -f "$data/postmaster.pid" ] && pg_as_postgres "$pg_bin/pg_ctl" -D "$data" -m fast stop >/dev/null 2>&1
  done
  return 0
}
