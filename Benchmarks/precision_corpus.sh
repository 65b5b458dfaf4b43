#!/usr/bin/env bash
# Python test selection on real commits of real libraries: gate (coverage + safety net) against pytest-testmon.
# Issue 13. precision_corpus.py has the method; in short, per commit C (parent P) of each library, M = C plus one
# mutation on a line C changed that makes tests newly fail (ground truth: failing in two full runs of M, in neither of
# two of C). gate: seeded on P (`gate index build --coverage`), `gate affected --from P --to M --format json`, pytest
# on the selection at M. testmon: seeded on P (`pytest --testmon`), `pytest --testmon` at M.
#
#   Benchmarks/precision_corpus.sh [--label NAME[,NAME...]] [--table-only] [LIB...]   LIB: pyflakes sqlparse marshmallow (all)
#   --table-only: write the results from the cached state without running anything (e.g. after libraries ran apart)
#
# Libraries, pinned tips (commits taken newest first from the tip, no merges, that change the library's .py code):
#   pyflakes     PyCQA/pyflakes                 59ec4593efd4c69ce00fdb13c40fcf5f3212ab10 (3.4.0)
#   sqlparse     andialbrecht/sqlparse          60cdc649726bf1bc4f1b336050560b336da715ec
#   marshmallow  marshmallow-code/marshmallow   341b927f219205704728c05cd61f04d7e9727523 (src/ layout)
# Git history comes from a local mirror: $MIRRORS/<owner>+<name>/repo (default /work/.mirror, what the search tool's
# `fetch` writes) or a clone already in the cache. Cached in $CACHE (default ~/.cache/gate-real-projects/precision_corpus):
# each library's clone with its .venv (pytest, coverage, pytest-testmon==2.2.0, the library installed editable with its
# test extras, as its users set it up) and the per-commit state (faults, ground truth, testmon's results): a second
# run redoes only gate's part for a new --label (e.g. after a rebuild), so before/after tables compare the same faults.
#
# --label before,after measures several gate builds on the same faults, one table each. Env: N (faulted commits per library, 20), MAX_TRIES (6), MAX_COMMITS (60), TEST_TIMEOUT (900 s).
# Writes Benchmarks/results/precision_corpus_<label>.md per build; the last of several (with the side-by-side
# comparison), or a lone "after", goes to Benchmarks/results/precision_corpus.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
label=after
table_only=0
libs=()
while [ $# -gt 0 ]; do
    case "$1" in
        --label) label=$2; shift ;;
        --table-only) table_only=1 ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "precision_corpus.sh: unknown option $1" >&2; exit 2 ;;
        *) libs+=("$1") ;;
    esac
    shift
done
[ ${#libs[@]} -gt 0 ] || libs=(pyflakes sqlparse marshmallow)
CACHE="${CACHE:-$HOME/.cache/gate-real-projects/precision_corpus}"
MIRRORS="${MIRRORS:-/work/.mirror}"
export WORK="$CACHE" HERE="$here"
mkdir -p "$CACHE" "$here/results"

declare -A mirror=([pyflakes]=PyCQA+pyflakes [sqlparse]=andialbrecht+sqlparse [marshmallow]=marshmallow-code+marshmallow)
declare -A tip=([pyflakes]=59ec4593efd4c69ce00fdb13c40fcf5f3212ab10 [sqlparse]=60cdc649726bf1bc4f1b336050560b336da715ec
                [marshmallow]=341b927f219205704728c05cd61f04d7e9727523)
declare -A extras=([pyflakes]="" [sqlparse]="" [marshmallow]="simplejson pytz")   # pytz: the tests extra of commits before 2024-10

# Each label is a gate build in $CACHE/gate-<label>/ (bin/gate, Templates/, Hooks/, built-from); a missing one is built
# from this checkout (`swift build -c release`). Labels already measured on a commit are not measured again.
labels=(${label//,/ })
for l in "${labels[@]}"; do
    dest="$CACHE/gate-$l"
    [ -x "$dest/bin/gate" ] && continue
    [ "$table_only" = 1 ] && { echo "precision_corpus.sh: no gate build $dest" >&2; exit 2; }
    (cd "$root" && swift build -c release >&2)
    rm -rf "$dest" && mkdir -p "$dest/bin"
    cp "$root/.build/release/gate" "$dest/bin/gate"
    cp -r "$root/Templates" "$root/Hooks" "$dest/"
    echo "$(git -C "$root" rev-parse --short HEAD) of $(git -C "$root" rev-parse --abbrev-ref HEAD)" > "$dest/built-from"
done
source "$here/lib.sh"
isolated_git "$CACHE"
unset GATE_SKIP PYTHONPATH VIRTUAL_ENV

for lib in "${libs[@]}"; do
    [ "$table_only" = 1 ] && break
    [ -n "${tip[$lib]:-}" ] || { echo "precision_corpus.sh: unknown library $lib" >&2; exit 2; }
    repo="$CACHE/$lib/repo"
    if [ ! -d "$repo/.git" ]; then
        src="$MIRRORS/${mirror[$lib]}/repo"
        [ -d "$src" ] || { echo "precision_corpus.sh: no mirror of $lib at $src (fetch github:${mirror[$lib]/+//})" >&2; exit 2; }
        git clone -q "$src" "$repo"
    fi
    git -C "$repo" cat-file -e "${tip[$lib]}^{commit}"
    echo "${tip[$lib]}" > "$CACHE/$lib/tip"
    imports=$(echo pytest coverage testmon ${extras[$lib]} | tr ' ' ',')
    if ! "$repo/.venv/bin/python" -c "import $imports" 2>/dev/null; then
        git -C "$repo" checkout -q -f "${tip[$lib]}"
        [ -x "$repo/.venv/bin/python" ] || python3 -m venv "$repo/.venv"
        "$repo/.venv/bin/pip" install -q pytest coverage pytest-testmon==2.2.0 ${extras[$lib]} >&2
        "$repo/.venv/bin/pip" install -q -e "$repo" >&2
    fi
    python3 "$here/precision_corpus.py" prepare "$lib" "$label"   # testmon and gate on each fault as it is found
    python3 "$here/precision_corpus.py" testmon "$lib"
    python3 "$here/precision_corpus.py" gate "$lib" "$label"
done

for l in "${labels[@]}"; do
GATE="$CACHE/gate-$l/bin/gate"

out="$here/results/precision_corpus_$l.md"
# The last build of several (the one compared with the others), or a lone "after", is the main result.
if { [ ${#labels[@]} -gt 1 ] && [ "$l" = "${labels[-1]}" ]; } || [ "$label" = after ]; then out="$here/results/precision_corpus.md"; fi
py="$CACHE/${libs[0]}/repo/.venv/bin/python"
{
    echo "# gate vs pytest-testmon on real commits of Python libraries ($l)"
    echo
    echo "Generated by \`Benchmarks/precision_corpus.sh --label $label ${libs[*]}\` on $(date -u +%Y-%m-%dT%H:%M:%SZ);"
    echo "$(nproc) cores shared with other work (load $(cut -d' ' -f1-3 /proc/loadavg)): read times as medians of a noisy machine."
    echo "gate: $GATE ($("$GATE" --version), built from $(cat "$(dirname "$GATE")/../built-from" 2>/dev/null || echo "?"));"
    echo "Python $("$py" -c 'import platform; print(platform.python_version())'), pytest $("$py" -c 'import pytest; print(pytest.__version__)'),"
    echo "coverage $("$py" -c 'import coverage; print(coverage.__version__)'), pytest-testmon $("$py" -c 'import importlib.metadata as m; print(m.version("pytest-testmon"))')."
    echo
    echo "Per commit C (parent P): M = C + one mutation on a line C changed in the library's code (history_replay.py's"
    echo "mutations, in their fixed order, the first that makes a test newly fail; at most \$MAX_TRIES tried). Ground truth ="
    echo "tests failing in two full runs of M and in neither of two full runs of C. gate: \`.git/gate\` removed, seeded on P"
    echo "(\`gate index build --coverage\`), then \`gate affected --from P --to M --format json\`, then pytest on the selected"
    echo "ids at M. testmon: \`.testmondata\` removed, \`pytest --testmon\` on P (seed), then \`pytest --testmon\` at M."
    echo "Caught = every newly failing test was selected (there is at least one); for testmon, selected = ran. gate's"
    echo "fraction = the tests of C's full run its selected ids cover (an id, its file, or its parametrised function) / tests"
    echo "in C's full run; testmon's = the tests it ran / the same. "its run caught": the pytest run on gate's selection"
    echo "ran every newly failing test (it did not when a selected file errored at collection: see the marshmallow rows)."
    echo "Times: wall seconds, medians over the commits."
    echo
    for lib in "${libs[@]}"; do echo "- $lib: tip ${tip[$lib]} (mirror of github.com/${mirror[$lib]/+//})"; done
    echo
    if [ ${#labels[@]} -gt 1 ] && [ "$l" = "${labels[-1]}" ]; then
        echo "## gate builds side by side (${labels[*]}), on the commits all of them measured"
        echo
        for b in "${labels[@]}"; do echo "- gate $b: built from $(cat "$CACHE/gate-$b/built-from" 2>/dev/null || echo "?")"; done
        echo
        python3 "$here/precision_corpus.py" compare "$label" "${libs[@]}"
        echo "## gate $l in detail"
        echo
    fi
    python3 "$here/precision_corpus.py" table "$l" "${libs[@]}"
} > "$out"
cat "$out"
echo "precision_corpus: wrote $out" >&2
done
