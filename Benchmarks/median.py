"""Reads hyperfine JSON exports and prints a Markdown table of medians and ratios against the first command."""
import json
import sys

rows = []
for path in sys.argv[1:]:
    with open(path) as handle:
        for result in json.load(handle)["results"]:
            rows.append((result["command"], result["median"] * 1000, result["min"] * 1000, len(result["times"])))
base = rows[0][1]
print("| command | median ms | min ms | runs | ratio to first |")
print("|---|---|---|---|---|")
for command, median, minimum, runs in rows:
    print(f"| {command} | {median:.1f} | {minimum:.1f} | {runs} | {median / base:.2f}× |")
