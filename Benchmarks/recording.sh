#!/usr/bin/env bash
# Recording overhead of gate's pytest plugin (Templates/gate_coverage_plugin.py): plain pytest against pytest with the
# plugin recording per-test coverage, side by side in the same run (lib.sh's bench: hyperfine rounds, so the commands
# alternate), for each Python version and three generated projects (gen_pyproject.py, precision.sh's project):
#   tiny   MODULES x TESTS_PER_MODULE tests of one assert each (the worst case: fixed costs dominate)
#   many   MODULES x MANY tiny tests (per-test costs)
#   work   MODULES x TESTS_PER_MODULE tests that each first run a WORK_ITERATIONS loop through the measured code
# plus "tiny, no bytecode cache" (PYTHONDONTWRITEBYTECODE=1, as precision.sh measured: pytest rewrites the test
# modules' asserts on every run, under the tracer). Otherwise bytecode caches are warm, as in a working tree.
# Rows: the plugin as gate runs it (its block-table cache warm), with a cold block-table cache (the first run after
# every measured file changed), on Python 3.12+ with coverage.py's C tracer instead of sys.monitoring
# (COVERAGE_CORE=ctrace), and pytest under `coverage run` for reference (coverage.py alone with its defaults: no
# contexts, but it traces from interpreter start, pytest's own start-up included, where the plugin starts later).
# On Python 3.12+ it also checks that both cores record the same per-test blocks.
#   RUNS=10 PYTHONS="3.11 3.12" Benchmarks/recording.sh
# Env: PYTHONS (default: 3.11 3.12 3.13, those found as python3.X on PATH or under pyenv), RUNS (per command, in
# rounds of 5; default 10), MODULES (20), TESTS_PER_MODULE (15), MANY (100), WORK_ITERATIONS (2000), PLUGIN_DIR (default
# this checkout's Templates/), WORK (scratch directory, default Benchmarks/work). pytest and coverage go in
# Benchmarks/.venv-3.X (pip, latest versions).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
root=$(cd "$here/.." && pwd)
WORK="${WORK:-$here/work}"
base="$WORK/recording"
runs="${RUNS:-10}"
modules="${MODULES:-20}"
per="${TESTS_PER_MODULE:-15}"
many="${MANY:-100}"
work="${WORK_ITERATIONS:-2000}"
plugin_dir="${PLUGIN_DIR:-$root/Templates}"
rounds=$(( (runs + 4) / 5 ))
rm -rf "$base"; mkdir -p "$base"
unset PYTHONDONTWRITEBYTECODE COVERAGE_CORE GATE_COVERAGE_DIR GATE_COVERAGE_PREFIX GATE_COVERAGE_HASH PYTHONPATH

find_python() { # 3.X → an interpreter of that version, or nothing
    local v=$1 candidate
    for candidate in "$(command -v "python$v" || true)" "$(pyenv root 2>/dev/null || echo /nonexistent)"/versions/"$v".*/bin/python; do
        [ -x "$candidate" ] && "$candidate" -c 'import venv' 2>/dev/null && { echo "$candidate"; return; }
    done
}

record_into() { # OUT VAR=VALUE...: one recording of $dir's suite into OUT, with $pytest and those variables
    local out=$1; shift
    rm -rf "$out"
    (cd "$dir" && env "$@" GATE_COVERAGE_DIR="$out" PYTHONPATH="$plugin_dir" $pytest -p gate_coverage_plugin > /dev/null)
}

# The projects, written once (gen_pyproject.py runs with any python3).
gen() { mkdir -p "$base/$1" && (cd "$base/$1" && python3 "$here/gen_pyproject.py" "$2" "$3" "${4:-0}"); }
gen tiny "$modules" "$per"
gen tiny-nobc "$modules" "$per"
gen many "$modules" "$many"
gen work "$modules" "$per" "$work"
scenarios=("tiny|$((modules * per)) tiny tests" "tiny-nobc|$((modules * per)) tiny tests, no bytecode cache"
    "many|$((modules * many)) tiny tests" "work|$((modules * per)) tests, $work loop iterations each")

rows=() checks=() versions=()
for v in ${PYTHONS:-3.11 3.12 3.13}; do
    python=$(find_python "$v")
    [ -n "$python" ] || { echo "recording.sh: no python$v, skipped" >&2; continue; }
    venv="$here/.venv-$v"
    [ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
    "$venv/bin/python" -c 'import pytest, coverage' 2>/dev/null || "$venv/bin/python" -m pip install -q pytest coverage >&2
    py="$venv/bin/python"
    # The plugin's core: sys.monitoring on 3.12+ with coverage.py 7.9+ (which has the `core` setting).
    sysmon=$("$py" -c 'import sys, coverage; print(int(hasattr(sys, "monitoring") and coverage.version_info >= (7, 9)))')
    versions+=("$("$py" -c 'import sys, coverage, pytest; print(f"Python {sys.version.split()[0]}: pytest {pytest.__version__}, coverage.py {coverage.__version__}")')")
    for scenario in "${scenarios[@]}"; do
        IFS='|' read -r name what <<< "$scenario"
        dir="$base/$name" rec="$base/rec-$v-$name"
        bc=() && [ "$name" = tiny-nobc ] && bc=(PYTHONDONTWRITEBYTECODE=1)
        pytest="$py -m pytest -q -p no:cacheprovider"
        plugin="env ${bc[*]} GATE_COVERAGE_DIR=$rec PYTHONPATH=$plugin_dir $pytest -p gate_coverage_plugin"
        args=(--prepare true -n plain "env ${bc[*]} $pytest"
            --prepare true -n plugin "$plugin"
            --prepare "rm -rf $rec/tables" -n cold "$plugin")
        [ "$sysmon" = 1 ] && args+=(--prepare true -n ctrace "env COVERAGE_CORE=ctrace ${plugin#env }")
        args+=(--prepare "rm -f $dir/.coverage" -n alone "env ${bc[*]} $py -m coverage run --source=. --omit=tests/* -m pytest -q -p no:cacheprovider")
        (cd "$dir" && bench "$base/t-$v-$name" "$rounds" 5 1 "${args[@]}")
        rows+=("$(python3 - "$v" "$what" "$sysmon" "$base/t-$v-$name".*.json <<'PY'
import json, statistics, sys
version, what, sysmon, paths = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4:]
wall, cpu = {}, {}
for path in paths:
    for r in json.load(open(path))["results"]:
        wall.setdefault(r["command"], []).extend(r["times"])
        cpu.setdefault(r["command"], []).extend([r["user"] + r["system"]] * len(r["times"]))  # hyperfine gives means
med = {k: statistics.median(t) * 1000 for k, t in wall.items()}
cmed = {k: statistics.mean(t) * 1000 for k, t in cpu.items()}
plain = med["plain"]
cell = lambda k: f"{med[k]:.0f} ({med[k] / plain:.2f}×)" if k in med else "n/a"
print(f"| {version} ({'sysmon' if sysmon else 'ctrace'}) | {what} | {plain:.0f} | **{med['plugin']:.0f}** | "
      f"**{(med['plugin'] / plain - 1) * 100:+.0f}%** | {(cmed['plugin'] / cmed['plain'] - 1) * 100:+.0f}% | {cell('cold')} | "
      f"{cell('ctrace')} | {cell('alone')} |")
PY
)")
        if [ "$sysmon" = 1 ]; then # the same per-test blocks under both cores?
            record_into "$base/check-ctrace" ${bc[@]+"${bc[@]}"} COVERAGE_CORE=ctrace
            record_into "$base/check-default" ${bc[@]+"${bc[@]}"}   # the plugin's own choice: sys.monitoring
            checks+=("$(python3 - "$v" "$what" "$base/check-ctrace" "$base/check-default" <<'PY'
import glob, json, sys
version, what, a, b = sys.argv[1:]
load = lambda d: json.load(open(glob.glob(d + "/incoming/*.json")[0]))
x, y = load(a), load(b)
pairs = sum(len(blocks) for t in x["tests"].values() for blocks in t["executed"].values())
same = all(x[k] == y[k] for k in ("files", "importTime", "tests"))
print(f"| {version} | {what} | {len(x['tests'])} | {pairs} | {'identical' if same else '**different**'} |")
PY
)")
        fi
        rm -rf "$rec/incoming" "$dir/.coverage"
    done
done

echo "## Recording overhead of gate's pytest plugin"
echo
echo "Method: hyperfine -N, 5 runs per command (1 warm-up) in each of $rounds round(s), commands alternating; medians in ms."
echo "Plain = \`python -m pytest -q -p no:cacheprovider\`; plugin = the same with \`-p gate_coverage_plugin\` and"
echo "GATE_COVERAGE_DIR set (coverage.py's sysmon core on 3.12+, its C tracer before). Overhead = plugin / plain − 1,"
echo "wall clock (medians) and CPU (mean user + system time; less sensitive to other load on the machine). Cold table"
echo "cache = the plugin with its block-table cache removed before each run. coverage.py alone = \`coverage run"
echo "--source=. -m pytest\` (its default core; it traces pytest's start-up too). Bytecode caches are warm except in the"
echo "\"no bytecode cache\" rows."
echo
printf -- '- %s\n' "${versions[@]}"
echo
echo "| Python (core) | project | plain | plugin | overhead | CPU overhead | plugin, cold table cache | plugin, C tracer | coverage.py alone |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
if [ ${#checks[@]} -gt 0 ]; then
    echo
    echo "Per-test data under sys.monitoring (the plugin's default on 3.12+) against coverage.py's C tracer (the batch's"
    echo "files, import-time blocks and every test's executed blocks):"
    echo
    echo "| Python | project | tests | test → block pairs | sysmon vs ctrace |"
    echo "|---|---|---|---|---|"
    printf '%s\n' "${checks[@]}"
    # Different per-test data is a correctness regression of the plugin, not a timing: fail.
    ! printf '%s\n' "${checks[@]}" | grep -q different || { echo "recording.sh: the cores recorded different data" >&2; exit 1; }
fi
