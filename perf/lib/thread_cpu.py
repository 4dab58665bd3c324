#!/usr/bin/env python3
"""CPU per transaction of one JVM's threads, grouped, from two thread dumps (jcmd PID Thread.print).

usage: thread_cpu.py TRANSACTIONS PROCESS_CPU_MS BEFORE_DUMP AFTER_DUMP

Each dump line of a thread carries its name, native id (nid) and its CPU so far (cpu=...ms).
A thread's share is its CPU in AFTER minus that in BEFORE (0 if it started in between). Threads
that ended in between appear in neither sum: PROCESS_CPU_MS (the process's own CPU over the
same window, from /proc) minus the threads' sum is printed as "exited threads and rounding".
Groups: Ratis's group id and every number in the name are replaced, so a pool's threads and a
leader's per-follower appenders add up under one name. Prints "group ms_per_transaction" lines,
largest first, then "total".
"""
import re
import sys

THREAD = re.compile(r'^"(?P<name>.+?)"(?: #\d+)?.*?cpu=(?P<cpu>[\d.]+)ms.*?nid=(?P<nid>0x[0-9a-f]+)')
GROUP_ID = re.compile(r'group-[0-9A-F]{6,}')
NUMBER = re.compile(r'\d+')


def threads(path):
    """nid -> (name, cpu ms)"""
    found = {}
    with open(path, encoding="utf-8", errors="replace") as dump:
        for line in dump:
            m = THREAD.match(line)
            if m:
                found[m["nid"]] = (m["name"], float(m["cpu"]))
    return found


def group_of(name):
    return NUMBER.sub("N", GROUP_ID.sub("group", name))


def main(argv):
    if len(argv) != 5:
        sys.exit(__doc__)
    transactions, process_ms = int(argv[1]), float(argv[2])
    before, after = threads(argv[3]), threads(argv[4])
    groups = {}
    for nid, (name, cpu) in after.items():
        spent = cpu - before.get(nid, (name, 0.0))[1]
        groups[group_of(name)] = groups.get(group_of(name), 0.0) + spent
    threads_ms = sum(groups.values())
    groups["exited threads and rounding"] = process_ms - threads_ms
    for name, ms in sorted(groups.items(), key=lambda item: -item[1]):
        if abs(ms) / transactions >= 0.0005:
            print(f"{name} {ms / transactions:.4f}")
    print(f"total {process_ms / transactions:.4f}")


if __name__ == "__main__":
    main(sys.argv)
