#!/usr/bin/env bash
# Installs what building, running and testing TableOS needs on Debian/Ubuntu.
# As root it apt-get installs missing packages; otherwise it names them and stops.
# usage: scripts/setup.sh [run|test|perf]   (what the caller is about to do)
set -euo pipefail
purpose="${1:-run}"

need_commands=(java:openjdk-17-jdk-headless mvn:maven setsid:util-linux)
case "$purpose" in
  test) need_commands+=(psql:postgresql-client pgbench:postgresql-contrib fusermount:fuse git:git rsync:rsync) ;;
  perf) need_commands+=(psql:postgresql-client pgbench:postgresql-contrib pg_ctlcluster:postgresql-common
                       gnuplot:gnuplot-nox python3:python3 jcmd:openjdk-17-jdk-headless) ;;
esac

missing=()
for item in "${need_commands[@]}"; do
  cmd="${item%%:*}"; pkg="${item#*:}"
  command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
done
# The differential tests and the perf suites start a throwaway PostgreSQL server beside TableOS.
if [ "$purpose" != run ] && ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  missing+=(postgresql)
fi

# The file system's FUSE mount (tests, and tableos-cluster mount) binds libfuse 2 through jnr-fuse.
if [ "$purpose" != run ] && ! ls /usr/lib/*/libfuse.so.2* /lib/*/libfuse.so.2* >/dev/null 2>&1; then
  missing+=(libfuse2)
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "setup: missing Debian packages: ${missing[*]}" >&2
    echo "setup: install them (as root: apt-get install ${missing[*]}) and run again" >&2
    exit 1
  fi
fi

java_major=$(java -XshowSettings:properties -version 2>&1 | awk -F= '/java.specification.version/ {gsub(/ /,"",$2); print $2}')
if [ "${java_major%%.*}" -lt 17 ]; then
  echo "setup: Java 17 or later is needed (found $java_major)" >&2
  exit 1
fi
