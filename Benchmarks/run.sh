#!/usr/bin/env bash
# Runs gate's benchmarks and writes Benchmarks/results/latest.md.
#   Benchmarks/run.sh            all benchmarks
#   Benchmarks/run.sh noop       some of: noop diff index selection testmon recording precision_history
#   (precision_history replays click's releases from PyPI, sdists cached in Benchmarks/work/cache: about 25 minutes)
#   Benchmarks/run.sh real_projects   the corpus of real projects (not in the default set: ~10 minutes, needs go and
#   swift; it also writes Benchmarks/results/real_projects.md; see Benchmarks/real_projects.sh)
# Needs an installed gate (./install.sh) or GATE=/path/to/gate, hyperfine, git, python3, /usr/bin/time (peers go in a venv here).
# Each script takes RUNS and size overrides (see its header); WORK is the scratch directory (default Benchmarks/work).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
export GATE="${GATE:-$(command -v gate || echo "$HOME/.local/bin/gate")}"
[ -x "$GATE" ] || { echo "run.sh: no gate binary; run ./install.sh first or set GATE" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "run.sh: hyperfine is missing: apt-get install -y hyperfine" >&2; exit 2; }
export WORK="${WORK:-$here/work}"
mkdir -p "$WORK" "$here/results"
out="$here/results/latest.md"
names=("$@")
[ ${#names[@]} -gt 0 ] || names=(noop diff index selection testmon recording precision_history)
{
    echo "# gate benchmarks"
    echo
    echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "- machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr)"
    echo "- gate: $("$GATE" --version) at $GATE; $(git --version); hyperfine $(hyperfine --version | cut -d' ' -f2)"
    echo "- method: hyperfine; compared commands run in the same script in alternating rounds (hyperfine alone runs all runs of one command, then the next; lib.sh's bench repeats it in rounds); medians in ms; ratios against the baseline of the same run"
    echo
} > "$out"
for name in "${names[@]}"; do
    script="$here/$name.sh"
    [ -x "$script" ] || { echo "run.sh: unknown benchmark $name" >&2; exit 2; }
    echo "== $name"
    "$script" | tee -a "$out"
    echo >> "$out"
done
echo "wrote $out"
