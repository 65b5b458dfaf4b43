#!/usr/bin/env bash
# Manifest and lockfile changes on a real project (issue 13, class 4): what `gate affected` selects for realistic
# edits of pydantic-extra-types 2.10.2's pyproject.toml and uv.lock (PyPI sdist, pinned), with this checkout's gate
# and a baseline gate side by side. Prints a Markdown table and writes Benchmarks/results/manifest_selection.md.
#
#   BASELINE=/path/to/older/gate Benchmarks/manifest_selection.sh
#
# GATE defaults to .build/debug/gate of this checkout (build it first). The sdist is cached in
# ~/.cache/gate-real-projects/manifests. No virtualenv is made: package names map to modules by their normalised
# name, so a package imported under another name (python-dateutil → dateutil) runs everything, as it must.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
GATE="${GATE:-$root/.build/debug/gate}"
BASELINE="${BASELINE:-}"
cache="$HOME/.cache/gate-real-projects/manifests"
mkdir -p "$cache"
sdist="$cache/pydantic_extra_types-2.10.2.tar.gz"
[ -f "$sdist" ] || pip download --no-binary :all: --no-deps -q pydantic-extra-types==2.10.2 -d "$cache"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$work/home/.gitconfig" NO_COLOR=1
mkdir -p "$HOME"
printf '[user]\n\tname = Bench\n\temail = bench@gate.invalid\n[init]\n\tdefaultBranch = main\n' > "$GIT_CONFIG_GLOBAL"
tar xzf "$sdist" -C "$work"
repo="$work/pydantic_extra_types-2.10.2"
cd "$repo"
git init -q && git add -A && git commit -qm "pydantic-extra-types 2.10.2"
base=$(git rev-parse HEAD)

# name | python edit applied to the tree (p = pyproject.toml text, u = uv.lock text)
changes=(
  "metadata: description, classifier, [tool.ruff] line length|p = p.replace(\"description = 'Extra Pydantic types.'\", \"description = 'More Pydantic types.'\").replace(\"'Framework :: Pydantic',\", \"'Framework :: Pydantic',\n    'Typing :: Typed',\", 1).replace('line-length = 120', 'line-length = 100')"
  "uv.lock: phonenumbers 8.13.50 → 8.13.52|u = u.replace('version = \"8.13.50\"', 'version = \"8.13.52\"').replace('phonenumbers-8.13.50', 'phonenumbers-8.13.52')"
  "pyproject + uv.lock: semver range and lock 3.0.2 → 3.0.4|p = p.replace(\"'semver>=3.0.2'\", \"'semver>=3.0.4'\"); u = u.replace('semver-3.0.2', 'semver-3.0.4').replace('name = \"semver\"\nversion = \"3.0.2\"', 'name = \"semver\"\nversion = \"3.0.4\"')"
  "uv.lock: pendulum 3.0.0 → 3.0.1|u = u.replace('name = \"pendulum\"\nversion = \"3.0.0\"', 'name = \"pendulum\"\nversion = \"3.0.1\"')"
  "uv.lock: pycountry and pytz bumped|u = u.replace('name = \"pycountry\"\nversion = \"24.6.1\"', 'name = \"pycountry\"\nversion = \"24.6.2\"').replace('name = \"pytz\"\nversion = \"2024.2\"', 'name = \"pytz\"\nversion = \"2024.3\"')"
  "uv.lock: pytest 8.3.3 → 8.3.4|u = u.replace('name = \"pytest\"\nversion = \"8.3.3\"', 'name = \"pytest\"\nversion = \"8.3.4\"')"
  "uv.lock: python-dateutil bumped (imported as dateutil)|u = u.replace('name = \"python-dateutil\"\nversion = \"2.9.0.post0\"', 'name = \"python-dateutil\"\nversion = \"2.9.1\"')"
  "[tool.pytest.ini_options] filterwarnings|p = p.replace(\"    'error',\", \"    'error',\n    'ignore::ResourceWarning',\")"
  "requires-python|p = p.replace(\"requires-python = '>=3.8'\", \"requires-python = '>=3.9'\")"
)
summary() { python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["mode"], len(r["tests"]), sep="|")'; }
out="$root/Benchmarks/results/manifest_selection.md"
{
  echo "# Manifest and lockfile changes on pydantic-extra-types 2.10.2 ($(date -u +%Y-%m-%d))"
  echo
  echo "21 test files. \`gate affected --from <2.10.2> --to <edit>\`: mode and number of test files selected."
  echo
  echo "| change | baseline gate | this gate | this gate's reason |"
  echo "|---|---|---|---|"
} > "$out.tmp"
for entry in "${changes[@]}"; do
  name=${entry%%|*}; edit=${entry#*|}
  git checkout -q "$base" && git checkout -q -B edit
  python3 - "$edit" <<'PY'
import sys
p = open("pyproject.toml").read(); u = open("uv.lock").read()
p0, u0 = p, u
exec(sys.argv[1])
assert (p, u) != (p0, u0), "the edit changed nothing"
open("pyproject.toml", "w").write(p); open("uv.lock", "w").write(u)
PY
  git commit -qam "$name"
  mine=$("$GATE" affected --from "$base" --to HEAD --format json | summary)
  reason=$("$GATE" affected --from "$base" --to HEAD --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["reason"].replace("|","/"))')
  before="–"
  [ -n "$BASELINE" ] && before=$("$BASELINE" affected --from "$base" --to HEAD --format json | summary)
  echo "| $name | ${before/|/, } | ${mine/|/, } | $reason |" >> "$out.tmp"
  echo "== $name" >&2
  "$GATE" affected --from "$base" --to HEAD --explain | head -8 >&2
done
mv "$out.tmp" "$out"
cat "$out"
