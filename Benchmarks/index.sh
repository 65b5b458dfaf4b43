#!/usr/bin/env bash
# Dependency index: cold build (`gate index build --full`), incremental build after a one-line change to one file
# (`gate index build` with the index of the parent commit in place), and `gate affected` on that one-file change, with
# peak memory of each. Repositories: this one (a clone of /work/main's HEAD) and generated ones of 2,000 and 20,000 files
# in each supported language (gen_graph.py: layered packages importing a few modules from lower layers, tests importing
# the module under test).
# Env: SIZES (default "2000 20000"), LANGS (default "python ts go swift"), SELF (default 1: include this repository),
#      COLD_ROUNDS (default 5), RUNS (default 20).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
base="$WORK/index"
sizes="${SIZES:-2000 20000}" langs="${LANGS:-python ts go swift}" cold_rounds="${COLD_ROUNDS:-5}" runs="${RUNS:-20}"
rm -rf "$base"; mkdir -p "$base"
isolated_git "$base"
repo_root=$(cd "$here/.." && pwd)
command -v /usr/bin/time >/dev/null || { echo "index.sh: /usr/bin/time is missing: apt-get install -y time" >&2; exit 2; }

peak_kb() { /usr/bin/time -f %M -o "$base/peak" "$@" > "$base/last.out" 2>&1; cat "$base/peak"; }

# measure NAME DIR FILE COMMENT: DIR is a committed repository; FILE gets the line COMMENT appended for the one-file change.
measure() {
    local name=$1 dir=$2 file=$3 comment=$4 m
    m="$base/$(echo "$name" | tr -c 'a-zA-Z0-9\n' '_')"
    cd "$dir"
    echo "files=$(git ls-files | wc -l)" > "$m.meta"
    # cold
    echo "cold_peak_kb=$(peak_kb "$GATE" index build --full)" >> "$m.meta"
    echo "cold_stats='$(head -1 "$base/last.out")'" >> "$m.meta"
    echo "tests_total=$(grep -o 'tests [0-9]*' "$base/last.out" | head -1 | cut -d' ' -f2)" >> "$m.meta"
    bench "$m.cold" "$cold_rounds" 1 0 \
        -n "git archive HEAD (reads every blob)" "git archive HEAD" \
        -n "gate index build --full" "$GATE index build --full"
    # the index directory is saved and restored whole (whatever its format's file name)
    local index=.git/gate/index
    save() { rm -rf "$1" && cp -r "$index" "$1"; }
    restore() { echo "sh -c 'rm -rf $index && cp -r $1 $index'"; }
    save "$m.prev"
    # the one-file change
    echo "$comment" >> "$file"
    git commit -qam "one-line change to $file"
    echo "incr_peak_kb=$(rm -rf "$index" && cp -r "$m.prev" "$index" && peak_kb "$GATE" index build)" >> "$m.meta"
    echo "incr_stats='$(head -1 "$base/last.out")'" >> "$m.meta"
    save "$m.cur"
    echo "index_bytes=$(du -sb "$index" | cut -f1)" >> "$m.meta"
    bench "$m.incr" $((runs / 5)) 5 1 \
        --prepare "$(restore "$m.cur")" -n "git diff --name-only HEAD~1 HEAD" "git diff --name-only HEAD~1 HEAD" \
        --prepare "$(restore "$m.prev")" -n "gate index build (1 file changed)" "$GATE index build"
    # affected, with the index current (built for HEAD) and one commit behind (as after the previous push)
    rm -rf "$index" && cp -r "$m.cur" "$index"
    echo "aff_peak_kb=$(peak_kb "$GATE" affected --from HEAD~1 --to HEAD --format json)" >> "$m.meta"
    echo "selected=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["tests"]), d["mode"])' "$base/last.out")" >> "$m.meta"
    bench "$m.aff" $((runs / 5)) 5 1 \
        --prepare "$(restore "$m.cur")" -n "git diff --name-only HEAD~1 HEAD" "git diff --name-only HEAD~1 HEAD" \
        --prepare "$(restore "$m.cur")" -n "gate affected (index current)" "$GATE affected --from HEAD~1 --to HEAD --format json" \
        --prepare "$(restore "$m.prev")" -n "gate affected (index one commit behind)" "$GATE affected --from HEAD~1 --to HEAD --format json"
    echo "$name" >> "$base/order"
    cd "$base"
}

if [ "${SELF:-1}" = 1 ]; then
    git clone -q "$repo_root" "$base/self"
    measure "gate (this repo)" "$base/self" Sources/GateCore/Selection/RepoPath.swift "// touched"
fi
for size in $sizes; do
    for lang in $langs; do
        dir="$base/$lang-$size"
        mkdir -p "$dir"
        change=$(python3 "$here/gen_graph.py" "$lang" "$size" "$dir")
        (cd "$dir" && git init -q && git add -A && git commit -qm "generated $lang $size")
        case $lang in python) comment="# touched" ;; *) comment="// touched" ;; esac
        measure "$lang $size" "$dir" "$change" "$comment"
    done
done

echo "## Dependency index: cold build, incremental build, gate affected"
echo
echo "Repositories: this one (clone of HEAD) and generated ones (gen_graph.py: 6 layers of packages of 12 modules, each"
echo "importing 1-4 modules from lower layers, a test file per third module importing the module under test; Swift as one"
echo "SwiftPM package with a library and a test target per package). One-file change: one line appended to a mid-layer module."
echo "Method: cold = \`gate index build --full\`, ${cold_rounds} alternating rounds of 1 run against \`git archive HEAD\` (reads every"
echo "blob: a floor). Incremental = \`gate index build\` with the parent commit's index restored before each run (hyperfine"
echo "--prepare; the same restore precedes the baseline so both pay it alike). affected = \`gate affected --from HEAD~1 --to HEAD --format json\`, index restored before each run, against"
echo "\`git diff --name-only HEAD~1 HEAD\`. ${runs} runs each in alternating rounds of 5. Peak RSS: \`/usr/bin/time -f %M\`, one run."
echo "Targets: cold ≤ 3 s at 20k files; incremental ≤ 50 ms; affected ≤ 50 ms."
echo
python3 - "$base" <<'PY'
import json, re, statistics, sys, glob, os
base = sys.argv[1]
def med(prefix, command):
    t = [x for p in sorted(glob.glob(prefix + ".*.json")) for r in json.load(open(p))["results"] if r["command"] == command for x in r["times"]]
    return statistics.median(t) * 1000
def meta(name):
    d = {}
    for line in open(os.path.join(base, name + ".meta")):
        k, v = line.rstrip("\n").split("=", 1)
        d[k] = v.strip("'")
    return d
def mark(value, target):
    return f"{value:.0f}" if value <= target else f"**{value:.0f}** (miss)"
print("| repository | files | cold ms | cold peak MB | git archive ms | incremental ms | incr. peak MB | affected ms (current) | affected ms (1 behind) | affected peak MB | git diff ms | affected / git diff | index size MB | selected test units (files, Go packages, Swift targets); test files indexed |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
notes = []
for name in open(os.path.join(base, "order")).read().split("\n"):
    if not name:
        continue
    slug = re.sub(r"[^a-zA-Z0-9]", "_", name)
    m, p = meta(slug), os.path.join(base, slug)
    files = int(m["files"])
    cold = med(p + ".cold", "gate index build --full")
    cold_txt = mark(cold, 3000) if files >= 20000 else f"{cold:.0f}"
    incr = med(p + ".incr", "gate index build (1 file changed)")
    aff = med(p + ".aff", "gate affected (index current)")
    aff_stale = med(p + ".aff", "gate affected (index one commit behind)")
    gd = med(p + ".aff", "git diff --name-only HEAD~1 HEAD")
    sel = m["selected"].split()
    print(f"| {name} | {files} | {cold_txt} | {int(m['cold_peak_kb']) / 1024:.0f} | {med(p + '.cold', 'git archive HEAD (reads every blob)'):.0f} "
          f"| {mark(incr, 50)} | {int(m['incr_peak_kb']) / 1024:.0f} | {mark(aff, 50)} | {mark(aff_stale, 50)} | {int(m['aff_peak_kb']) / 1024:.0f} "
          f"| {gd:.1f} | {aff / gd:.1f}× | {int(m['index_bytes']) / 1e6:.1f} | {sel[0]} ({sel[1]}); {m['tests_total']} |")
    notes.append(f"- {name}: cold: `{m['cold_stats']}`; incremental: `{m['incr_stats']}`")
print()
print("gate's own report of each build (its internal timer excludes process start and writing the index):")
print()
print("\n".join(notes))
PY
echo
echo "<details><summary>Per-repository tables (medians over all rounds)</summary>"
echo
while IFS= read -r name; do
    echo "#### $name"
    echo
    slug=$(echo "$name" | tr -c 'a-zA-Z0-9\n' '_')
    for part in cold incr aff; do python3 "$here/median.py" "$base/$slug.$part".*.json; echo; done
done < "$base/order"
echo "</details>"
