"""Reads hyperfine JSON exports and prints a Markdown table of medians and ratios against the first command.

Results for the same command across several files (the rounds `lib.sh`'s `bench` runs so commands alternate) are merged:
the median and min are over all their runs together."""
import json
import statistics
import sys

times = {}
for path in sys.argv[1:]:
    with open(path) as handle:
        for result in json.load(handle)["results"]:
            times.setdefault(result["command"], []).extend(result["times"])
rows = [(command, statistics.median(t) * 1000, min(t) * 1000, len(t)) for command, t in times.items()]
base = rows[0][1]
print("| command | median ms | min ms | runs | ratio to first |")
print("|---|---|---|---|---|")
for command, median, minimum, runs in rows:
    print(f"| {command} | {median:.1f} | {minimum:.1f} | {runs} | {median / base:.2f}× |")
