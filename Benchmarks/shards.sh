#!/usr/bin/env bash
# Shard balance: gate's plans vs the lower bound, pytest-split 0.11.0 (same recorded durations as its .test_durations)
# and round-robin, on a generated pytest project of 2,000 sleep-based tests (~80 s in all, skewed); then the
# correctness check (N=4: every shard run in turn fails what the one unsharded run failed), and a real project's
# `gate plan --shards 4 --format github` after one recorded run (sqlparse 0.5.1 from PyPI).
# Results: Benchmarks/results/shards.md. Needs a built gate (swift build) and python3 with pytest.
# SHARDS_PART=real re-runs only the real project (the other parts are kept from the last run, under the cache dir).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"
gate=${GATE:-$here/../.build/debug/gate}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/gate-real-projects
mkdir -p "$cache"
split_venv="$cache/venv-pytest-split-0.11.0"
[ -x "$split_venv/bin/pytest" ] || { python3 -m venv "$split_venv" && "$split_venv/bin/pip" install -q pytest-split==0.11.0; }
work_root=$(mktemp -d)
trap 'rm -rf "$work_root"' EXIT
out="$here/results/shards.md"
parts="$cache/shards-parts"; mkdir -p "$parts"
python=$(python3 -c 'import sys; print(sys.executable)')  # the interpreter with pytest, before HOME is isolated
isolated_git "$work_root"

if [ "${SHARDS_PART:-all}" = all ]; then

work="$work_root/skewed"
mkdir -p "$work" && cd "$work"
python3 "$here/shards.py" generate "$work" | tee "$parts/expected"
git init -q && git add -A && git commit -qm skewed
echo "== one recorded unsharded run (gate run --all --no-fix)"
start=$(date +%s)
"$gate" run --all --no-fix --json "$parts/whole.json" >"$parts/whole.log" 2>&1 || true
echo "unsharded run: $(( $(date +%s) - start )) s wall; $(tail -n 3 "$parts/whole.log" | tr '\n' ' ')"
python3 "$here/shards.py" compare "$gate" "$split_venv/bin/python" "$work" "$parts/table.md" | tee "$parts/compare"

echo "== correctness: 4 shards of one plan, run in turn"
"$gate" plan --shards 4 --all --format json > "$parts/plan4.json" 2>/dev/null
for k in 1 2 3 4; do
    "$gate" run --all --no-fix --shard "$k/4" --plan "$parts/plan4.json" --json "$parts/shard-$k.json" >"$parts/shard-$k.log" 2>&1 || true
done
"$gate" report merge "$parts"/shard-*.json --output "$parts/merged.json" > "$parts/merge.log" 2>&1 || true
python3 - "$parts" > "$parts/correct" <<'PY'
import json, sys
d = sys.argv[1]
def cases(path):
    r = json.load(open(path))
    return [c for t in r["targets"] for s in t["results"] for c in s["cases"]]
bad = lambda cs: sorted(c["name"] for c in cs if c["status"] in ("failed", "errored"))
whole, shards = cases(d + "/whole.json"), [cases(d + "/shard-%d.json" % k) for k in range(1, 5)]
ran = [c["name"] for s in shards for c in s]
plan = json.load(open(d + "/plan4.json"))
ids = [u["id"] for s in plan["shards"] for u in s["units"]]
print("unsharded: %d tests, failing %s" % (len(whole), bad(whole)))
print("4 shards: %d tests run, %d distinct, failing %s" % (len(ran), len(set(ran)), bad([c for s in shards for c in s])))
print("union = selection: %s; no test in two shards: %s; same failing set: %s" % (
    set(ids) == {c["name"] for c in whole}, len(ids) == len(set(ids)), bad(whole) == bad([c for s in shards for c in s])))
print("gate report merge: " + open(d + "/merge.log").read().strip().splitlines()[-1])
PY
cat "$parts/correct"
fi

echo "== real project: sqlparse 0.5.1"
[ -f "$cache/sqlparse-0.5.1.tar.gz" ] || (cd "$cache" && python3 -m pip download -q --no-binary :all: --no-deps sqlparse==0.5.1)
real="$work_root/sqlparse"
mkdir -p "$real" && tar -xzf "$cache/sqlparse-0.5.1.tar.gz" -C "$real" --strip-components=1
cd "$real"
printf 'version: 1\nsuites:\n  - name: unit\n    runner: pytest\n    python: %s\n    env: {PYTHONPATH: .}\nselection:\n  coverage: false\nfix:\n  provider: none\n' "$python" > .gate.yml
git init -q && git add -A && git commit -qm sqlparse-0.5.1
"$gate" plan --shards 4 --all --format text > "$parts/real-before.txt" 2>&1 || true
"$gate" run --all --no-fix > "$parts/real-run.log" 2>&1 || true
{ echo '$ gate plan --shards 4 --all --format github'; "$gate" plan --shards 4 --all --format github 2>&1; echo
  echo '$ gate plan --shards 4 --all'; "$gate" plan --shards 4 --all 2>&1; } > "$parts/real.txt"
cat "$parts/real.txt"

{
    echo "# Shards: makespan of gate's plans ($(date -u +%Y-%m-%d))"
    echo
    echo "Benchmarks/shards.sh. Generated pytest project: 40 files × 50 sleep-based tests, 5 injected failures; $(cat "$parts/expected")."
    echo "Durations are the ones one real \`gate run --all --no-fix\` recorded in gate's history; every split below is priced by"
    echo "those same numbers (pytest-split 0.11.0 reads them as its .test_durations). Ratio = makespan / max(total/N, longest)."
    echo
    cat "$parts/table.md"
    echo
    tail -n 1 "$parts/compare"
    echo
    echo "## Correctness (N=4, one shared plan, shards run in turn)"
    echo
    sed 's/^/    /' "$parts/correct"
    echo
    echo "## Real project: sqlparse 0.5.1 (PyPI sdist), after one recorded \`gate run --all --no-fix\`"
    echo
    echo "Before the recorded run: $(sed -n 2p "$parts/real-before.txt")"
    echo "The recorded run: \`$(grep -E ' passed| failed' "$parts/real-run.log" | tail -n 1 | sed 's/^ *//')\`"
    echo
    echo '```'
    cat "$parts/real.txt"
    echo '```'
} > "$out"
echo "wrote $out"
