#!/usr/bin/env bash
# Precision and safety of Python test selection on a generated project: gate static-only vs gate coverage + safety net
# vs pytest-testmon, replaying ten commits that each inject one fault on a changed line (on top of the same base, so
# every tool starts from data recorded at the base). Ground truth: the tests the full suite newly fails.
#   MODULES=20 TESTS_PER_MODULE=15 Benchmarks/precision.sh (recording overhead: Benchmarks/recording.sh)
# Needs GATE (default: `gate` on PATH; GATE_SHARE_DIR is pointed at this checkout so its Templates/ are used),
# git and python3 with venv. pytest, coverage and pytest-testmon go in Benchmarks/.venv.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
GATE="${GATE:-$(command -v gate || echo "$HOME/.local/bin/gate")}"
[ -x "$GATE" ] || { echo "precision.sh: no gate binary; run ./install.sh or set GATE" >&2; exit 2; }
export GATE_SHARE_DIR="$root"
WORK="${WORK:-$here/work}/precision"
MODULES="${MODULES:-20}"
TESTS_PER_MODULE="${TESTS_PER_MODULE:-15}"
venv="$here/.venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c 'import pytest, coverage, testmon' 2>/dev/null \
    || "$venv/bin/python" -m pip install -q pytest coverage pytest-testmon >&2
export PATH="$venv/bin:$PATH"   # gate runs `python3`: the venv's, with pytest and coverage
export PYTHONDONTWRITEBYTECODE=1 GATE_SKIP=1 NO_COLOR=1

rm -rf "$WORK" && mkdir -p "$WORK/proj"
proj="$WORK/proj"
cd "$proj"
git init -q -b main && git config user.email bench@example.com && git config user.name bench

# The project: a hub module every module imports (a cached function, module constants, a class), MODULES modules
# that also import their predecessor, and TESTS_PER_MODULE tests per module with expected values computed here.
python3 "$here/gen_pyproject.py" "$MODULES" "$TESTS_PER_MODULE"
printf 'version: 1\nsuites:\n  - name: py\n    runner: pytest\n    timeout: 900\nfix:\n  provider: none\n' > .gate.yml
printf '__pycache__/\n.pytest_cache/\n.testmondata*\n' > .gitignore
git add -A && git commit -qm base
base=$(git rev-parse HEAD)
total=$(python3 -m pytest -q --collect-only -p no:cacheprovider 2>/dev/null | grep -c '::')

# Ten faults, one changed line each: function bodies in leaf modules and in the hub, the lru_cache'd function,
# a method, and module-level constants (hub and leaf).
m() { printf 'lib/m%02d.py' "$1"; }
faults=(
    "$(m 3)|return core.clamp(x * 3 + 3,|return core.clamp(x * 3 + 4,|leaf function body"
    "$(m 7)|return core.clamp(x * 1 + 7,|return core.clamp(x * 1 + 8,|leaf function body"
    "$(m 11)|return core.clamp(x * 2 + 11,|return core.clamp(x * 2 + 12,|leaf function body"
    "$(m 15)|return core.norm('  Name15_%d ' % x)|return core.norm('  Name15_%d' % x).upper()|leaf function body"
    "lib/core.py|return max(lo, min(hi, x))|return max(lo, min(hi, x + 1))|hub function body"
    "lib/core.py|return tuple(i * i + 1 for i in range(n))|return tuple(i * i + 2 for i in range(n))|lru_cache'd hub function"
    "lib/core.py|return Money(self.cents + other.cents)|return Money(self.cents + other.cents + 1)|hub method body"
    "lib/core.py|SCALE = 3|SCALE = 4|hub module-level constant"
    "$(m 5)|OFFSET = 5|OFFSET = 6|leaf module-level constant"
    "lib/core.py|return text.strip().lower()|return text.lower()|hub function body"
)

run_ids() { # pytest arguments... → failing ids on stdout (one per line), ran count on fd 3
    { python3 -m pytest -q -rA "$@" 2>&1 || true; } | awk '/^(PASSED|FAILED|ERROR) /{n++} /^(FAILED|ERROR) /{print $2} END{print n+0 > "/dev/fd/3"}'
}
selected_ids() { # gate affected JSON on stdin → selected test ids, file ids expanded
    python3 -c '
import json, sys
report = json.load(sys.stdin); everything = [l.strip() for l in open(sys.argv[1]) if l.strip()]
if report["mode"] == "all": print("\n".join(everything)); sys.exit()
ids = [t["id"] for t in report["tests"]]
for test in everything:
    if test in ids or test.split("::")[0] in ids: print(test)' "$WORK/all.txt"
}
python3 -m pytest -q --collect-only -p no:cacheprovider 2>/dev/null | grep '::' > "$WORK/all.txt"

# Seed: gate's coverage data and testmon's database, both at the base.
"$GATE" index build --coverage > "$WORK/seed.txt"
cp -r .git/gate/coverage "$WORK/coverage.seed"
python3 -m pytest -q --testmon > /dev/null 2>&1 || true   # testmon needs the cache provider
cp .testmondata "$WORK/testmondata.seed"

declare -A caught=([static]=0 [coverage]=0 [testmon]=0) complete=([static]=0 [coverage]=0 [testmon]=0)
fractions_static=() fractions_coverage=() fractions_testmon=()
rows=()
counted=0
for fault in "${faults[@]}"; do
    IFS='|' read -r path old new what <<< "$fault"
    git checkout -q -f "$base" && git clean -qfdx -e .testmondata
    python3 - "$path" "$old" "$new" <<'PY'
import sys
path, old, new = sys.argv[1:]
text = open(path).read()
assert text.count(old) == 1, (path, old)
open(path, "w").write(text.replace(old, new))
PY
    git commit -qam "fault: $what"
    tip=$(git rev-parse HEAD)
    truth=$(run_ids -p no:cacheprovider 3>/dev/null | sort -u)
    nfail=$(printf '%s' "$truth" | grep -c . || true)
    [ "$nfail" -gt 0 ] || { rows+=("| $what | $path | 0 | (no test fails) | | |"); continue; }
    counted=$((counted + 1))
    declare -A sel=()
    rm -rf .git/gate/coverage
    sel[static]=$("$GATE" affected --from "$base" --to "$tip" --format json | selected_ids)
    rm -rf .git/gate/coverage && cp -r "$WORK/coverage.seed" .git/gate/coverage
    sel[coverage]=$("$GATE" affected --from "$base" --to "$tip" --format json | selected_ids)
    cp "$WORK/testmondata.seed" .testmondata
    tm_fail=$(run_ids --testmon 3>"$WORK/ran.txt" | sort -u)
    tm_ran=$(cat "$WORK/ran.txt")
    cells=()
    for tool in static coverage testmon; do
        if [ "$tool" = testmon ]; then ran=$tm_ran; hit=$(comm -12 <(printf '%s\n' "$truth") <(printf '%s\n' "$tm_fail") | grep -c . || true)
        else ran=$(printf '%s' "${sel[$tool]}" | grep -c . || true); hit=$(comm -12 <(printf '%s\n' "$truth") <(printf '%s\n' "${sel[$tool]}" | sort -u) | grep -c . || true); fi
        [ "$hit" -gt 0 ] && caught[$tool]=$((caught[$tool] + 1))
        [ "$hit" -eq "$nfail" ] && complete[$tool]=$((complete[$tool] + 1))
        fraction=$(python3 -c "print(f'{$ran / $total:.3f}')")
        eval "fractions_$tool+=($fraction)"
        cells+=("$hit/$nfail, ran $ran")
    done
    rows+=("| $what | $path | $nfail | ${cells[0]} | ${cells[1]} | ${cells[2]} |")
    unset sel
done
git checkout -q -f "$base"
median() { python3 -c 'import statistics, sys; v=[float(x) for x in sys.argv[1:]]; print(f"{statistics.median(v) * 100:.1f}%" if v else "n/a")' "$@"; }

echo "## Python selection precision (generated project: $MODULES modules + hub, $total tests, ${#faults[@]} faults)"
echo
echo "Each fault is one changed line on top of the base commit; data (gate coverage, .testmondata) recorded at the base."
echo "Cells: newly failing tests the tool ran / newly failing tests, and how many tests it ran (of $total)."
echo
echo "| fault | file | failing | gate static | gate coverage + safety net | pytest-testmon |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "| tool | faults caught (≥1 failing test run) | faults with every failing test run | median fraction of tests run |"
echo "|---|---|---|---|"
echo "| gate static (import closure) | ${caught[static]}/$counted | ${complete[static]}/$counted | $(median "${fractions_static[@]}") |"
echo "| gate coverage + safety net | ${caught[coverage]}/$counted | ${complete[coverage]}/$counted | $(median "${fractions_coverage[@]}") |"
echo "| pytest-testmon $(python3 -c 'import importlib.metadata as m; print(m.version("pytest-testmon"))') | ${caught[testmon]}/$counted | ${complete[testmon]}/$counted | $(median "${fractions_testmon[@]}") |"
echo
