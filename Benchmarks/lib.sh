# Shared helpers for the benchmark scripts (sourced, not run).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# isolated_git DIR: a private HOME and git config under DIR, so the user's config and hooks play no part.
isolated_git() {
    export HOME="$1/home" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$1/home/.gitconfig"
    mkdir -p "$HOME"
    printf '[user]\n\tname = bench\n\temail = bench@example.invalid\n[init]\n\tdefaultBranch = main\n[gc]\n\tauto = 0\n' > "$GIT_CONFIG_GLOBAL"
}

# isolated_git_for_swiftpm DIR: isolated_git, keeping the url.<mirror>.insteadOf rewrites of the user's and the
# system's git config (on this machine, github.com to /opt/swift-packages): SwiftPM fetches dependencies with git.
isolated_git_for_swiftpm() {
    local rewrites key value
    rewrites=$(git config --get-regexp '^url\..*\.insteadof$' 2>/dev/null || true)
    isolated_git "$1"
    while read -r key value; do
        [ -n "$key" ] && git config --global --add "$key" "$value"
    done <<< "$rewrites"
}

# bench OUT ROUNDS PER_ROUND WARMUP hyperfine-args...
# hyperfine runs all runs of one command before the next, so on a noisy machine a drift lands on one command only. This
# runs hyperfine ROUNDS times with PER_ROUND runs of each command, so the commands alternate A B A B ... in blocks of
# PER_ROUND; median.py merges the rounds (OUT.1.json ... OUT.ROUNDS.json) by command.
bench() {
    local out=$1 rounds=$2 per=$3 warm=$4 r
    shift 4
    rm -f "$out".*.json
    for r in $(seq "$rounds"); do
        hyperfine -N -w "$warm" -r "$per" --export-json "$out.$r.json" "$@" >/dev/null 2>"$out.err" \
            || { cat "$out.err" >&2; return 1; }
    done
}

# table OUT: the Markdown table of medians for the rounds of OUT.
table() { python3 "$here/median.py" "$1".*.json; }

# median_of OUT COMMAND-NAME: the median in ms of one command across the rounds of OUT.
median_of() {
    python3 - "$2" "$1".*.json <<'PY'
import json, statistics, sys
t = [x for p in sys.argv[2:] for r in json.load(open(p))["results"] if r["command"] == sys.argv[1] for x in r["times"]]
print(f"{statistics.median(t) * 1000:.1f}")
PY
}
