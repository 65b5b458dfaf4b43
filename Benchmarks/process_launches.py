"""Tests selected for process-starting test files, per recorded launch (issue 13): two gate builds side by side.

For each LIB:COMMIT, in a throwaway clone of the library that has its .venv (pytest, coverage, the library editable):
`.git/gate` removed, the parent P checked out, `gate index build --coverage`, `gate affected --from P --to COMMIT
--format json`; the tests pytest collects for the selected ids at COMMIT are counted. Launching records: the records
whose `launched` is true. Usage (each build a folder with bin/gate, Templates/, Hooks/):

  python3 Benchmarks/process_launches.py --gate main=/tmp/gate-main --gate new=/tmp/gate-new \\
      --repo pyflakes=/tmp/lr-pyflakes --repo sqlparse=/tmp/lr-sqlparse pyflakes:87051d20e2 sqlparse:ef2012a5ee
"""

import argparse
import json
import os
import subprocess


def measure(repo, share, commit):
    env = dict(os.environ, NO_COLOR="1", GATE_SHARE_DIR=share, PATH=os.path.join(repo, ".venv", "bin") + ":" + os.environ["PATH"])
    for name in ("PYTHONPATH", "VIRTUAL_ENV", "GATE_SKIP"):
        env.pop(name, None)

    def run(*args, check=False):
        return subprocess.run(list(args), cwd=repo, env=env, capture_output=True, text=True, check=check)

    parent = run("git", "rev-parse", commit + "^", check=True).stdout.strip()
    run("git", "checkout", "-q", "--force", parent, check=True)
    run("rm", "-rf", ".git/gate", check=True)
    run(os.path.join(share, "bin", "gate"), "index", "build", "--coverage")
    report = json.loads(run(os.path.join(share, "bin", "gate"), "affected", "--from", parent, "--to", commit, "--format", "json").stdout)
    data = json.load(open(os.path.join(repo, ".git", "gate", "coverage", "data.json")))
    run("git", "checkout", "-q", "--force", commit, check=True)
    ids = sorted({test["id"] for test in report["tests"]})
    collected = run(os.path.join(repo, ".venv", "bin", "python"), "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *ids)
    items = [line for line in collected.stdout.splitlines() if "::" in line] if ids else []
    return {"ids": len(ids), "tests": len(items), "records": len(data["tests"]),
            "launched": sum(1 for record in data["tests"].values() if record.get("launched")),
            "unknown": sum(1 for record in data["tests"].values() if "launched" not in record)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--gate", action="append", required=True, help="NAME=DIR (bin/gate, Templates/, Hooks/)")
    parser.add_argument("--repo", action="append", required=True, help="LIB=CLONE (with .venv)")
    parser.add_argument("commits", nargs="+", help="LIB:COMMIT")
    args = parser.parse_args()
    gates = [entry.split("=", 1) for entry in args.gate]
    repos = dict(entry.split("=", 1) for entry in args.repo)
    print("| library | commit | " + " | ".join("%s: tests selected (ids) | %s: records launched / without flag" % (n, n) for n, _ in gates) + " |")
    print("|---|---|" + "---|---|" * len(gates))
    for item in args.commits:
        lib, commit = item.split(":", 1)
        cells = []
        for _, share in gates:
            m = measure(repos[lib], share, commit)
            cells += ["%d (%d)" % (m["tests"], m["ids"]), "%d / %d of %d" % (m["launched"], m["unknown"], m["records"])]
        print("| %s | %s | %s |" % (lib, commit, " | ".join(cells)), flush=True)


if __name__ == "__main__":
    main()
