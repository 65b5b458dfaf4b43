#!/usr/bin/env bash
# Puts the real Jest (Debian bookworm's jest 29 package) where the tests can run it, without touching the system's node:
#   Tests/setup_jest.sh            prints the directory (installs only what is missing)
# Debian's jest depends on Debian's nodejs 18 (through node-types-node), which apt refuses beside nodesource's node 20,
# and Debian patched jest-config to read Debian-only `process.config` fields, so it does not start on node 20. So the
# packages are fetched with `apt-get download` and unpacked with `dpkg -x` into $GATE_TEST_TOOLS/jest/root:
# nodejs 18 + libnode108 and jest's whole node-* dependency closure. libnode108 loads three of its builtins from fixed
# /usr/share/nodejs paths (acorn, cjs-module-lexer, undici) and links libuv1 and libc-ares2: those five are ordinary
# packages apt installs beside node 20. The tests then run root/usr/bin/jest with root/usr/bin first on PATH,
# LD_LIBRARY_PATH=root/usr/lib/x86_64-linux-gnu and NODE_PATH=root/usr/share/nodejs:… (see JestToolchain.swift).
set -euo pipefail
tools="${GATE_TEST_TOOLS:-${XDG_CACHE_HOME:-$HOME/.cache}/gate-test-tools}"
dir="$tools/jest"
root="$dir/root"
say() { printf 'Tests/setup_jest.sh: %s\n' "$*" >&2; }

run_env() {
    env PATH="$root/usr/bin:$PATH" LD_LIBRARY_PATH="$root/usr/lib/x86_64-linux-gnu" \
        NODE_PATH="$root/usr/share/nodejs:$root/usr/lib/nodejs:$root/usr/lib/x86_64-linux-gnu/nodejs" "$@"
}

# node-bin/ holds only that node, for a suite's `path:` that must not shadow the project's node_modules/.bin/jest.
node_bin() { mkdir -p "$dir/node-bin" && ln -sfn ../root/usr/bin/node "$dir/node-bin/node"; }

if [ -x "$root/usr/bin/jest" ] && run_env "$root/usr/bin/jest" --version >/dev/null 2>&1; then
    node_bin; echo "$dir"; exit 0
fi
command -v apt-get >/dev/null 2>&1 || { say "needs apt-get (Debian bookworm) to fetch jest"; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"
    else say "needs root to run: $*"; exit 1
    fi
}
system=(node-acorn node-cjs-module-lexer node-undici libuv1 libc-ares2)
missing=()
for package in "${system[@]}"; do dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package"); done
if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]} with apt-get (libnode108 loads or links them)"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

node_version=$(apt-cache madison nodejs | awk '$3 ~ /^18\./ {print $3; exit}')
[ -n "$node_version" ] || { say "no nodejs 18 in the apt sources (Debian bookworm has it)"; exit 1; }
say "fetching jest, its node-* closure and nodejs $node_version into $dir"
rm -rf "$dir.partial" && mkdir -p "$dir.partial/debs" "$dir.partial/root"
closure=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
    --no-enhances --no-pre-depends jest 2>/dev/null | grep -v '^ ' | grep -E '^(node-|libjs-|jest$|handlebars$)' | sort -u)
(cd "$dir.partial/debs" && apt-get download $closure "nodejs=$node_version" "libnode108=$node_version" >/dev/null 2>&1)
for deb in "$dir.partial/debs"/*.deb; do dpkg -x "$deb" "$dir.partial/root"; done
rm -rf "$dir.partial/debs" "$dir" && mv "$dir.partial" "$dir"
run_env "$root/usr/bin/jest" --version >/dev/null || { say "jest does not start from $root"; exit 1; }
node_bin
echo "$dir"
