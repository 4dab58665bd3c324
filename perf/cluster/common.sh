# Shared by the perf/cluster scripts: start a local TableOS cluster with the launcher and
# build a libpq connection string that reaches its leader (target_session_attrs=read-write,
# which libpq checks with SHOW transaction_read_only).
home="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
launcher="$home/cluster-launcher/tableos-cluster"

# cluster_up DIR NODES BASE_PORT: starts the cluster, sets $conninfo and $PGPASSWORD.
cluster_up() {
  local dir="$1" nodes="$2" base="$3" url hostport hosts="" ports=""
  rm -rf "$dir"
  url=$("$launcher" up --local --nodes "$nodes" --base-port "$base" --dir "$dir" |
        awk -F'JDBC_URL=' '/^JDBC_URL=/ {print $2}')
  hostport=${url#jdbc:postgresql://}; hostport=${hostport%%/*}
  for hp in ${hostport//,/ }; do hosts+="${hosts:+,}${hp%:*}"; ports+="${ports:+,}${hp#*:}"; done
  conninfo="host=$hosts port=$ports dbname=tableos user=tableos target_session_attrs=read-write connect_timeout=3"
  export PGPASSWORD; PGPASSWORD=$(cat "$dir/password")
}

cluster_down() { "$launcher" down --dir "$1" >/dev/null 2>&1 || true; }

# cluster_leader_field DIR COLUMN: a column of the leader's line in the launcher's status
# (5: Raft term, 6: commit index); empty while no node leads.
cluster_leader_field() { "$launcher" status --dir "$1" 2>/dev/null | awk -v c="$2" '$4 == "leader" {print $c; exit}'; }
