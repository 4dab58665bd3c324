#!/usr/bin/env bash
# perf suite "fs" (perf/run.sh): the file system on one TableOS node beside ext4 and the same
# schema on PostgreSQL 15 (perf/fs/compare.sh with its defaults).
exec "$(dirname "${BASH_SOURCE[0]}")/compare.sh" "$@"
