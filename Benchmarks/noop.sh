#!/usr/bin/env bash
# Hook overhead on a no-op push: a docs-only push whose changes select no test.
# Compares git push --no-verify, gate's hook, pre-commit (PyPI) and lefthook (PyPI) running a trivial pre-push hook.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
runs="${RUNS:-30}"
base="$WORK/noop"
rm -rf "$base"; mkdir -p "$base"; cd "$base"
export HOME="$base/home" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$base/home/.gitconfig"
mkdir -p "$HOME"
printf '[user]\n\tname = bench\n\temail = bench@example.invalid\n[init]\n\tdefaultBranch = main\n' > "$GIT_CONFIG_GLOBAL"
venv="$here/.venv"
[ -x "$venv/bin/pre-commit" ] && [ -x "$venv/bin/lefthook" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q pre-commit lefthook; }

make_repo() {  # $1 = name; a small Python project with tests, pushed, plus one docs-only commit to push
    git init -q --bare "$1.git"
    git init -q "$1"
    (cd "$1" && mkdir -p pkg tests && printf 'def f():\n    return 1\n' > pkg/__init__.py \
        && printf 'from pkg import f\n\ndef test_f():\n    assert f() == 1\n' > tests/test_f.py \
        && printf '# readme\n' > README.md && printf 'version: 1\nsuites:\n  - name: unit\n    runner: pytest\n' > .gate.yml \
        && git add -A && git commit -qm init && git remote add origin "../$1.git" && git push -q --no-verify origin main \
        && printf 'more docs\n' >> README.md && git commit -qam docs)
}
for name in plain gate precommit lefthook; do make_repo "$name"; done
(cd gate && "$GATE" install >/dev/null 2>&1)
(cd precommit && printf 'repos:\n- repo: local\n  hooks:\n  - id: noop\n    name: noop\n    entry: "true"\n    language: system\n    stages: [pre-push]\n    pass_filenames: false\n' > .pre-commit-config.yaml \
    && git add -A && git commit -qm cfg && git push -q --no-verify origin main && printf 'x\n' >> README.md && git commit -qam docs2 \
    && "$venv/bin/pre-commit" install -t pre-push >/dev/null)
(cd lefthook && printf 'pre-push:\n  commands:\n    noop:\n      run: "true"\n' > lefthook.yml \
    && git add -A && git commit -qm cfg && git push -q --no-verify origin main && printf 'x\n' >> README.md && git commit -qam docs2 \
    && PATH="$venv/bin:$PATH" "$venv/bin/lefthook" install >/dev/null)
export PATH="$venv/bin:$PATH"
reset() { echo "git -C $1 push -q --no-verify -f origin HEAD~1:main"; }
bench "$base/noop" $((runs / 5)) 5 1 \
    --prepare "$(reset plain)" -n "git push --no-verify" "git -C plain push -q --no-verify origin main" \
    --prepare "$(reset gate)" -n "git push (gate hook)" "git -C gate push -q origin main" \
    --prepare "$(reset precommit)" -n "git push (pre-commit hook)" "git -C precommit push -q origin main" \
    --prepare "$(reset lefthook)" -n "git push (lefthook hook)" "git -C lefthook push -q origin main"
echo "## Hook overhead on a docs-only push"
echo
echo "Method: hyperfine -N in $((runs / 5)) rounds of 5 runs per command (1 warm-up each), so the four pushes alternate;"
echo "the remote is reset before each run (--prepare)."
echo
table "$base/noop"
python3 - "$base"/noop.*.json <<'PY'
import json, statistics, sys
t = {}
for p in sys.argv[1:]:
    for x in json.load(open(p))["results"]:
        t.setdefault(x["command"], []).extend(x["times"])
r = {k: statistics.median(v) * 1000 for k, v in t.items()}
plain = r["git push --no-verify"]
print()
for name in ["git push (gate hook)", "git push (pre-commit hook)", "git push (lefthook hook)"]:
    print(f"- {name}: {r[name] - plain:+.1f} ms over `git push --no-verify`")
PY
echo
echo "gate's own no-op path, without git around it (stdin of one docs-only ref):"
cd gate
echo "refs/heads/main $(git rev-parse HEAD) refs/heads/main $(git rev-parse HEAD~1)" > "$base/stdin"
rounds=$((runs / 5))
rm -f "$base"/direct.*.json
for r in $(seq "$rounds"); do
    hyperfine -w 1 -r 5 --export-json "$base/direct.$r.json" -n "gate --version" "$GATE --version" \
        -n "gate pre-push (docs-only)" "$GATE pre-push origin ../gate.git < $base/stdin 2>/dev/null" >/dev/null 2>"$base/direct.err" \
        || { cat "$base/direct.err" >&2; exit 1; }
done
table "$base/direct"
