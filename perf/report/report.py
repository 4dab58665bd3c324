#!/usr/bin/env python3
"""Builds the perf report: Markdown tables and PNG bar charts from the suites' result lines.

usage: report.py RUN_DIR

Reads every RUN_DIR/*.log (one per suite run, as perf/run.sh writes them), keeps the lines in
the format perf/README.md defines (RESULT, COMPARE, NOTE; anything else is ignored), and writes
RUN_DIR/report.md with one section per suite: per metric a table (rows: workloads, columns:
systems in the order they were first reported, then one column per COMPARE line: system /
baseline), a bar chart (RUN_DIR/<suite>--<metric>.png, drawn by gnuplot when it is installed)
and the suite's notes. A value that is not a number is shown as reported and left out of charts.
"""
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone

LINE = re.compile(r'^(RESULT|COMPARE|NOTE) (.*)$')
FIELD = re.compile(r'(\w+)=(\S+)')
RESULT_KEYS = ("suite", "workload", "system", "metric", "value", "unit")
# a suite's name, a metric's, a system's: file-name safe (the format's values have no spaces)
SAFE = re.compile(r'[^A-Za-z0-9_.-]')


class Suite:
    def __init__(self, name):
        self.name = name
        self.values = {}        # (metric, workload, system) -> value text
        self.units = {}         # metric -> unit
        self.systems = []       # first-seen order
        self.workloads = {}     # metric -> [workload], first-seen order
        self.comparisons = []   # (system, baseline)
        self.notes = []

    def add_result(self, fields):
        metric, workload, system = fields["metric"], fields["workload"], fields["system"]
        self.values[(metric, workload, system)] = fields["value"]
        self.units.setdefault(metric, fields["unit"])
        if system not in self.systems:
            self.systems.append(system)
        workloads = self.workloads.setdefault(metric, [])
        if workload not in workloads:
            workloads.append(workload)

    def systems_of(self, metric):
        return [s for s in self.systems if any(m == metric and y == s for (m, _, y) in self.values)]


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return None


def read_suites(run_dir):
    suites = {}
    for log in sorted(f for f in os.listdir(run_dir) if f.endswith(".log")):
        with open(os.path.join(run_dir, log), encoding="utf-8", errors="replace") as lines:
            for line in lines:
                m = LINE.match(line.rstrip("\n"))
                if not m:
                    continue
                kind, rest = m.groups()
                fields = dict(FIELD.findall(rest))
                suite = suites.setdefault(fields.get("suite", "unknown"), Suite(fields.get("suite", "unknown")))
                if kind == "RESULT" and all(k in fields for k in RESULT_KEYS):
                    suite.add_result(fields)
                elif kind == "COMPARE" and "system" in fields and "baseline" in fields:
                    pair = (fields["system"], fields["baseline"])
                    if pair not in suite.comparisons:
                        suite.comparisons.append(pair)
                elif kind == "NOTE":
                    suite.notes.append(rest.split(" ", 1)[1] if " " in rest else "")
    return suites


def ratio(suite, metric, workload, pair):
    a = number(suite.values.get((metric, workload, pair[0])))
    b = number(suite.values.get((metric, workload, pair[1])))
    return f"{a / b:.2f}" if a is not None and b else "n/a"


def table(suite, metric):
    systems = suite.systems_of(metric)
    pairs = [p for p in suite.comparisons if p[0] in systems and p[1] in systems]
    head = ["workload"] + systems + [f"{a} / {b}" for a, b in pairs]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for workload in suite.workloads[metric]:
        cells = [workload] + [suite.values.get((metric, workload, s), "") for s in systems]
        cells += [ratio(suite, metric, workload, p) for p in pairs]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def chart(suite, metric, run_dir):
    """Draws a clustered bar chart with gnuplot; returns the PNG's file name or None."""
    if shutil.which("gnuplot") is None:
        return None
    systems = suite.systems_of(metric)
    base = SAFE.sub("_", suite.name) + "--" + SAFE.sub("_", metric)
    data_file, png = os.path.join(run_dir, base + ".dat"), base + ".png"
    with open(data_file, "w", encoding="utf-8") as data:
        data.write("workload " + " ".join(systems) + "\n")
        for workload in suite.workloads[metric]:
            cells = [suite.values.get((metric, workload, s)) for s in systems]
            data.write(workload + " " + " ".join(
                str(number(c)) if number(c) is not None else "?" for c in cells) + "\n")
    values = [number(suite.values.get((metric, w, s))) for w in suite.workloads[metric] for s in systems]
    values = [v for v in values if v is not None and v > 0]
    # workloads of different magnitudes (TPC-B beside select-only): a log scale keeps both readable
    y_axis = ("set logscale y\nset yrange [*:*]" if values and max(values) > 20 * min(values)
              else "set yrange [0:*]")
    columns = ", ".join(
        f"'{base}.dat' using {i + 2}:xtic(1) title columnheader({i + 2})" for i in range(len(systems)))
    script = f"""set terminal pngcairo size 900,420 noenhanced
set output '{png}'
set title '{suite.name}: {metric} ({suite.units[metric]})'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set key outside right top
{y_axis}
set grid ytics
set datafile missing '?'
plot {columns}
"""
    done = subprocess.run(["gnuplot"], input=script, text=True, cwd=run_dir, capture_output=True)
    if done.returncode != 0:
        print(f"report.py: gnuplot failed for {png}: {done.stderr.strip()}", file=sys.stderr)
        return None
    return png


def main(argv):
    if len(argv) != 2 or not os.path.isdir(argv[1]):
        sys.exit(__doc__)
    run_dir = argv[1]
    suites = read_suites(run_dir)
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    out = [f"# TableOS performance report ({when})", ""]
    header = os.path.join(run_dir, "machine.txt")
    if os.path.exists(header):
        with open(header, encoding="utf-8") as machine:
            out += ["```", machine.read().rstrip(), "```", ""]
    if not suites:
        out.append("No RESULT lines were found in this run's logs.")
    for suite in suites.values():
        out += [f"## {suite.name}", ""]
        for metric in suite.workloads:
            out += [f"### {metric} ({suite.units[metric]})", "", table(suite, metric), ""]
            png = chart(suite, metric, run_dir)
            if png:
                out += [f"![{suite.name} {metric}]({png})", ""]
        if suite.notes:
            out += ["Notes:", ""] + [f"- {n}" for n in suite.notes] + [""]
    with open(os.path.join(run_dir, "report.md"), "w", encoding="utf-8") as report:
        report.write("\n".join(out))
    print(os.path.join(run_dir, "report.md"))


if __name__ == "__main__":
    main(sys.argv)
