#!/usr/bin/env bash
# JS selection, measured two ways (Benchmarks/results/js_selection.md):
#  1. side by side with Jest's own `jest --findRelatedTests` on a generated Jest project (a module graph with a hub, a
#     chain, leaves and a JSON import): for each source file, a fault (a top-level throw, and a flipped comparison), and
#     a package.json change. Per change: the test files gate selects, those Jest relates, and those that really fail
#     (a full Jest run). Safety: every failing file selected; size: the fraction of test files run.
#  2. a mutation replay on a real project with mocha tests: jshttp/negotiator 1.0.0 (commit f808e27, no runtime
#     dependencies), fetched from GitHub once into ~/.cache/gate-real-projects; the same faults on every source file,
#     failing test files from Debian's mocha.
# Needs: gate (GATE=…, else the debug build, else ~/.local/bin/gate), git, python3, mocha (apt), and Jest from
# Tests/setup_jest.sh. RUNS (default 5) timings per command for the medians.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
export GATE="${GATE:-$( [ -x "$root/.build/debug/gate" ] && echo "$root/.build/debug/gate" || echo "$HOME/.local/bin/gate")}"
jest_dir=$("$root/Tests/setup_jest.sh")
cache="${XDG_CACHE_HOME:-$HOME/.cache}/gate-real-projects"
work="${WORK:-$here/work}/js_selection"
rm -rf "$work"; mkdir -p "$work" "$cache"
source "$here/lib.sh"
isolated_git "$work"
exec python3 "$here/js_selection.py" --gate "$GATE" --jest-dir "$jest_dir" --cache "$cache" --work "$work" \
    --runs "${RUNS:-5}" --out "$here/results/js_selection.md" --transcript "${TRANSCRIPT:-$here/results/js_selection_transcript.txt}"
