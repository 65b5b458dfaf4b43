#!/usr/bin/env bash
# gate against pytest-testmon (PyPI) on the same history with an injected fault per commit (testmon_replay.py):
# tests run, time, and whether each tool ran at least one of the tests the fault makes fail.
# Env: N (commits replayed, default 15), MODULES (40), TESTS_PER_MODULE (8), WORK_MS (per-test work, 5).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
base="$WORK/testmon"
n="${N:-15}"
rm -rf "$base"; mkdir -p "$base"
isolated_git "$base"
venv="$here/.venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c "import pytest, testmon" 2>/dev/null || "$venv/bin/pip" install -q pytest pytest-testmon
export PATH="$venv/bin:$PATH"
repo="$base/repo"
fixture=$(python3 "$here/gen_pyfixture.py" "$repo" "${MODULES:-40}" "${TESTS_PER_MODULE:-8}" "$((n + 5))" "$base/plan.json" "${WORK_MS:-5}")
"$venv/bin/python" "$here/testmon_replay.py" "$repo" "$base/plan.json" "$n" "$base" 2> "$base/replay.log" \
    || { cat "$base/replay.log" >&2; exit 1; }
echo "## gate vs pytest-testmon, $n commits with an injected fault each"
echo
echo "Fixture: gen_pyfixture.py, $fixture (layered imports; some functions behind functools.lru_cache; a"
echo "module-level table per module); every test spins ${WORK_MS:-5} ms. pytest $("$venv/bin/python" -m pytest --version 2>&1 | cut -d' ' -f2),"
echo "pytest-testmon $("$venv/bin/pip" show pytest-testmon 2>/dev/null | awk '/^Version/ {print $2}')."
echo "Per commit C: a fault is injected in a function C touched (return value negated; or the same in an lru_cache'd"
echo "function; or a module-level table changed) and committed as M. Ground truth = tests the full suite fails on M and"
echo "not on C. gate = \`gate affected --from C^ --to M\` + pytest on the selected files (time = both). testmon ="
echo "\`pytest --testmon\` from the project root on M (database seeded once with \`pytest --testmon\`, then synced on each"
echo "fixed commit, untimed). Caught = ran at least one newly failing test. One run per commit: noisy, read the medians."
echo
python3 - "$base/rows.json" <<'PY'
import json, statistics, sys
data = json.load(open(sys.argv[1]))
rows = data["rows"]
yes = lambda b: "yes" if b else "**no**"
print("| commit | fault | newly failing | gate: tests run | gate: caught (failing run) | gate ms | testmon: tests run | testmon: caught (failing run) | testmon ms | full suite ms |")
print("|---|---|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r['commit']} | {r['kind']} `{r['fault']}` | {r['truth']} of {r['total']} | {r['gate_ran']} ({r['gate_mode']}) "
          f"| {yes(r['gate_caught'])} ({r['gate_caught_tests']}/{r['truth']}) | {r['gate_ms']:.0f} | {r['tm_ran']} "
          f"| {yes(r['tm_caught'])} ({r['tm_caught_tests']}/{r['truth']}) | {r['tm_ms']:.0f} | {r['full_ms']:.0f} |")
faults = [r for r in rows if r["truth"]]
med = lambda k: statistics.median(r[k] for r in rows)
print()
print(f"- faults that failed at least one test: {len(faults)} of {len(rows)}; baseline failures on the clean commits: {sum(r['baseline_failures'] for r in rows)}")
for tool, key in (("gate", "gate"), ("pytest-testmon", "tm")):
    caught = sum(1 for r in faults if r[f"{key}_caught"])
    tests = sum(r[f"{key}_caught_tests"] for r in faults), sum(r["truth"] for r in faults)
    by_kind = {k: f"{sum(1 for r in faults if r['kind'] == k and r[f'{key}_caught'])}/{sum(1 for r in faults if r['kind'] == k)}"
               for k in ("return", "cached", "module")}
    print(f"- {tool}: caught {caught} of {len(faults)} faults (return {by_kind['return']}, lru_cache {by_kind['cached']},"
          f" module-level {by_kind['module']}); ran {tests[0]} of the {tests[1]} newly failing tests;"
          f" median {med(key + '_ran'):.0f} tests run, median {med(key + '_ms'):.0f} ms per commit")
print(f"- full suite: median {med('full_ms'):.0f} ms; gate's `gate affected` alone: median {med('gate_affected_ms'):.0f} ms;"
      f" testmon's seeding run (all {data['seed_ran']} tests): {data['seed_ms']:.0f} ms")
PY
