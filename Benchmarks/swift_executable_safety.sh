#!/usr/bin/env bash
# Swift selection safety for tests that RUN a package's executable (issue 13), on a real SwiftPM package, judged by
# `swift test` itself.
#
#   Benchmarks/swift_executable_safety.sh [--reuse] [--no-push]
#
# Package: pistelak/SwiftTestingMigrator at a pinned commit. Its only test target, SwiftTestingMigratorKitTests,
# depends on the library SwiftTestingMigratorKit, NOT on the executable target SwiftTestingMigrator; one of its tests
# (FolderParameterTests) starts the built executable with Process(), by
# `productsDirectory.appendingPathComponent("SwiftTestingMigrator")`. Through the package graph alone, a change to the
# executable reaches no test at all.
# Source: a bare git cache in $WORK (default ~/.cache/gate-real-projects/swift-executable-safety), cloned once from
# $STM_MIRROR (default: the search tool's fetched mirror /work/.mirror/pistelak+SwiftTestingMigrator/repo, else
# https://github.com/pistelak/SwiftTestingMigrator.git). Its dependencies (swift-argument-parser, swift-syntax,
# swift-snapshot-testing and theirs) resolve through this machine's url.insteadOf rewrites to /opt/swift-packages.
# The committed Package.resolved is dropped in the throwaway clone (it pins GitHub's commit ids; the local copies have
# their own), as one commit on top of the pinned one, which is the clean tree.
#
# Per fault (a line in the executable's own source that a test exercises), committed on top of the clean tree:
#   ground truth: a whole `swift test` run on the faulty tree (xunit reports), failing tests listed;
#   gate: `gate index build`, then `gate affected --from <clean> --to <fault> --format json` (GATE: this checkout's
#     .build/release/gate, else .build/debug/gate, built if missing);
#   `swift test --filter` with exactly the selection's filters must fail too;
#   the same `gate affected` with GATE_BEFORE (gate built before the fix of issue 13: ee54f08, default
#     ~/.cache/gate-real-projects/precision_corpus/gate-before/bin/gate), in a separate clone with its own index.
# Then once (unless --no-push): `gate install` in the clone, push the first fault to a local bare remote with no AI
# provider (fix: provider: none), and check the push is blocked naming the failing test target.
# Writes Benchmarks/results/swift_executable_safety.md; exit 1 when a failing test was not selected or the push passed.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
work="${WORK:-$HOME/.cache/gate-real-projects/swift-executable-safety}"
mirror="${STM_MIRROR:-/work/.mirror/pistelak+SwiftTestingMigrator/repo}"
[ -d "$mirror" ] || mirror=https://github.com/pistelak/SwiftTestingMigrator.git
pin=f30c3155eca16916dd5d56ad6bd0135ffd6222bf
reuse=0 push=1
for a in "$@"; do
    case "$a" in
        --reuse) reuse=1 ;;
        --no-push) push=0 ;;
        *) echo "usage: $0 [--reuse] [--no-push]" >&2; exit 2 ;;
    esac
done
if [ -z "${GATE:-}" ]; then
    if [ -x "$root/.build/release/gate" ]; then GATE="$root/.build/release/gate"; else
        [ -x "$root/.build/debug/gate" ] || (cd "$root" && swift build --product gate >&2)
        GATE="$root/.build/debug/gate"
    fi
fi
GATE_BEFORE="${GATE_BEFORE:-$HOME/.cache/gate-real-projects/precision_corpus/gate-before/bin/gate}"
[ -x "$GATE_BEFORE" ] || GATE_BEFORE=""
gate_share="$root"   # Hooks/ and Templates/ for the installed hook
unset OPENAI_API_KEY ANTHROPIC_API_KEY OLLAMA_HOST GATE_AI_PROVIDER GATE_SKIP
mkdir -p "$work" "$here/results"
source "$here/lib.sh"
rewrites=$(git config --get-regexp '^url\..*\.insteadof$' 2>/dev/null || true)
real_home=$HOME
isolated_git "$work"
while read -r key value; do
    [ -n "$key" ] && git config --global --add "$key" "$value"
done <<< "$rewrites"
start=$(date +%s)

cache="$work/SwiftTestingMigrator.git"
[ -d "$cache" ] || git clone -q --bare "$mirror" "$cache"
git -C "$cache" cat-file -e "$pin^{commit}" || { echo "swift_executable_safety: $pin not in $cache" >&2; exit 3; }
repo="$work/SwiftTestingMigrator"
if [ "$reuse" = 0 ] || [ ! -d "$repo/.git" ]; then
    rm -rf "$repo"
    git clone -q "$cache" "$repo"
    git -C "$repo" checkout -q -B main "$pin"
    git -C "$repo" rm -q Package.resolved
    git -C "$repo" commit -qm "drop Package.resolved: it pins GitHub's commit ids, this machine's package copies have their own"
fi
git -C "$repo" reset -q --hard "$(git -C "$repo" rev-parse main)"
git -C "$repo" checkout -q main
clean=$(git -C "$repo" rev-parse HEAD)

set +e
python3 - "$GATE" "$GATE_BEFORE" "$repo" "$work" "$pin" "$push" "$gate_share" > "$work/table.md" <<'PY'
import json, os, re, shutil, subprocess, sys, time
import xml.etree.ElementTree as ET

gate, gate_before, repo, work, pin, push, share = sys.argv[1:8]
EXE = "Sources/SwiftTestingMigrator/SwiftTestingMigrator.swift"
FAULTS = [  # (path, line, old, new): each in the executable target, each on a path FolderParameterTests runs
    (EXE, 146, 'fileURL.pathExtension == "swift"', 'fileURL.pathExtension == ".swift"'),
    (EXE, 28, "name: [.long],", 'name: [.customLong("dir")],'),
    (EXE, 199, r"\(unsupported.count) unsupported", r"\(unsupported.count) skipped"),
]


def run(cmd, cwd, check=True, env=None, timeout=3600):
    t = time.time()
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout)
    p.seconds = time.time() - t
    if check and p.returncode != 0:
        sys.exit(f"swift_executable_safety: {' '.join(cmd)} failed ({p.returncode}) in {cwd}:\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}")
    return p


def log(msg):
    print(f"swift_executable_safety: {msg}", file=sys.stderr, flush=True)


def swift_test(scratch):
    """A whole `swift test` run: (failed ids, total, exit code, seconds), from its xunit reports (XCTest and Swift Testing)."""
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    p = run(["swift", "test", "--xunit-output", scratch + "/results.xml"], repo, check=False)
    failed, total = set(), 0
    reports = [f for f in os.listdir(scratch) if f.endswith(".xml")]
    if not reports:
        sys.exit(f"swift_executable_safety: swift test wrote no report (exit {p.returncode}):\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}")
    for name in reports:
        for case in ET.parse(os.path.join(scratch, name)).getroot().iter("testcase"):
            parts = case.get("classname", "").split(".")
            total += 1
            if case.find("failure") is not None or case.find("error") is not None:
                failed.add(parts[0] + "." + "/".join(parts[1:] + [case.get("name")]))
    return failed, total, p.returncode, p.seconds


def affected(binary, cwd, base, head):
    t = time.time()
    run([binary, "index", "build"], cwd)
    p = run([binary, "affected", "--from", base, "--to", head, "--format", "json"], cwd)
    out = p.stdout
    report = json.loads(out[out.index("{"):out.rindex("}") + 1])
    return report, time.time() - t


def selection(report):
    if report["mode"] == "all":
        return ["(all)"]
    return [t["id"] for t in report["tests"]]


def filter_regex(ids):
    # A target id selects its whole target (`Target.`), a test id itself.
    return "^(" + "|".join(re.escape(i) + ("(/|$)" if ("/" in i or i.endswith(")")) else r"\.") for i in ids) + ")"


def caught(failed, ids):
    return all("(all)" in ids or f in ids or f.split(".")[0] in ids for f in failed)


rows = []
clean = run(["git", "rev-parse", "HEAD"], repo).stdout.strip()
build = run(["swift", "build", "--build-tests"], repo)
log(f"clean build {build.seconds:.0f} s")
failed, total, code, secs = swift_test(os.path.join(work, "xunit"))
if failed or code != 0:
    sys.exit(f"swift_executable_safety: the clean tree fails: {sorted(failed)} (exit {code})")
log(f"clean swift test: {total} tests pass, {secs:.0f} s")
baseline = {"build": build.seconds, "test": secs, "total": total}
before_repo = os.path.join(work, "SwiftTestingMigrator-before")

for path, line, old, new in FAULTS:
    run(["git", "reset", "-q", "--hard", clean], repo)
    full = os.path.join(repo, path)
    lines = open(full).read().split("\n")
    if old not in lines[line - 1]:
        sys.exit(f"swift_executable_safety: {path}:{line} does not hold {old!r}: {lines[line - 1]!r}")
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    open(full, "w").write("\n".join(lines))
    run(["git", "commit", "-qam", f"fault {path}:{line}"], repo)
    head = run(["git", "rev-parse", "HEAD"], repo).stdout.strip()
    failed, total, code, secs = swift_test(os.path.join(work, "xunit"))
    report, gate_secs = affected(gate, repo, clean, head)
    ids = selection(report)
    ok = caught(failed, ids)
    filtered = None
    if failed and ids and ids != ["(all)"]:
        f = run(["swift", "test", "--filter", filter_regex(ids)], repo, check=False)
        filtered = (f.returncode != 0, f.seconds)
    before = None
    if gate_before:
        shutil.rmtree(before_repo, ignore_errors=True)
        run(["git", "clone", "-q", repo, before_repo], work)
        run(["git", "checkout", "-q", head], before_repo)
        b_report, b_secs = affected(gate_before, before_repo, clean, head)
        before = (selection(b_report), caught(failed, selection(b_report)), b_secs, b_report.get("reason", ""))
    rows.append({"fault": f"{path.split('/')[-1]}:{line} `{old}` → `{new}`", "failed": sorted(failed), "total": total,
                 "test_secs": secs, "ids": ids, "caught": ok, "filtered": filtered, "gate_secs": gate_secs,
                 "reason": report.get("reason", ""), "before": before, "head": head})
    log(rows[-1])

pushed = None
if push == "1":
    # The push path: gate's hook in the clone, the first fault pushed to a local bare remote, no AI provider.
    run(["git", "reset", "-q", "--hard", clean], repo)
    remote = os.path.join(work, "remote.git")
    shutil.rmtree(remote, ignore_errors=True)
    run(["git", "init", "-q", "--bare", remote], work)
    subprocess.run(["git", "remote", "remove", "gatebench"], cwd=repo, capture_output=True)
    run(["git", "remote", "add", "gatebench", remote], repo)
    run(["git", "push", "-q", "--no-verify", "gatebench", "main"], repo)
    run(["git", "config", "gate.bin", gate], repo)
    env = dict(os.environ, GATE_SHARE_DIR=share, GATE_HEARTBEAT="0")
    run([gate, "install"], repo, env=env)
    with open(os.path.join(repo, ".gate.yml"), "w") as f:
        f.write("version: 1\nfix:\n  provider: none\n")
    run(["git", "add", ".gate.yml"], repo)
    run(["git", "commit", "-qm", "gate: no AI provider"], repo)
    run(["git", "push", "-q", "--no-verify", "gatebench", "main"], repo)
    base = run(["git", "rev-parse", "HEAD"], repo).stdout.strip()
    path, line, old, new = FAULTS[0]
    full = os.path.join(repo, path)
    lines = open(full).read().split("\n")
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    open(full, "w").write("\n".join(lines))
    run(["git", "commit", "-qam", f"fault {path}:{line}"], repo)
    p = run(["git", "push", "gatebench", "main"], repo, check=False, env=env)
    out = p.stdout + p.stderr
    open(os.path.join(work, "push.log"), "w").write(out)
    remote_tip = run(["git", "rev-parse", "main"], remote).stdout.strip()
    blocked = p.returncode != 0 and remote_tip == base
    names = "SwiftTestingMigratorKitTests" in out
    lines_out = [l for l in out.splitlines() if "SwiftTestingMigratorKitTests" in l or "blocked" in l.lower()]
    pushed = {"blocked": blocked, "names": names, "exit": p.returncode, "secs": p.seconds, "lines": lines_out[:6]}
    log(f"push: {pushed}")
    run(["git", "reset", "-q", "--hard", clean], repo)

print(f"- package: pistelak/SwiftTestingMigrator at `{pin[:12]}` (+ one commit dropping Package.resolved); "
      f"targets: executable SwiftTestingMigrator, library SwiftTestingMigratorKit, test target SwiftTestingMigratorKitTests "
      f"(depends on the library only; FolderParameterTests starts the executable with Process())")
print(f"- clean tree: `swift build --build-tests` {baseline['build']:.0f} s, `swift test` {baseline['total']} tests pass in {baseline['test']:.0f} s")
print()
print("| fault (executable target) | `swift test` on the faulty tree: failing tests | gate selection (main) | caught | "
      "`swift test --filter` of the selection fails | gate before the fix (ee54f08) | times: `swift test` / gate index+affected / filtered run |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    failing = ", ".join(f"`{f}`" for f in r["failed"]) or "—"
    filt = "n/a" if r["filtered"] is None else ("yes" if r["filtered"][0] else "**NO**")
    if r["before"] is None:
        before = "not run (no binary)"
    else:
        before = ", ".join(f"`{i}`" for i in r["before"][0]) or "nothing"
        before += "" if r["before"][1] else " (**misses**)"
    ftime = "—" if r["filtered"] is None else f"{r['filtered'][1]:.0f} s"
    print(f"| {r['fault']} | {len(r['failed'])} of {r['total']}: {failing} | {', '.join(f'`{i}`' for i in r['ids']) or 'nothing'} | "
          f"{'yes' if r['caught'] else '**NO**'} | {filt} | {before} | {r['test_secs']:.0f} s / {r['gate_secs']:.1f} s / {ftime} |")
print()
for r in rows:
    print(f"- {r['fault']}: gate (main) says: {r['reason']}")
    if r["before"]:
        print(f"  - before the fix: {r['before'][3]}")
if pushed:
    print()
    print(f"- push of the first fault to a local bare remote through gate's pre-push hook (`gate install`, `fix: provider: none`): "
          f"exit {pushed['exit']}, {'blocked (remote unchanged)' if pushed['blocked'] else '**NOT blocked**'}, "
          f"{'names' if pushed['names'] else '**does not name**'} SwiftTestingMigratorKitTests; {pushed['secs']:.0f} s")
    for l in pushed["lines"]:
        print(f"  - `{l.strip()[:200]}`")
ok = all(r["caught"] and r["failed"] and r["filtered"] and r["filtered"][0] for r in rows) and (pushed is None or (pushed["blocked"] and pushed["names"]))
sys.exit(0 if ok else 1)
PY
status=$?
set -e
{
    echo "# Swift selection safety: tests that run the package's executable (issue 13)"
    echo
    echo "Generated by \`Benchmarks/swift_executable_safety.sh $*\` (exit $status)."
    echo
    echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ); machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); total $(( $(date +%s) - start )) s"
    echo "- gate: $("$GATE" --version) ($(git -C "$root" rev-parse --short HEAD) of $(git -C "$root" rev-parse --abbrev-ref HEAD)); before the fix: ${GATE_BEFORE:-none}; $(swift --version 2>&1 | head -1 | sed 's/ (.*//')"
    echo "- ground truth: a whole \`swift test\` on the faulty tree; gate: \`gate index build\` then \`gate affected --from <clean> --to <fault> --format json\`"
    echo
    cat "$work/table.md"
} > "$here/results/swift_executable_safety.md"
cat "$here/results/swift_executable_safety.md"
exit $status
