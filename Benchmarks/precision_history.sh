#!/usr/bin/env bash
# Python selection on a real project with real, chained history: click's releases from PyPI, one commit each.
# gate static-only vs gate coverage + safety net vs pytest-testmon, side by side on the same commits.
#
# The repository: every release's sdist (src/click, tests/, setup.cfg or pyproject.toml with its pytest config, docs,
# examples; not PKG-INFO or *.egg-info) becomes one commit, tagged v<version>, plus a .gate.yml with one pytest suite
# (env PYTHONPATH=src: click has a src layout and is not installed). One pytest warning filter is added to the
# project's own config (history_replay.py says why).
#
# Chained: both tools are seeded once, at the first release (gate: `gate index build --coverage`; testmon: one full
# `pytest --testmon` from the project root). For each next release k:
#   1. fault commit F = release k + one mutation on a line release k changed in src/ (flip a comparison, negate a
#      condition, swap and/or or True/False, drop a `not`, bump an integer, return None, drop a call). Candidates
#      are tried in a fixed order (history_replay.py candidates) until one makes at least one test newly fail against
#      clean release k in the full suite; a candidate that breaks collection (import) or hangs is passed over; no
#      candidate left: the transition is skipped and says so. Ground truth = the test ids that fail in two full runs
#      of F and in neither of two full runs of release k, less the test functions seen to flake (a test that failed
#      in one of two runs of the same release; click's pager tests do).
#   2. each tool, with the data it has kept at release k-1, is asked about the push k-1 → F:
#      gate static = `gate affected --from k-1 --to F` with the coverage data moved away; gate coverage = the same
#      with it; testmon = `pytest --testmon` at F (tests it ran, and whether those include every newly failing one).
#      Also, cheaper and closer to a developer's next push, F alone on top of release k (k → F), with the data at k.
#   3. both tools advance to clean release k as their users would: `gate run --from k-1 --to k` (runs what gate
#      selects, with coverage recording, in the work tree) and `pytest --testmon` at k. Never reseeded.
#
# pytest-testmon turns its selection off when pytest gets -m; click's own config passes -m from 8.3.2 on, so testmon
# runs every test there (marked ‡), as it would for its users; TESTMON_FLAGS=--testmon-forceselect makes it select.
# Releases from 8.5.0 on need click installed (a test reads its version from the package metadata): not replayed.
#
#   VERSIONS="8.0.0 8.0.1 ..." MAX_TRIES=30 TESTMON_FLAGS= Benchmarks/precision_history.sh    (about 25 minutes)
# Needs GATE (default: `gate` on PATH; GATE_SHARE_DIR is pointed at this checkout so its Templates/ are used), git,
# python3 with venv and network access to PyPI (sdists are cached in Benchmarks/work/cache, the venv is
# Benchmarks/.venv with pytest, coverage and pytest-testmon, as precision.sh).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
source "$here/lib.sh"
GATE="${GATE:-$(command -v gate || echo "$HOME/.local/bin/gate")}"
[ -x "$GATE" ] || { echo "precision_history.sh: no gate binary; run ./install.sh or set GATE" >&2; exit 2; }
GATE=$(cd "$(dirname "$GATE")" && pwd)/$(basename "$GATE")
export GATE_SHARE_DIR="$root"
WORK="${WORK:-$here/work}"
base="$WORK/precision_history"
cache="${CACHE:-$here/work/cache}/click"
VERSIONS="${VERSIONS:-8.0.0 8.0.1 8.0.2 8.0.3 8.0.4 8.1.0 8.1.1 8.1.2 8.1.3 8.1.4 8.1.5 8.1.6 8.1.7 8.1.8 8.2.0 8.2.1 8.3.0 8.3.1 8.3.2 8.3.3 8.4.0 8.4.1 8.4.2}"
MAX_TRIES="${MAX_TRIES:-30}"
TEST_TIMEOUT="${TEST_TIMEOUT:-120}"
read -r -a testmon_flags <<< "${TESTMON_FLAGS:-}"   # e.g. --testmon-forceselect (testmon's selection despite -m)
helper="$here/history_replay.py"
venv="$here/.venv"
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/python" -c 'import pytest, coverage, testmon' 2>/dev/null \
    || "$venv/bin/python" -m pip install -q pytest coverage pytest-testmon >&2
mkdir -p "$cache"
for v in $VERSIONS; do
    [ -f "$cache/click-$v.tar.gz" ] || "$venv/bin/python" -m pip download -q --no-deps --no-binary :all: "click==$v" -d "$cache" >&2
done
export PATH="$venv/bin:$PATH"   # gate runs `python3`: the venv's, with pytest and coverage
export PYTHONDONTWRITEBYTECODE=1 NO_COLOR=1
unset GATE_SKIP PYTHONPATH

rm -rf "$base" && mkdir -p "$base/repo" "$base/runs" && : > "$base/misses.md"
isolated_git "$base"
repo="$base/repo"
cd "$repo"
git init -q -b main
printf '__pycache__/\n.pytest_cache/\n.testmondata*\n' > .gitignore
printf 'version: 1\nsuites:\n  - name: tests\n    runner: pytest\n    timeout: 900\n    env: {PYTHONPATH: src}\nfix:\n  provider: none\n' > .gate.yml
versions=($VERSIONS)
for v in "${versions[@]}"; do
    python3 "$helper" import "$cache/click-$v.tar.gz" "$repo"
    git add -A && git commit -qm "click $v" && git tag "v$v"
done

now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$1" "$(now)"; }
clean_tree() { git checkout -q -f "$1" && git clean -qfdx -e .testmondata; }
# outcomes OUT pytest-args...: runs pytest from the project root, outcomes to OUT (history_replay.py's plugin).
outcomes() {
    local out=$1; shift
    rm -f "$out"
    PYTHONPATH="src:$here" HISTORY_OUTCOMES="$out" timeout "$TEST_TIMEOUT" python3 -m pytest -q -p history_replay "$@" \
        < /dev/null > "$out.log" 2>&1 || true
    [ -f "$out" ]
}
count() { grep -c . || true; }
# gate_select FROM TO OUTCOMES NAME: selected node ids to NAME.ids, mode + reason to NAME.reason, ms to NAME.ms.
gate_select() {
    local s; s=$(now)
    "$GATE" affected --from "$1" --to "$2" --format json > "$4.json"
    python3 -c "import sys; print(f'{(float(sys.argv[2]) - float(sys.argv[1])) * 1000:.0f}')" "$s" "$(now)" > "$4.ms"
    python3 "$helper" select "$3" < "$4.json" > "$4.ids"
    python3 "$helper" why "$4.json" > "$4.reason"
    "$GATE" affected --from "$1" --to "$2" --explain > "$4.explain" 2>&1 || true
}
# judge IDS: "hits ran fraction" of a tool's ids against the current truth ($run/truth.txt) and suite size ($total).
judge() {
    local hit ran
    hit=$(comm -12 <(sort -u "$run/truth.txt") <(sort -u "$1") | count)
    ran=$(count < "$1")
    echo "$hit $ran $(python3 -c "print($ran / $total)")"
}
cell() { local c="$1/$nfail, ran $2"; [ "$1" -lt "$nfail" ] && c="**$c**"; echo "$c$3"; }
# off_mark OUTCOMES: " ‡" when the run had a -m expression (pytest-testmon then runs every test) and no forced selection.
off_mark() {
    [[ " ${testmon_flags[*]} " == *" --testmon-forceselect "* ]] && return 0
    [ -n "$(python3 "$helper" markexpr "$1" 2>/dev/null)" ] && echo " ‡" || true
}
# note_miss TOOL IDS PUSH: when TOOL did not run every newly failing test, a block for the misses section: the tests
# it left out and, for gate, its --explain output (saved beside IDS) for their files.
note_miss() {
    local missing
    missing=$(comm -23 <(sort -u "$run/truth.txt") <(sort -u "$2"))
    [ -n "$missing" ] || return 0
    {
        echo "#### $(declare -A n=([static]="gate static" [coverage]="gate coverage + safety net" [testmon]=pytest-testmon); echo "${n[$1]}") on $3: $desc"
        echo
        echo "Newly failing, not run: $(printf '%s\n' "$missing" | head -5 | sed 's/.*/`&`/' | paste -sd ' ')$( [ "$(printf '%s\n' "$missing" | count)" -gt 5 ] && echo " …")"
        if [ -f "${2%.ids}.explain" ]; then
            echo; echo '```'
            head -3 "${2%.ids}.explain"
            for file in $(printf '%s\n' "$missing" | sed 's/::.*//' | sort -u); do grep -F "$file" "${2%.ids}.explain" | head -5 || true; done
            echo '```'
        fi
        echo
    } >> "$base/misses.md"
}
# ask_tools FROM TO DIR SUFFIX: what each tool runs for FROM → TO with the data it holds now (restored afterwards):
# DIR/static SUFFIX.ids, DIR/coverage SUFFIX.ids (+ .reason, .ms), DIR/testmon SUFFIX.ids (the tests testmon ran at TO).
ask_tools() {
    local from=$1 to=$2 dir=$3 suffix=$4
    rm -rf "$dir/coverage.kept" && cp -r .git/gate/coverage "$dir/coverage.kept"
    cp .testmondata "$dir/testmondata.kept"
    rm -rf .git/gate/coverage
    gate_select "$from" "$to" "$dir/fault.json" "$dir/static$suffix"
    rm -rf .git/gate/coverage && cp -r "$dir/coverage.kept" .git/gate/coverage
    gate_select "$from" "$to" "$dir/fault.json" "$dir/coverage$suffix"
    rm -rf .git/gate/coverage && cp -r "$dir/coverage.kept" .git/gate/coverage
    clean_tree "$to"
    outcomes "$dir/testmon$suffix.json" --testmon "${testmon_flags[@]}" || true
    python3 "$helper" ran "$dir/testmon$suffix.json" > "$dir/testmon$suffix.ids" 2>/dev/null || : > "$dir/testmon$suffix.ids"
    cp "$dir/testmondata.kept" .testmondata
}

# Seed at the first release.
first=${versions[0]}
clean_tree "v$first"
"$GATE" index build --coverage > "$base/seed-gate.txt"
s=$(now); outcomes "$base/runs/seed-testmon.json" --testmon "${testmon_flags[@]}"; seed_testmon_s=$(elapsed "$s")
seed_gate_s=$(awk '/coverage run of/ {for (i = 1; i <= NF; i++) if ($i == "s" || $i == "s,") print $(i - 1)}' "$base/seed-gate.txt" | head -1)

tools=(static coverage testmon)
declare -A caught complete caught2 complete2
for t in "${tools[@]}"; do caught[$t]=0; complete[$t]=0; caught2[$t]=0; complete2[$t]=0; done
fractions_static=() fractions_coverage=() fractions_testmon=() fractions2_static=() fractions2_coverage=() fractions2_testmon=()
rows=() rows2=() skipped=() timing=()
affected_ms=()
counted=0 testmon_off=0
prev=$first
for v in "${versions[@]:1}"; do
    run="$base/runs/$v"; mkdir -p "$run"
    # Clean release k: the baseline its full suite fails on (pre-existing failures are no fault's doing).
    clean_tree "v$v"
    s=$(now); outcomes "$run/clean.json" -p no:cacheprovider || { echo "precision_history.sh: the suite of $v did not run" >&2; exit 1; }
    full_s=$(elapsed "$s")
    outcomes "$run/clean2.json" -p no:cacheprovider || { echo "precision_history.sh: the suite of $v did not run" >&2; exit 1; }
    python3 "$helper" flaky "$run/clean.json" "$run/clean2.json" "$base/flaky.txt"
    total=$(python3 "$helper" count "$run/clean.json")
    python3 "$helper" candidates "$repo" "v$prev" "v$v" > "$run/candidates.jsonl"
    ncand=$(count < "$run/candidates.jsonl")
    fault=""; tries=0
    while [ "$tries" -lt "$MAX_TRIES" ] && IFS= read -r -u 3 candidate; do
        tries=$((tries + 1))
        clean_tree "v$v"
        python3 "$helper" apply "$repo" "$candidate"
        outcomes "$run/fault.json" -p no:cacheprovider || continue
        rc=0; python3 "$helper" truth "$run/clean.json" "$run/clean2.json" "$run/fault.json" "$run/fault.json" "$base/flaky.txt" > "$run/truth.txt" || rc=$?
        [ "$rc" -eq 0 ] && [ -s "$run/truth.txt" ] || continue
        outcomes "$run/fault2.json" -p no:cacheprovider || continue   # a second run: failing twice, not flaking
        python3 "$helper" truth "$run/clean.json" "$run/clean2.json" "$run/fault.json" "$run/fault2.json" "$base/flaky.txt" > "$run/truth.txt" || continue
        [ -s "$run/truth.txt" ] && { fault=$candidate; break; }
    done 3< "$run/candidates.jsonl"
    if [ -z "$fault" ]; then
        skipped+=("v$prev → v$v: no fault among $tries of $ncand candidates on its changed src/ lines made a test newly fail")
        # Still advance both tools to k, as their users would.
    else
        git commit -qam "fault on $v" && tip=$(git rev-parse HEAD) && git tag "fault-$v"
        nfail=$(count < "$run/truth.txt")
        counted=$((counted + 1))
        desc=$(python3 -c 'import json, sys; c = json.loads(sys.argv[1]); print(("%s: `%s:%d` `%s` → `%s`" % (c["kind"], c["path"].removeprefix("src/click/"), c["line"], c["old"], c["new"])).replace("|", "\\|"))' "$fault")
        # Push k-1 → F, data as kept at k-1.
        ask_tools "v$prev" "$tip" "$run" ""
        affected_ms+=("$(cat "$run/coverage.ms")")
        cells=()
        for t in "${tools[@]}"; do
            read -r hit ran fraction <<< "$(judge "$run/$t.ids")"
            [ "$hit" -gt 0 ] && caught[$t]=$((caught[$t] + 1))
            [ "$hit" -eq "$nfail" ] && complete[$t]=$((complete[$t] + 1))
            eval "fractions_$t+=($fraction)"
            mark=""; [ "$t" = testmon ] && mark=$(off_mark "$run/testmon.json") && [ -n "$mark" ] && testmon_off=$((testmon_off + 1))
            cells+=("$(cell "$hit" "$ran" "$mark")")
            note_miss "$t" "$run/$t.ids" "v$prev → fault on v$v"
        done
        rows+=("| v$prev → v$v | $desc | $nfail | ${cells[0]} | ${cells[1]} | ${cells[2]} | $(cat "$run/coverage.reason") |")
    fi

    # Advance both tools to clean release k.
    clean_tree "v$v"
    s=$(now); "$GATE" run --from "v$prev" --to "v$v" --no-fix > "$run/gate-run.txt" 2>&1 || true; gate_run_s=$(elapsed "$s")
    read -r gate_ran gate_why <<< "$(python3 "$helper" gate-run .git/gate/events.jsonl)"
    s=$(now); outcomes "$run/testmon-advance.json" --testmon "${testmon_flags[@]}" || true; testmon_run_s=$(elapsed "$s")
    testmon_ran=$(python3 "$helper" count "$run/testmon-advance.json" 2>/dev/null || echo "?")
    timing+=("| v$prev → v$v | $total | $full_s s | $gate_ran in $gate_run_s s ($gate_why) | $testmon_ran in $testmon_run_s s$(off_mark "$run/testmon-advance.json") |")

    # F alone on top of release k (k → F), data as kept at k.
    if [ -n "$fault" ]; then
        ask_tools "v$v" "$tip" "$run" 2
        cells=()
        for t in "${tools[@]}"; do
            read -r hit ran fraction <<< "$(judge "$run/${t}2.ids")"
            [ "$hit" -gt 0 ] && caught2[$t]=$((caught2[$t] + 1))
            [ "$hit" -eq "$nfail" ] && complete2[$t]=$((complete2[$t] + 1))
            eval "fractions2_$t+=($fraction)"
            mark=""; [ "$t" = testmon ] && mark=$(off_mark "$run/testmon2.json")
            cells+=("$(cell "$hit" "$ran" "$mark")")
            note_miss "$t" "$run/${t}2.ids" "v$v → fault"
        done
        rows2+=("| v$v → fault | $nfail | ${cells[0]} | ${cells[1]} | ${cells[2]} | $(cat "$run/coverage2.reason") |")
    fi
    prev=$v
done
clean_tree "v${versions[-1]}"

median() { python3 -c 'import statistics, sys; v=[float(x) for x in sys.argv[1:]]; print(f"{statistics.median(v) * 100:.1f}%" if v else "n/a")' "$@"; }
median_plain() { python3 -c 'import statistics, sys; v=[float(x) for x in sys.argv[1:]]; print(f"{statistics.median(v):.0f}" if v else "n/a")' "$@"; }
tm_version=$(python3 -c 'import importlib.metadata as m; print(m.version("pytest-testmon"))')
summary() { # caught-array complete-array fraction-prefix
    local -n c=$1 k=$2
    local p=$3
    echo "| tool | faults caught (≥1 failing test run) | faults with every failing test run | median fraction of tests run |"
    echo "|---|---|---|---|"
    eval "echo \"| gate static (import closure) | \${c[static]}/$counted | \${k[static]}/$counted | \$(median \"\${${p}_static[@]}\") |\""
    eval "echo \"| gate coverage + safety net | \${c[coverage]}/$counted | \${k[coverage]}/$counted | \$(median \"\${${p}_coverage[@]}\") |\""
    eval "echo \"| pytest-testmon $tm_version | \${c[testmon]}/$counted | \${k[testmon]}/$counted | \$(median \"\${${p}_testmon[@]}\") |\""
}

n=$((${#versions[@]} - 1))
echo "## Python selection on real history: click ${versions[0]} … ${versions[-1]} ($n release transitions, $counted with a fault)"
echo
echo "Each release's sdist is one commit; the tools are seeded once at ${versions[0]} and then advanced release by release"
echo "as their users would (\`gate run --from k-1 --to k\`; \`pytest --testmon\` at k). A fault commit is release k plus one"
echo "mutation on a line release k changed in src/; ground truth = the tests that fail in two full runs of it and in"
echo "neither of two full runs of release k (test functions seen to flake between two runs of a release left out)."
echo "Python $(python3 -c 'import platform; print(platform.python_version())'), pytest $(python3 -c 'import pytest; print(pytest.__version__)'), coverage $(python3 -c 'import coverage; print(coverage.__version__)'), pytest-testmon $tm_version; gate $("$GATE" --version)."
echo "Cells: newly failing tests the tool ran (or selected) / newly failing tests, and how many tests it ran (of the suite)."
echo "‡: pytest-testmon's selection was off, as it turns itself off when pytest gets -m (the project's addopts pass"
echo "\`-m 'not stress'\` from 8.3.2 on), so it ran every test; TESTMON_FLAGS=--testmon-forceselect overrides that."
echo
echo "### The release pushed with the fault (k-1 → fault), data as kept at k-1"
echo
echo "| push | fault | failing | gate static | gate coverage + safety net | pytest-testmon | gate coverage: why |"
echo "|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
summary caught complete fractions
echo
[ "$testmon_off" -eq 0 ] || echo "- pytest-testmon's selection was off (‡) on $testmon_off of these $counted pushes."
if [ ${#skipped[@]} -gt 0 ]; then printf -- '- skipped: %s\n' "${skipped[@]}"; fi
echo
echo "### The fault alone on top of release k (k → fault), data as kept at k"
echo
echo "| push | failing | gate static | gate coverage + safety net | pytest-testmon | gate coverage: why |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${rows2[@]}"
echo
summary caught2 complete2 fractions2
echo
echo "### Misses (a newly failing test the tool did not run)"
echo
if [ -s "$base/misses.md" ]; then cat "$base/misses.md"; else echo "None."; echo; fi
echo "### Advancing to each release (tests run and wall time)"
echo
echo "Seed at ${versions[0]}: gate \`index build --coverage\` ${seed_gate_s:-?} s of pytest; \`pytest --testmon\` $seed_testmon_s s."
echo "Median \`gate affected\` for a k-1 → fault push with coverage: $(median_plain "${affected_ms[@]}") ms."
echo
echo "| push | tests | full suite (plain pytest) | gate run k-1 → k (with coverage recording) | pytest --testmon at k |"
echo "|---|---|---|---|---|"
printf '%s\n' "${timing[@]}"
