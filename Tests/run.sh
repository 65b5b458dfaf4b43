#!/usr/bin/env bash
# The README's test command: installs what the test suite needs when it is missing, then runs `swift test`.
#   Tests/run.sh [swift test arguments…]      e.g. Tests/run.sh --filter FixLoop
# The tests drive real tools: git, libgit2 (to build), python3 with pytest and coverage.py, go, node, mocha, jest, the
# hook managers lefthook and pre-commit, and the checkers of gate's reports: jsonschema, junitparser, xmllint, chromium.
# Re-running it is cheap: each dependency is installed only when absent.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf 'Tests/run.sh: %s\n' "$*"; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"
    else say "needs root to run: $*"; say "run it yourself (or as root), then Tests/run.sh again."; exit 1
    fi
}

apt_missing=()
pkg-config --exists libgit2 2>/dev/null || apt_missing+=(libgit2-dev pkg-config)
pkg-config --exists sqlite3 2>/dev/null || apt_missing+=(libsqlite3-dev)
command -v git >/dev/null 2>&1 || apt_missing+=(git)
command -v chromium >/dev/null 2>&1 || apt_missing+=(chromium)   # renders gate stats' HTML page (StatsTests)
command -v strace >/dev/null 2>&1 || apt_missing+=(strace)       # a docs-only push opens no history database
command -v go >/dev/null 2>&1 || apt_missing+=(golang-go)
command -v node >/dev/null 2>&1 || apt_missing+=(nodejs)
command -v mocha >/dev/null 2>&1 || apt_missing+=(mocha)
command -v python3 >/dev/null 2>&1 || apt_missing+=(python3 python3-pip)
python3 -c 'import venv, ensurepip' 2>/dev/null || apt_missing+=(python3-venv)
command -v xmllint >/dev/null 2>&1 || apt_missing+=(libxml2-utils)      # JUnit XML checked against junit-10.xsd
command -v chromium >/dev/null 2>&1 || apt_missing+=(chromium)          # the HTML report rendered by a real browser
if [ ${#apt_missing[@]} -gt 0 ]; then
    command -v apt-get >/dev/null 2>&1 || { say "missing ${apt_missing[*]}: install them with your package manager"; exit 1; }
    say "installing ${apt_missing[*]} with apt-get"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi

# Python packages the tests use, pinned where a test depends on the tool's behaviour.
pip_wanted=("pytest:pytest" "coverage:coverage" "jsonschema:jsonschema==4.26.0" "junitparser:junitparser==3.2.0")
pip_missing=()
for entry in "${pip_wanted[@]}"; do
    module=${entry%%:*}; requirement=${entry#*:}
    python3 -c "import $module" 2>/dev/null || pip_missing+=("$requirement")
done
if [ ${#pip_missing[@]} -gt 0 ]; then
    say "installing ${pip_missing[*]} with pip"
    python3 -m pip install -q "${pip_missing[@]}" 2>/dev/null \
        || python3 -m pip install -q --break-system-packages "${pip_missing[@]}"
fi

# The hook managers the integration tests install for real, in a venv of their own: its python3 has no pytest, so
# its bin/ goes last on PATH, where only `lefthook` and `pre-commit` are found in it.
tools="${GATE_TEST_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/gate-test-tools}"
if ! "$tools/bin/lefthook" version >/dev/null 2>&1 || ! "$tools/bin/pre-commit" --version >/dev/null 2>&1; then
    say "installing lefthook 2.2.2 and pre-commit 4.7.0 into $tools"
    python3 -m venv "$tools" && "$tools/bin/pip" install -q lefthook==2.2.2 pre-commit==4.7.0
fi
# check-jsonschema (its vendored GitHub Actions and GitLab CI schemas, offline) checks Templates/ci/, in the same venv.
if ! "$tools/bin/check-jsonschema" --version >/dev/null 2>&1; then
    say "installing check-jsonschema 0.39.0 into $tools"
    { [ -x "$tools/bin/pip" ] || python3 -m venv "$tools"; } && "$tools/bin/pip" install -q check-jsonschema==0.39.0
fi
export PATH="$PATH:$tools/bin"

# The real Jest (Debian's jest 29 with Debian's nodejs 18, unpacked under $tools/jest; see Tests/setup_jest.sh).
Tests/setup_jest.sh >/dev/null

exec swift test "$@"
