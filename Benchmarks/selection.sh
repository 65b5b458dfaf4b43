#!/usr/bin/env bash
# Test selection on a real history: replays the last N commits of a Python project with a pytest suite
# (gen_pyfixture.py: ~30 modules, ~150 tests, each commit touching 1-3 modules) and, per commit, reports the tests
# `gate affected` selects against the total, and the wall time of `gate run --no-fix` (selected) against
# `gate run --no-fix --all` (everything), alternated.
# Env: N (commits replayed, default 15), MODULES (30), TESTS_PER_MODULE (5), WORK_MS (per-test work, 5), RUNS (3).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
base="$WORK/selection"
n="${N:-15}" runs="${RUNS:-3}"
rm -rf "$base"; mkdir -p "$base"
isolated_git "$base"
venv="$here/.venv"
[ -x "$venv/bin/pytest" ] || { [ -x "$venv/bin/python" ] || python3 -m venv "$venv"; "$venv/bin/pip" install -q pytest; }
export PATH="$venv/bin:$PATH"   # gate runs `python3 -m pytest`: the venv's
repo="$base/repo"
fixture=$(python3 "$here/gen_pyfixture.py" "$repo" "${MODULES:-30}" "${TESTS_PER_MODULE:-5}" "$((n + 5))" "$base/plan.json" "${WORK_MS:-5}")
cd "$repo"
mapfile -t shas < <(git rev-list --reverse HEAD | tail -n "$((n + 1))")
"$GATE" index build --rev "${shas[0]}" > /dev/null
printf 'commit\tfiles\tselected_files\ttotal_files\tselected_cases\ttotal_cases\tmode\tsel_ms\tall_ms\n' > "$base/rows.tsv"
for i in $(seq 1 "$n"); do
    from=${shas[$((i - 1))]} to=${shas[$i]}
    git checkout -q --detach "$to"   # the pushed commit is HEAD with a clean tree: gate runs in the work tree
    # Every measured run starts from the state gate had before this commit (.git/gate: index, verified trees, recorded
    # coverage), so no run sees what another run of the same commit recorded (a passed tree is answered at once, and
    # coverage recorded on this very commit would flatter the selection). Afterwards one selected run, as the push would
    # have done, carries the state on to the next commit.
    rm -rf "$base/state"; cp -r .git/gate "$base/state"
    restore="sh -c 'rm -rf $repo/.git/gate && cp -r $base/state $repo/.git/gate'"
    reset_state() { rm -rf .git/gate && cp -r "$base/state" .git/gate; }
    "$GATE" affected --from "$from" --to "$to" --format json > "$base/affected.$i.json"
    reset_state; "$GATE" run --from "$from" --to "$to" --no-fix > /dev/null 2> "$base/run.$i.txt"
    reset_state; "$GATE" run --from "$from" --to "$to" --no-fix --all > /dev/null 2> "$base/all.$i.txt"
    bench "$base/time.$i" "$runs" 1 0 --prepare "$restore" \
        -n "gate run --no-fix (selected)" "$GATE run --from $from --to $to --no-fix" \
        -n "gate run --no-fix --all" "$GATE run --from $from --to $to --no-fix --all"
    reset_state; "$GATE" run --from "$from" --to "$to" --no-fix > /dev/null 2>&1
    python3 - "$base" "$i" "$to" >> "$base/rows.tsv" <<'PY'
import glob, json, re, statistics, subprocess, sys
base, i, sha = sys.argv[1], sys.argv[2], sys.argv[3]
a = json.load(open(f"{base}/affected.{i}.json"))
total_files = len([p for p in subprocess.run(["git", "ls-files", "tests/test_*.py"], capture_output=True, text=True).stdout.split()])
def cases(path):
    m = re.search(r"tests\s+(\d+) passed, (\d+) failed, (\d+) errors, (\d+) skipped", open(path).read())
    return sum(int(x) for x in m.groups()) if m else 0
def med(name):
    t = [x for p in glob.glob(f"{base}/time.{i}.*.json") for r in json.load(open(p))["results"] if r["command"] == name for x in r["times"]]
    return statistics.median(t) * 1000
sel = len({t["id"] for t in a["tests"]}) if a["mode"] == "selected" else (total_files if a["mode"] == "all" else 0)
print("\t".join(str(v) for v in [sha[:10], len(a["changed"]), sel, total_files, cases(f"{base}/run.{i}.txt"),
                                 cases(f"{base}/all.{i}.txt"), a["mode"], f"{med('gate run --no-fix (selected)'):.0f}",
                                 f"{med('gate run --no-fix --all'):.0f}"]))
PY
done
echo "## Test selection replayed over $n commits"
echo
echo "Fixture: gen_pyfixture.py, $fixture; each commit touches 1-3 modules (behaviour-preserving edits, sometimes a new"
echo "test); every test also spins ${WORK_MS:-5} ms as a stand-in for real work. Per commit (parent..commit, the commit checked"
echo "out clean so gate runs in the work tree): \`gate affected --format json\` for the selection, then \`gate run --no-fix\`"
echo "and \`gate run --no-fix --all\` alternated, ${runs} runs each (hyperfine -N, 1 run per round); every run starts from"
echo "gate's state (.git/gate) as it was before the commit, then one selected run carries it on; medians in ms."
echo "Selected/total test files from \`gate affected\`; test cases from gate's own summary of each run."
echo
python3 - "$base/rows.tsv" <<'PY'
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
print("| commit | files changed | test files selected / total | test cases run / total | mode | gate run selected ms | gate run --all ms | ratio |")
print("|---|---|---|---|---|---|---|---|")
for r in rows:
    print(f"| {r['commit']} | {r['files']} | {r['selected_files']} / {r['total_files']} | {r['selected_cases']} / {r['total_cases']} | {r['mode']} "
          f"| {r['sel_ms']} | {r['all_ms']} | {int(r['sel_ms']) / int(r['all_ms']):.2f}× |")
m = lambda k: statistics.median(float(r[k]) for r in rows)
frac = statistics.median(int(r["selected_cases"]) / int(r["total_cases"]) for r in rows)
print()
print(f"Medians over {len(rows)} commits: {m('selected_files'):.0f} of {m('total_files'):.0f} test files selected;"
      f" {frac * 100:.0f}% of test cases run; gate run {m('sel_ms'):.0f} ms selected vs {m('all_ms'):.0f} ms --all"
      f" ({statistics.median(int(r['sel_ms']) / int(r['all_ms']) for r in rows):.2f}× the time).")
PY
