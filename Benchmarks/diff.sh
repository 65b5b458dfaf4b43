#!/usr/bin/env bash
# Changed-files computation: `gate changed` (libgit2, in process) against `git diff --name-only` on ranges of 1, 50 and
# 500 commits of a synthetic repository with a long history, generated with `git fast-import`.
# Env: FILES (default 3000), COMMITS (default 3000), RANGES (default "1 50 500"), RUNS (default 20).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
base="$WORK/diff"
files="${FILES:-3000}" commits="${COMMITS:-3000}" runs="${RUNS:-20}"
rm -rf "$base"; mkdir -p "$base"
isolated_git "$base"
repo="$base/repo"
git init -q "$repo"
# History: the first commit adds FILES files in nested directories; every later commit modifies 1-6 files, and now and
# then adds, deletes or renames one (renames keep the content, so git and libgit2 can both pair them).
start=$(date +%s.%N)
python3 - "$files" "$commits" <<'PY' | git -C "$repo" fast-import --quiet
import random, sys
files, commits = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(7)
out = sys.stdout.buffer
def data(text):
    raw = text.encode()
    out.write(b"data %d\n" % len(raw) + raw + b"\n")
def path(i):
    return f"src/pkg{i % 37}/sub{i % 11}/mod_{i}.py"
live = {path(i): i for i in range(files)}
versions = {p: 0 for p in live}
def body(p):
    return f"# {p} v{versions[p]}\n" + "".join(f"def f{k}():\n    return {k + versions[p]}\n" for k in range(8))
next_id = files
for c in range(commits):
    out.write(b"commit refs/heads/main\n")
    out.write(b"committer bench <bench@example.invalid> %d +0000\n" % (1_600_000_000 + c * 60))
    data(f"commit {c}")
    if c == 0:
        for p in live:
            out.write(f"M 100644 inline {p}\n".encode()); data(body(p))
        continue
    for p in rng.sample(list(live), rng.randint(1, 6)):
        versions[p] += 1
        out.write(f"M 100644 inline {p}\n".encode()); data(body(p))
    roll = rng.random()
    if roll < 0.05:
        p = path(next_id); next_id += 1; live[p] = next_id; versions[p] = 0
        out.write(f"M 100644 inline {p}\n".encode()); data(body(p))
    elif roll < 0.08 and len(live) > 10:
        p = rng.choice(list(live)); del live[p]
        out.write(f"D {p}\n".encode())
    elif roll < 0.11 and len(live) > 10:
        p = rng.choice(list(live)); q = p.replace("mod_", "renamed_")
        if q not in live:
            del live[p]; live[q] = 0; versions[q] = versions.pop(p)
            out.write(f"R {p} {q}\n".encode())
PY
git -C "$repo" reset -q --hard main
git -C "$repo" gc -q
gen=$(python3 -c "import time,sys; print(f'{time.time()-float(sys.argv[1]):.1f}')" "$start")
echo "## Changed files: gate changed vs git diff --name-only"
echo
echo "Synthetic repository: $(git -C "$repo" ls-files | wc -l) files, $(git -C "$repo" rev-list --count HEAD) commits" \
    "(1-6 files modified per commit; occasional adds, deletes, renames), generated with git fast-import in ${gen} s."
echo "Method: hyperfine -N in $((runs / 5)) rounds of 5 runs per command (1 warm-up each), so the two commands alternate;" \
    "baseline = \`git diff --name-only\` (default rename detection). Same-set check: sorted unique output lines compared."
echo
cd "$repo"
for n in ${RANGES:-1 50 500}; do
    from="HEAD~$n"
    "$GATE" changed --from "$from" --to HEAD | sort -u > "$base/gate.$n"
    git diff --name-only "$from" HEAD | sort -u > "$base/git.$n"
    git diff --name-only --no-renames "$from" HEAD | sort -u > "$base/git-norenames.$n"
    bench "$base/diff.$n" $((runs / 5)) 5 1 \
        -n "git diff --name-only HEAD~$n HEAD" "git diff --name-only $from HEAD" \
        -n "gate changed --from HEAD~$n --to HEAD" "$GATE changed --from $from --to HEAD"
    echo "### Range of $n commit(s): $(wc -l < "$base/git.$n") files per git, $(wc -l < "$base/gate.$n") per gate"
    echo
    table "$base/diff.$n"
    echo
    if cmp -s "$base/gate.$n" "$base/git.$n"; then
        echo "- same set of files: yes"
    else
        # gate lists old and new paths of renames; git --name-only lists only the new path. Compare with the union.
        sort -u "$base/git.$n" "$base/git-norenames.$n" > "$base/git-union.$n"
        if cmp -s "$base/gate.$n" "$base/git-union.$n"; then
            echo "- same set of files: yes once renames count both paths (git lists $(comm -13 "$base/git.$n" "$base/gate.$n" | wc -l) rename source(s) only with --no-renames)"
        else
            echo "- same set of files: **no**; only in gate: $(comm -13 "$base/git-union.$n" "$base/gate.$n" | head -5 | tr '\n' ' ')" \
                "only in git: $(comm -23 "$base/git-union.$n" "$base/gate.$n" | head -5 | tr '\n' ' ')"
        fi
    fi
    echo
done
