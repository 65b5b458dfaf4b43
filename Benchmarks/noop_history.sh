#!/usr/bin/env bash
# The docs-only push before and after the test history (GRDB and SQLite linked into gate), side by side in one run:
# the same docs-only push through each binary's hook, and each binary's `gate pre-push` alone, alternated in rounds.
#   Benchmarks/noop_history.sh BEFORE_GATE AFTER_GATE        (RUNS=30 by default)
# Also checks with strace that the after binary opens no history.sqlite and starts no subprocess on that push.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
before=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
after=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
runs="${RUNS:-30}"
export GATE_SHARE_DIR="${GATE_SHARE_DIR:-$(cd "$here/.." && pwd)}"   # Hooks/ and Templates/ for binaries outside an install
base="${WORK:-$here/work}/noop_history"
rm -rf "$base"; mkdir -p "$base"; cd "$base"
isolated_git "$base"
make_repo() {  # $1 = name, $2 = gate binary: a small Python project, pushed, with a gate hook and one docs-only commit
    git init -q --bare "$1.git"
    git init -q "$1"
    (cd "$1" && mkdir -p pkg tests && printf 'def f():\n    return 1\n' > pkg/__init__.py \
        && printf 'from pkg import f\n\ndef test_f():\n    assert f() == 1\n' > tests/test_f.py \
        && printf '# readme\n' > README.md && printf 'version: 1\nsuites:\n  - name: unit\n    runner: pytest\n' > .gate.yml \
        && git add -A && git commit -qm init && git remote add origin "../$1.git" && git push -q --no-verify origin main \
        && printf 'more docs\n' >> README.md && git commit -qam docs && "$2" install >/dev/null 2>&1)
}
make_repo before "$before"
make_repo after "$after"
reset() { echo "git -C $1 push -q --no-verify -f origin HEAD~1:main"; }
bench "$base/hook" $((runs / 5)) 5 1 \
    --prepare "$(reset before)" -n "git push (hook, before)" "git -C before push -q origin main" \
    --prepare "$(reset after)" -n "git push (hook, after)" "git -C after push -q origin main"
for name in before after; do
    echo "refs/heads/main $(git -C $name rev-parse HEAD) refs/heads/main $(git -C $name rev-parse HEAD~1)" > "$base/$name.stdin"
done
bench "$base/direct" $((runs / 5)) 5 1 \
    -n "gate pre-push (before)" "sh -c 'cd before && $before pre-push origin ../before.git < ../before.stdin 2>/dev/null'" \
    -n "gate pre-push (after)" "sh -c 'cd after && $after pre-push origin ../after.git < ../after.stdin 2>/dev/null'" \
    -n "gate --version (before)" "$before --version" -n "gate --version (after)" "$after --version"
echo "## Docs-only push, before and after the test history"
echo
echo "before: \`$before\` ($("$before" --version)); after: \`$after\` ($("$after" --version)); hyperfine -N, $((runs / 5)) rounds"
echo "of 5 runs per command (1 warm-up), commands alternating; the remote is reset before each push."
echo
table "$base/hook"
echo
table "$base/direct"
echo
git -C after push -q --no-verify -f origin HEAD~1:main
(cd after && strace -f -qq -e trace=openat,execve -o "$base/strace.txt" "$after" pre-push origin ../after.git < ../after.stdin >/dev/null 2>&1)
echo "strace of \`gate pre-push\` (after) on the docs-only push: $(grep -c execve "$base/strace.txt") execve,"\
     "$(grep -c 'history.sqlite' "$base/strace.txt" || true) opens of history.sqlite, $(grep -c 'libsqlite3' "$base/strace.txt" || true) opens of libsqlite3."
