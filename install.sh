#!/usr/bin/env bash
# Builds gate in release mode and installs it, with its hook and prompt templates.
#   ./install.sh [--prefix DIR] [--hook] [--no-deps]
# Re-running it is safe: it replaces the previous install in place.
set -euo pipefail

prefix="${PREFIX:-$HOME/.local}"
install_hook=0
install_deps=1
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix="$2"; shift 2 ;;
        --prefix=*) prefix="${1#--prefix=}"; shift ;;
        --hook) install_hook=1; shift ;;
        --no-deps) install_deps=0; shift ;;
        -h|--help) sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done

caller_dir=$(pwd)
source_dir=$(cd "$(dirname "$0")" && pwd)
say() { printf '%s\n' "install.sh: $*"; }

# 1. System packages: libgit2 (with its pkg-config file) is needed to build.
missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
# The Swift runtime is linked in statically; its URLSession needs libcurl's development link.
[ -e /usr/lib/x86_64-linux-gnu/libcurl.so ] || [ -e /usr/lib/aarch64-linux-gnu/libcurl.so ] || pkg-config --exists libcurl 2>/dev/null || missing+=(libcurl4-openssl-dev)
if ! pkg-config --exists libgit2 2>/dev/null; then missing+=(libgit2-dev); fi
# The test history (.git/gate/history.sqlite) is SQLite, through GRDB.
if ! pkg-config --exists sqlite3 2>/dev/null; then missing+=(libsqlite3-dev); fi
if [ ${#missing[@]} -gt 0 ]; then
    if [ "$install_deps" -eq 1 ] && command -v apt-get >/dev/null 2>&1; then
        if [ "$(id -u)" -eq 0 ]; then
            say "installing ${missing[*]} with apt-get"
            DEBIAN_FRONTEND=noninteractive apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
        elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
            say "installing ${missing[*]} with sudo apt-get"
            sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq
            sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
        else
            say "missing ${missing[*]}. Run this, then ./install.sh again:"
            echo "    sudo apt-get install -y ${missing[*]}"
            exit 1
        fi
    else
        say "missing ${missing[*]} (libgit2 1.5+ with its pkg-config file). Install them with your package manager"
        say "(Debian/Ubuntu: sudo apt-get install -y libgit2-dev pkg-config), then run ./install.sh again."
        exit 1
    fi
fi
if ! command -v swift >/dev/null 2>&1; then
    say "swift is not on PATH. Install a Swift 6 toolchain (https://swift.org/install), then run ./install.sh again."
    exit 1
fi

# 2. Build. The Swift runtime is linked in, so the hook starts fast and runs under a bare PATH.
say "building gate (release)"
cd "$source_dir"
swift build -c release --static-swift-stdlib --product gate
swift build -c release --static-swift-stdlib --product gate-http
bin_path="$(swift build -c release --static-swift-stdlib --show-bin-path)"

# 3. Install the binary and the support files it reads at run time (no SwiftPM resource bundle).
mkdir -p "$prefix/bin" "$prefix/share/gate"
# gate-http carries the AI providers' HTTP client, so the hook binary never loads libcurl.
for program in gate-http gate; do
    cp "$bin_path/$program" "$prefix/bin/.$program.new"
    mv -f "$prefix/bin/.$program.new" "$prefix/bin/$program"
done
staging="$prefix/share/gate.new"
rm -rf "$staging"
mkdir -p "$staging"
cp -R "$source_dir/Hooks" "$source_dir/Templates" "$staging/"
rm -rf "$prefix/share/gate.old"
[ -d "$prefix/share/gate" ] && mv "$prefix/share/gate" "$prefix/share/gate.old"
mv "$staging" "$prefix/share/gate"
rm -rf "$prefix/share/gate.old"
say "installed $prefix/bin/gate ($("$prefix/bin/gate" --version)) and $prefix/share/gate"

case ":$PATH:" in
    *":$prefix/bin:"*) ;;
    *) say "$prefix/bin is not on your PATH. Add it, e.g.: echo 'export PATH=\"$prefix/bin:\$PATH\"' >> ~/.profile" ;;
esac

# 4. Optionally install the hook into the repository install.sh was run from.
if [ "$install_hook" -eq 1 ]; then
    (cd "$caller_dir" && "$prefix/bin/gate" install)
fi
