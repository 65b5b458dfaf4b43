#!/usr/bin/env bash
# Issue 13 (Go) on real code: go-cmp 0.5.9 (Debian golang-github-google-go-cmp-dev 0.5.9-1, as real_projects.sh caches
# it). cmp's external tests (package cmp_test) import cmp/internal/teststructs; cmpopts and internal/value's tests
# import cmp. A fault in teststructs must select ./cmp only (before issue 13 it also selected ./cmp/cmpopts and
# ./cmp/internal/value through package cmp). Prints `gate affected --explain` for each gate given, then which
# packages `go test` fails.
#
#   Benchmarks/go_external_tests.sh BIN[:SHARE] [BIN[:SHARE]...]    (SHARE: GATE_SHARE_DIR, default this checkout)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cache="${CACHE:-$HOME/.cache/gate-real-projects}"
src="$cache/golang-github-google-go-cmp-dev_0.5.9-1/usr/share/gocode/src/github.com/google/go-cmp"
[ -d "$src" ] || src=/usr/share/gocode/src/github.com/google/go-cmp
[ -d "$src" ] || { echo "go_external_tests.sh: no go-cmp 0.5.9 source (run Benchmarks/real_projects.sh go-cmp first)" >&2; exit 2; }
[ $# -ge 1 ] || { echo "usage: $0 BIN[:SHARE]..." >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$work/home/.gitconfig" NO_COLOR=1 GOTOOLCHAIN=local
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com
mkdir -p "$HOME"
cp -r "$src" "$work/repo"
cd "$work/repo"
printf 'version: 1\nsuites:\n  - name: go\n    runner: go\nfix:\n  provider: none\n' > .gate.yml
git init -q -b main && git add -A && git commit -qm "go-cmp 0.5.9" && git tag seed
sed -i 's/func (x StructA) Equal(y StructA) bool     { return true }/func (x StructA) Equal(y StructA) bool     { return false }/' \
    cmp/internal/teststructs/structs.go
git commit -qam "fault: StructA.Equal in cmp/internal/teststructs"
for spec in "$@"; do
    bin=${spec%%:*}; share=$root; [ "$spec" != "$bin" ] && share=${spec#*:}
    echo "== $bin"
    GATE_SHARE_DIR="$share" "$bin" affected --from seed --to HEAD --explain
done
echo "== go test (packages with tests)"
for p in $(go list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{end}}' ./...); do
    if go test -count=1 "$p" > /dev/null 2>&1; then echo "pass $p"; else echo "FAIL $p"; fi
done
