#!/usr/bin/env bash
# Swift selection safety for tests that RUN a package's executable (issue 13), on real SwiftPM packages, judged by
# `swift test` itself.
#
#   Benchmarks/swift_executable_safety.sh [--reuse] [--no-push] [SwiftTestingMigrator] [swift-conventional-commit-parser]
#   (default: both; --reuse keeps the clones and their .build)
#
# Packages (pinned commits, cloned once into a bare cache in $WORK from the search tool's fetched mirrors under
# /work/.mirror, else GitHub; STM_MIRROR / SCCP_MIRROR override):
# - pistelak/SwiftTestingMigrator f30c315: its only test target depends on the library, NOT on the executable target;
#   FolderParameterTests starts the built executable with Process(), by
#   `productsDirectory.appendingPathComponent("SwiftTestingMigrator")`. Through the package graph alone a change to the
#   executable reaches no test.
# - DavidBrunow/swift-conventional-commit-parser ab652f3 (0.1.0): 4 test targets; ExecutionTests runs the executable
#   through a helper given a command line, `assertExecuteCommand(command: "swift-conventional-commit-parser release
#   -h")`, the pattern of issue 13. Run with CI=true (its manifest then leaves out swift-format/SwiftLint plugins, not on
#   this machine) and its own create_fixtures.sh (the git repositories the tests run in).
# A committed Package.resolved is dropped in a commit of its own (it pins GitHub's commit ids; this machine's package
# copies have their own).
# Dependencies resolve through this machine's url.insteadOf rewrites to /opt/swift-packages.
# $WORK: default ~/.cache/gate-real-projects/swift-executable-safety (clones, their .build, gate's index).
#
# Per fault (a line of the executable's own source that a test exercises), committed on top of the clean tree:
#   ground truth: a whole `swift test` run on the faulty tree (xunit reports): the tests failing there and not on the
#     clean tree;
#   gate: `gate index build`, then `gate affected --from <clean> --to <fault> --format json` (and `--explain`); GATE:
#     default this checkout's .build/debug/gate, built first;
#   `swift test --filter` with exactly the selection's filters must fail too;
#   the same with GATE_BEFORE (gate built before the fix of issue 13, from ee54f08; default
#     ~/.cache/gate-real-projects/precision_corpus/gate-before/bin/gate; skipped when absent), in a clone of its own.
# Then once (unless --no-push): `gate install` in the SwiftTestingMigrator clone, its first fault pushed to a local bare
# remote with `fix: provider: none`; the push must be blocked, naming the failing test target.
# Writes Benchmarks/results/swift_executable_safety.md; exit 1 when a failing test was not selected, the filtered run
# passed, or the push was not blocked.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
work="${WORK:-$HOME/.cache/gate-real-projects/swift-executable-safety}"
mirror="${STM_MIRROR:-/work/.mirror/pistelak+SwiftTestingMigrator/repo}"
[ -d "$mirror" ] || mirror=https://github.com/pistelak/SwiftTestingMigrator.git
sccp_mirror="${SCCP_MIRROR:-/work/.mirror/DavidBrunow+swift-conventional-commit-parser/repo}"
[ -d "$sccp_mirror" ] || sccp_mirror=https://github.com/DavidBrunow/swift-conventional-commit-parser.git
reuse=0 push=1 packages=""
for a in "$@"; do
    case "$a" in
        --reuse) reuse=1 ;;
        --no-push) push=0 ;;
        SwiftTestingMigrator|swift-conventional-commit-parser) packages="${packages:+$packages,}$a" ;;
        *) echo "usage: $0 [--reuse] [--no-push] [SwiftTestingMigrator] [swift-conventional-commit-parser]" >&2; exit 2 ;;
    esac
done
if [ -z "${GATE:-}" ]; then
    (cd "$root" && swift build --product gate >&2)   # this checkout's gate, current (a no-op when it is)
    GATE="$root/.build/debug/gate"
fi
GATE_BEFORE="${GATE_BEFORE:-$HOME/.cache/gate-real-projects/precision_corpus/gate-before/bin/gate}"
[ -x "$GATE_BEFORE" ] || GATE_BEFORE=""
gate_share="$root"   # Hooks/ and Templates/ for the installed hook
unset OPENAI_API_KEY ANTHROPIC_API_KEY OLLAMA_HOST GATE_AI_PROVIDER GATE_SKIP
mkdir -p "$work" "$here/results"
source "$here/lib.sh"
isolated_git_for_swiftpm "$work"
start=$(date +%s)

set +e
python3 - "$GATE" "$GATE_BEFORE" "$work" "$mirror" "$push" "$gate_share" "$reuse" "$sccp_mirror" "$packages" > "$work/table.md" <<'PY'
import json, os, re, shutil, subprocess, sys, time
import xml.etree.ElementTree as ET

gate, gate_before, work, mirror, push, share, reuse, sccp_mirror = sys.argv[1:9]
wanted = sys.argv[9].split(",") if len(sys.argv) > 9 and sys.argv[9] else None
STM_EXE = "Sources/SwiftTestingMigrator/SwiftTestingMigrator.swift"
SCCP_RELEASE = "Sources/swift-conventional-commit-parser/ReleaseCommand.swift"
# name: (source, pin, note, faults[, setup]). source: ("clone", url) or ("archive", bare repository); faults: (path,
# line, old, new); setup: {"env": what the package's manifest and tests need, "run": a command after the clone}.
PACKAGES = {
    "SwiftTestingMigrator": (("clone", mirror), "f30c3155eca16916dd5d56ad6bd0135ffd6222bf",
        "executable SwiftTestingMigrator, library SwiftTestingMigratorKit, one test target SwiftTestingMigratorKitTests "
        "(depends on the library only; FolderParameterTests starts the built executable with Process(), by "
        "`productsDirectory.appendingPathComponent(\"SwiftTestingMigrator\")`)", [
        (STM_EXE, 146, 'fileURL.pathExtension == "swift"', 'fileURL.pathExtension == ".swift"'),
        (STM_EXE, 28, "name: [.long],", 'name: [.customLong("dir")],'),
        (STM_EXE, 199, r"\(unsupported.count) unsupported", r"\(unsupported.count) skipped"),
    ]),
    "swift-conventional-commit-parser": (("clone", sccp_mirror), "ab652f3b2dab40d17b38feed9537482e54062449",
        "DavidBrunow/swift-conventional-commit-parser 0.1.0; executable swift-conventional-commit-parser over the "
        "libraries SwiftConventionalCommitParser, GitClient, Model; 4 test targets; ExecutionTests runs the executable "
        "through a helper given a command line (`assertExecuteCommand(command: \"swift-conventional-commit-parser "
        "release -h\")`); `CI=true` leaves out the manifest's swift-format/SwiftLint plugins (not on this machine), and "
        "the repository's `create_fixtures.sh` writes the git repositories the tests run in", [
        (SCCP_RELEASE, 58, "hideCommitHashes: hideCommitHashes,", "hideCommitHashes: false,"),
        (SCCP_RELEASE, 35, '= "No formatted commits"', '= "No commits found"'),
    ], {"env": {"CI": "true"}, "run": ["sh", "create_fixtures.sh"]}),
}


def run(cmd, cwd, check=True, env=None, timeout=5400):
    t = time.time()
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env, timeout=timeout)
    p.seconds = time.time() - t
    if check and p.returncode != 0:
        sys.exit(f"swift_executable_safety: {' '.join(cmd)} failed ({p.returncode}) in {cwd}:\n{p.stdout[-3000:]}\n{p.stderr[-3000:]}")
    return p


def log(msg):
    print(f"swift_executable_safety: {msg}", file=sys.stderr, flush=True)


def prepare(name, source, pin):
    """A throwaway git clone of the package at `pin`, its .build kept across runs with --reuse; returns (repo, clean)."""
    repo = os.path.join(work, name)
    if reuse != "1" or not os.path.isdir(os.path.join(repo, ".git")):
        shutil.rmtree(repo, ignore_errors=True)
        kind, where = source
        if kind == "clone":
            cache = os.path.join(work, name + ".git")
            if not os.path.isdir(cache):
                run(["git", "clone", "-q", "--bare", where, cache], work)
            run(["git", "clone", "-q", cache, repo], work)
            run(["git", "checkout", "-q", "-B", "main", pin], repo)
        else:
            os.makedirs(repo)
            archive = subprocess.run(["git", "-C", where, "archive", pin], capture_output=True, check=True).stdout
            subprocess.run(["tar", "-x"], input=archive, cwd=repo, check=True)
            run(["git", "init", "-q"], repo)
            with open(os.path.join(repo, ".gitignore"), "a") as f:
                f.write("\n/.build\n")
            run(["git", "add", "-A"], repo)
            run(["git", "commit", "-qm", f"{name} {pin} ({run(['git', '-C', where, 'rev-parse', pin + '^{commit}'], work).stdout.strip()[:12]} of {where})"], repo)
        if os.path.exists(os.path.join(repo, "Package.resolved")):
            run(["git", "rm", "-q", "Package.resolved"], repo)
            run(["git", "commit", "-qm", "drop Package.resolved: it pins GitHub's commit ids, this machine's package copies have their own"], repo)
    run(["git", "checkout", "-q", "-f", "main"], repo)
    run(["git", "reset", "-q", "--hard", "main"], repo)
    return repo, run(["git", "rev-parse", "HEAD"], repo).stdout.strip()


def swift_test(repo, regex=None):
    """A `swift test` run, whole or `--filter regex`: (failed ids, total, exit code, seconds), from its xunit reports
    (XCTest and Swift Testing)."""
    scratch = os.path.join(work, "xunit")
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    # --parallel: only then does SwiftPM write XCTest's xunit report (Swift Testing's is written either way).
    p = run(["swift", "test", "--parallel", "--xunit-output", scratch + "/results.xml"] + (["--filter", regex] if regex else []), repo, check=False)
    failed, total = set(), 0
    reports = [f for f in os.listdir(scratch) if f.endswith(".xml") and os.path.getsize(os.path.join(scratch, f)) > 0]
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
    out = run([binary, "affected", "--from", base, "--to", head, "--format", "json"], cwd).stdout
    report = json.loads(out[out.index("{"):out.rindex("}") + 1])
    seconds = time.time() - t
    why = run([binary, "affected", "--from", base, "--to", head, "--explain"], cwd).stdout
    report["why"] = [l.strip() for l in why.splitlines() if l.startswith("  [")]
    return report, seconds


def selection(report):
    return ["(all)"] if report["mode"] == "all" else [t["id"] for t in report["tests"]]


def is_test_id(i):
    return "/" in i or i.endswith(")")


def module(target):
    """The module SwiftPM builds a target as (its C99 name), which test ids and `swift test --filter` use."""
    name = "".join(c if not c.isascii() or c.isalnum() or c == "_" else "_" for c in target)
    return "_" + name if name[:1].isdigit() else name


def filter_regex(ids):
    # A target id selects its whole target (`Module.`), a test id itself.
    return "^(" + "|".join(re.escape(i) + "(/|$)" if is_test_id(i) else re.escape(module(i)) + r"\." for i in ids) + ")"


def caught(failed, ids):
    return all("(all)" in ids or f in ids or any(not is_test_id(i) and f.split(".")[0] == module(i) for i in ids) for f in failed)


def commit_fault(repo, clean, fault):
    path, line, old, new = fault
    run(["git", "reset", "-q", "--hard", clean], repo)
    full = os.path.join(repo, path)
    lines = open(full).read().split("\n")
    if old not in lines[line - 1]:
        sys.exit(f"swift_executable_safety: {path}:{line} does not hold {old!r}: {lines[line - 1]!r}")
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    open(full, "w").write("\n".join(lines))
    run(["git", "commit", "-qam", f"fault {path}:{line}"], repo)
    return run(["git", "rev-parse", "HEAD"], repo).stdout.strip()


def measure(name):
    source, pin, note, faults = PACKAGES[name][:4]
    setup = PACKAGES[name][4] if len(PACKAGES[name]) > 4 else {}
    os.environ.update(setup.get("env", {}))
    repo, clean = prepare(name, source, pin)
    if setup.get("run"):
        run(setup["run"], repo)
    build = run(["swift", "build", "--build-tests"], repo)
    log(f"{name}: clean build {build.seconds:.0f} s")
    already, total, code, secs = swift_test(repo)
    log(f"{name}: clean swift test: {total} tests, {len(already)} fail already {sorted(already)[:5]}, {secs:.0f} s")
    targets = sorted({l.split(".")[0] for l in run(["swift", "test", "list", "--skip-build"], repo).stdout.splitlines() if "." in l})
    package = {"name": name, "pin": pin, "note": note, "clean": clean, "build": build.seconds, "test": secs,
               "total": total, "already": sorted(already), "targets": targets, "rows": []}
    for fault in faults:
        head = commit_fault(repo, clean, fault)
        failed, total, code, secs = swift_test(repo)
        failed -= already
        report, gate_secs = affected(gate, repo, clean, head)
        ids = selection(report)
        filtered = None
        if failed and ids and ids != ["(all)"]:
            # The selection's run fails, and with every test the whole run saw newly failing.
            f_failed, _, f_code, f_secs = swift_test(repo, filter_regex(ids))
            filtered = (f_code != 0 and failed <= f_failed, f_secs)
        before = None
        if gate_before:
            before_repo = os.path.join(work, name + "-before")
            shutil.rmtree(before_repo, ignore_errors=True)
            run(["git", "clone", "-q", repo, before_repo], work)
            run(["git", "checkout", "-q", head], before_repo)
            b_report, b_secs = affected(gate_before, before_repo, clean, head)
            b_ids = selection(b_report)
            before = (b_ids, caught(failed, b_ids), b_secs, "; ".join(b_report["why"]) or b_report["reason"])
        path, line, old, new = fault
        package["rows"].append({"fault": f"{path.split('/')[-1]}:{line} `{old}` → `{new}`", "failed": sorted(failed),
            "total": total, "test_secs": secs, "ids": ids, "caught": caught(failed, ids), "filtered": filtered,
            "gate_secs": gate_secs, "reason": "; ".join(report["why"]) or report["reason"], "before": before})
        log(package["rows"][-1])
    run(["git", "reset", "-q", "--hard", clean], repo)
    for key in setup.get("env", {}):
        del os.environ[key]
    return package, repo, clean


def push_once(repo, clean, fault, target, binary):
    """gate's hook (`binary`) in the clone, the fault pushed to a local bare remote, no AI provider: blocked, naming
    `target`?"""
    remote = os.path.join(work, "remote.git")
    shutil.rmtree(remote, ignore_errors=True)
    run(["git", "init", "-q", "--bare", remote], work)
    subprocess.run(["git", "remote", "remove", "gatebench"], cwd=repo, capture_output=True)
    run(["git", "remote", "add", "gatebench", remote], repo)
    run(["git", "config", "gate.bin", binary], repo)
    env = dict(os.environ, GATE_SHARE_DIR=share, GATE_HEARTBEAT="0")
    run([binary, "install", "--force"], repo, env=env)
    # A tree an earlier gate build passed is not re-run (.git/gate/verified.json): start from none.
    verified = os.path.join(repo, ".git/gate/verified.json")
    if os.path.exists(verified):
        os.remove(verified)
    with open(os.path.join(repo, ".gate.yml"), "w") as f:
        f.write("version: 1\nfix:\n  provider: none\n")
    run(["git", "add", ".gate.yml"], repo)
    run(["git", "commit", "-qm", "gate: no AI provider"], repo)
    run(["git", "push", "-q", "--no-verify", "gatebench", "HEAD:main"], repo)
    base = run(["git", "rev-parse", "HEAD"], repo).stdout.strip()
    commit_fault(repo, base, fault)
    p = run(["git", "push", "gatebench", "HEAD:main"], repo, check=False, env=env)
    out = p.stdout + p.stderr
    open(os.path.join(work, "push.log"), "w").write(out)
    blocked = p.returncode != 0 and run(["git", "rev-parse", "main"], remote).stdout.strip() == base
    lines = [l.strip() for l in out.splitlines() if target in l or "BLOCKED" in l or "PASSED" in l or "passed," in l]
    run(["git", "reset", "-q", "--hard", clean], repo)
    run(["git", "config", "--unset", "gate.bin"], repo)
    return {"blocked": blocked, "names": target in out, "exit": p.returncode, "secs": p.seconds, "lines": lines[:4]}


packages, pushed = [], []
for name in wanted or list(PACKAGES):
    package, repo, clean = measure(name)
    packages.append(package)
    if push == "1":
        setup = PACKAGES[name][4] if len(PACKAGES[name]) > 4 else {}
        os.environ.update(setup.get("env", {}))
        failing = package["rows"][0]["failed"]
        target = failing[0].split(".")[0] if failing else name
        for label, binary in [("gate", gate)] + ([("gate before the fix (ee54f08)", gate_before)] if gate_before else []):
            result = push_once(repo, clean, PACKAGES[name][3][0], target, binary)
            pushed.append((name, label, result))
            log(f"push: {name}: {label}: {result}")
        for key in setup.get("env", {}):
            del os.environ[key]

for p in packages:
    print(f"## {p['name']} {p['pin'][:12]}")
    print()
    print(f"- {p['note']}")
    print(f"- test targets ({len(p['targets'])}): {', '.join(p['targets'])}")
    already = f"; {len(p['already'])} fail on the clean tree too and are left out below: {', '.join(p['already'][:4])}" if p["already"] else ", all pass"
    print(f"- clean tree: `swift build --build-tests` {p['build']:.0f} s; `swift test` {p['total']} tests in {p['test']:.0f} s{already}")
    print()
    print("| fault | `swift test` on the faulty tree: failing tests | gate selection (this build) | caught | "
          "`swift test --filter` of the selection fails | gate before the fix (ee54f08) | `swift test` / gate index+affected / filtered run |")
    print("|---|---|---|---|---|---|---|")
    for r in p["rows"]:
        failing = ", ".join(f"`{f}`" for f in r["failed"][:4]) + (f" (+{len(r['failed']) - 4})" if len(r["failed"]) > 4 else "")
        filt = "n/a" if r["filtered"] is None else ("yes" if r["filtered"][0] else "**NO**")
        if r["before"] is None:
            before = "not run (no binary)"
        else:
            before = (", ".join(f"`{i}`" for i in r["before"][0]) or "nothing") + ("" if r["before"][1] else " (**misses**)")
        ftime = "—" if r["filtered"] is None else f"{r['filtered'][1]:.0f} s"
        print(f"| {r['fault']} | {len(r['failed'])} of {r['total']}: {failing or '—'} | {', '.join(f'`{i}`' for i in r['ids']) or 'nothing'} | "
              f"{'yes' if r['caught'] else '**NO**'} | {filt} | {before} | {r['test_secs']:.0f} s / {r['gate_secs']:.1f} s / {ftime} |")
    print()
    for r in p["rows"]:
        print(f"- {r['fault']}: gate (this build) `--explain`: {r['reason']}")
        if r["before"]:
            print(f"  - before the fix, `--explain`: {r['before'][3]}")
    print()
for name, label, r in pushed:
    print(f"- push of {name}'s first fault to a local bare remote through the pre-push hook of {label} (`gate install`, "
          f"`fix: provider: none`): exit {r['exit']}, {'blocked (remote unchanged)' if r['blocked'] else '**NOT blocked** (the remote took it)'}, "
          f"{'names' if r['names'] else '**does not name**'} the failing tests' module; {r['secs']:.0f} s")
    for l in r["lines"]:
        print(f"  - `{l[:200]}`")
rows = [r for p in packages for r in p["rows"]]
ok = all(r["caught"] and (not r["failed"] or (r["filtered"] and r["filtered"][0])) for r in rows)
ok = ok and all(r["blocked"] and r["names"] for _, label, r in pushed if label == "gate")
sys.exit(0 if ok else 1)
PY
status=$?
set -e
result="$here/results/swift_executable_safety.md"
# The hand-written "## Notes" section of the previous result is kept.
notes=$(sed -n '/^## Notes/,$p' "$result" 2>/dev/null || true)
{
    echo "# Swift selection safety: tests that run the package's executable (issue 13)"
    echo
    echo "Generated by \`Benchmarks/swift_executable_safety.sh $*\` (exit $status)."
    echo
    echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ); machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); total $(( $(date +%s) - start )) s"
    echo "- gate: $GATE, $("$GATE" --version) ($(git -C "$root" rev-parse --short HEAD) of $(git -C "$root" rev-parse --abbrev-ref HEAD)); before the fix: ${GATE_BEFORE:-none}; $(swift --version 2>&1 | head -1 | sed 's/ (.*//')"
    echo "- ground truth: a whole \`swift test\` on the faulty tree; gate: \`gate index build\` then \`gate affected --from <clean> --to <fault> --format json\`"
    echo
    cat "$work/table.md"
    [ -z "$notes" ] || printf '\n%s\n' "$notes"
} > "$result.new"
mv "$result.new" "$result"
cat "$result"
exit $status
