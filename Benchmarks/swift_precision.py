#!/usr/bin/env python3
"""Swift per-test selection on real SwiftPM packages: seeds gate's Swift coverage once per package, then for each
injected fault (one line inside a function body) commits it, asks `gate affected` what it selects with the seed
(per test) and without it (per target), runs the package's whole suite with `swift test` to learn which tests really
fail, checks that every one of them was selected, and runs `swift test --filter` of the per-test selection to show it
fails too. Prints a Markdown table. Used by swift_precision.sh, which prepares the environment."""
import argparse, json, os, re, shutil, subprocess, sys, time
import xml.etree.ElementTree as ET

PACKAGES = {
    "swift-algorithms": ("apple/swift-algorithms.git", "1.2.1", [
        ("Sources/Algorithms/Rotate.swift", 66, "swapAt(lower, upper)", "swapAt(lower, lower)"),
        ("Sources/Algorithms/MinMax.swift", 191, "sortedBy: <)", "sortedBy: >)"),
        ("Sources/Algorithms/Unique.swift", 53, "if seen.insert(", "if !seen.insert("),
        ("Sources/Algorithms/Trim.swift", 35, "self[start..<endIndex]", "self[startIndex..<endIndex]"),
        ("Sources/Algorithms/Partition.swift", 30, "return subrange.lowerBound", "return subrange.upperBound"),
    ]),
    "swift-http-types": ("apple/swift-http-types.git", "1.8.0", [
        ("Sources/HTTPTypes/HTTPFields.swift", 68, '"; " : ", "', '"; " : ","'),
        ("Sources/HTTPTypes/HTTPResponse.swift", 78, "return .successful", "return .redirection"),
        ("Sources/HTTPTypes/HTTPFieldName.swift", 112, "lhs.canonicalName == rhs.canonicalName", "lhs.rawName == rhs.rawName"),
        ("Sources/HTTPTypes/HTTPRequest.swift", 186, "lhs.method == rhs.method &&", "true &&"),
    ]),
}


def run(cmd, cwd, check=True, timeout=3600):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    if check and p.returncode != 0:
        sys.exit(f"swift_precision: {' '.join(cmd)} failed ({p.returncode}) in {cwd}:\n{p.stdout[-2000:]}\n{p.stderr[-2000:]}")
    return p


def affected(gate, repo):
    out = run([gate, "affected", "--from", "HEAD~1", "--format", "json"], repo).stdout
    report = json.loads(out[out.index("{"):out.rindex("}") + 1])
    return report["mode"], [t["id"] for t in report["tests"]], report["reason"]


def failing_tests(repo, scratch):
    """Ids of the tests that fail in a whole `swift test` run (XCTest and Swift Testing reports)."""
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    p = run(["swift", "test", "--parallel", "--xunit-output", scratch + "/results.xml"], repo, check=False)
    failed, total = set(), 0
    reports = [f for f in os.listdir(scratch) if f.endswith(".xml")]
    if not reports:
        sys.exit(f"swift_precision: swift test wrote no report (exit {p.returncode}):\n{p.stderr[-3000:]}")
    for name in reports:
        for case in ET.parse(os.path.join(scratch, name)).getroot().iter("testcase"):
            parts = case.get("classname", "").split(".")
            test = parts[0] + "." + "/".join(parts[1:] + [case.get("name")])
            total += 1
            if case.find("failure") is not None or case.find("error") is not None:
                failed.add(test)
    return failed, total, p.returncode


def filter_fails(repo, ids):
    alternatives = [re.escape(i) + ("(/|$)" if ("/" in i or i.endswith(")")) else r"\.") for i in ids]
    p = run(["swift", "test", "--filter", "^(" + "|".join(alternatives) + ")"], repo, check=False)
    return p.returncode != 0


def normalise(test_id):
    # Swift Testing's XML names a function `f()`; `swift test list` does too. XCTest: `Module.Class/test`.
    return test_id


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gate", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--mirrors", default="/opt/swift-packages")
    parser.add_argument("--reuse", action="store_true", help="keep an already seeded copy of a package (same version)")
    parser.add_argument("packages", nargs="*", default=list(PACKAGES))
    args = parser.parse_args()
    rows = []
    for name in args.packages:
        mirror, version, faults = PACKAGES[name]
        repo = os.path.join(args.work, f"{name}-{version}")
        store = os.path.join(repo, ".git/gate/coverage/swift.json")
        if not (args.reuse and os.path.exists(store)):
            shutil.rmtree(repo, ignore_errors=True)
            os.makedirs(repo)
            archive = subprocess.run(["git", "-C", os.path.join(args.mirrors, mirror), "archive", version], capture_output=True, check=True).stdout
            subprocess.run(["tar", "-x"], input=archive, cwd=repo, check=True)
            with open(os.path.join(repo, ".gitignore"), "a") as f:
                f.write("\n.build/\n")
            run(["git", "init", "-q"], repo)
            run(["git", "add", "-A"], repo)
            run(["git", "commit", "-qm", f"{name} {version}"], repo)
            seed = run([args.gate, "index", "build", "--coverage"], repo).stdout
            print(f"swift_precision: {name}:\n{seed}", file=sys.stderr)
        run(["git", "reset", "-q", "--hard", "HEAD"], repo)
        # The Swift seed's own wall-clock time, as gate recorded it.
        seed_seconds = json.load(open(store))["seedSeconds"]
        listed = [l for l in run(["swift", "test", "list"], repo).stdout.splitlines() if "." in l and ("/" in l or l.endswith(")"))]
        for path, line, old, new in faults:
            full = os.path.join(repo, path)
            lines = open(full).read().split("\n")
            if old not in lines[line - 1]:
                sys.exit(f"swift_precision: {path}:{line} does not hold {old!r}: {lines[line - 1]!r}")
            lines[line - 1] = lines[line - 1].replace(old, new, 1)
            open(full, "w").write("\n".join(lines))
            run(["git", "commit", "-qam", f"fault {path}:{line}"], repo)
            mode, per_test, reason = affected(args.gate, repo)
            os.rename(store, store + ".aside")
            try:
                target_mode, targets, _ = affected(args.gate, repo)
            finally:
                os.rename(store + ".aside", store)
            target_count = sum(1 for t in listed if t.split(".")[0] in targets) if target_mode == "selected" else len(listed)
            per_test_count = sum(1 if ("/" in i or i.endswith(")")) else sum(1 for t in listed if t.split(".")[0] == i) for i in per_test)
            failed, total, _ = failing_tests(repo, os.path.join(args.work, "xunit"))
            selected = set(per_test)
            caught = all(f in selected or f.split(".")[0] in selected for f in failed)
            filtered_fails = filter_fails(repo, per_test) if per_test and failed else None
            rows.append({"package": f"{name} {version}", "fault": f"{path.split('/')[-1]}:{line} `{old}` → `{new}`",
                         "failing": sorted(failed), "per_test": per_test_count, "target_level": target_count,
                         "total": len(listed), "caught": caught, "filtered_fails": filtered_fails, "seed": seed_seconds,
                         "reason": reason, "mode": mode})
            print(f"swift_precision: {rows[-1]}", file=sys.stderr)
            run(["git", "reset", "-q", "--hard", "HEAD~1"], repo)
    print("| package | fault | failing tests | selected per-test | selected target-level | total tests | caught | `swift test --filter` of the selection fails | seed time |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        failing = ", ".join(f"`{f}`" for f in r["failing"][:4]) + (f" (+{len(r['failing']) - 4})" if len(r["failing"]) > 4 else "")
        filtered = {True: "yes", False: "NO", None: "n/a (nothing fails)" if not r["failing"] else "n/a (nothing selected)"}[r["filtered_fails"]]
        print(f"| {r['package']} | {r['fault']} | {len(r['failing'])}: {failing or '—'} | {r['per_test']} | {r['target_level']} | {r['total']} | "
              f"{'yes' if r['caught'] else '**NO**'} | {filtered} | {r['seed']:.0f} s |")
    print()
    for r in rows:
        print(f"- {r['package']} {r['fault']}: {r['mode']}: {r['reason']}")
    return 0 if all(r["caught"] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
