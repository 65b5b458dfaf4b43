"""Replays commits of a gen_pyfixture.py repository with a fault injected into each, for gate and pytest-testmon.

    python3 testmon_replay.py REPO PLAN.json N OUTDIR      (run with the venv's python; GATE in the environment)

Per commit C (parent P), with M = C plus the plan's mutation, committed on top of C:
  ground truth  the tests the full suite fails on M and not on C (both full runs, pytest -p no:cacheprovider);
  gate          `gate affected --from P --to M --format json`, then pytest on the selected test files, on M;
  testmon       `pytest --testmon` from the project root on M (its database last synced on P's tree), then C is
                checked out and `pytest --testmon` run again, untimed, as a developer does after fixing the fault.
A tool catches the fault when it runs at least one newly failing test. Writes OUTDIR/rows.json.
"""
import json
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

repo, plan_path, n, outdir = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
gate = os.environ["GATE"]
plan = {entry["sha"]: entry for entry in json.load(open(plan_path))}
os.chdir(repo)


def sh(*args, check=True):
    return subprocess.run(args, check=check, capture_output=True, text=True)


def junit(path):
    """(ran, failed): test ids run and test ids failed or errored, from a pytest JUnit report."""
    ran, failed = set(), set()
    if not os.path.exists(path):
        return ran, failed
    for case in ET.parse(path).getroot().iter("testcase"):
        test_id = case.get("classname", "") + "::" + case.get("name", "")
        ran.add(test_id)
        if case.find("failure") is not None or case.find("error") is not None:
            failed.add(test_id)
    os.remove(path)
    return ran, failed


def pytest(*extra, report):
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", f"--junitxml={report}", *extra], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1, 5):  # 5: no tests collected (testmon deselected everything)
        sys.exit(f"pytest {' '.join(extra)} exited {result.returncode}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed, junit(report)


def testmon(report):
    """`pytest --testmon` as its users run it: the pytest script from the project root (no -m, no extra options)."""
    started = time.perf_counter()
    result = subprocess.run([os.path.join(os.path.dirname(sys.executable), "pytest"), "--testmon", "-q", f"--junitxml={report}"],
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1, 5):
        sys.exit(f"pytest --testmon exited {result.returncode}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    return elapsed, junit(report)


shas = sh("git", "rev-list", "--reverse", "HEAD").stdout.split()
window = shas[-(n + 1):]
report = os.path.join(outdir, "report.xml")
sh("git", "checkout", "-q", "--detach", window[0])
seed_time, (seed_ran, _) = testmon(report)
sh(gate, "index", "build", "--rev", window[0])
rows = []
for parent, commit in zip(window, window[1:]):
    entry = plan[commit]
    mutation = entry["mutation"]
    sh("git", "checkout", "-q", "--detach", commit)
    full_c_time, (all_tests, failing_c) = pytest("-p", "no:cacheprovider", report=report)
    text = open(mutation["path"]).read()
    assert mutation["old"] in text, f"mutation does not apply to {mutation['path']} at {commit}"
    open(mutation["path"], "w").write(text.replace(mutation["old"], mutation["new"], 1))
    sh("git", "commit", "-qam", f"fault: {mutation['kind']} in {mutation['path']} {mutation['function']}")
    mutated = sh("git", "rev-parse", "HEAD").stdout.strip()
    full_m_time, (_, failing_m) = pytest("-p", "no:cacheprovider", report=report)
    truth = failing_m - failing_c

    started = time.perf_counter()
    affected = json.loads(sh(gate, "affected", "--from", parent, "--to", mutated, "--format", "json").stdout)
    affected_time = time.perf_counter() - started
    ids = sorted({t["id"] for t in affected["tests"]})
    if affected["mode"] == "all":
        run_time, (gate_ran, gate_failed) = pytest("-p", "no:cacheprovider", report=report)
    elif ids:
        run_time, (gate_ran, gate_failed) = pytest("-p", "no:cacheprovider", *ids, report=report)
    else:
        run_time, gate_ran, gate_failed = 0.0, set(), set()
    gate_time = affected_time + run_time

    tm_time, (tm_ran, tm_failed) = testmon(report)
    sh("git", "checkout", "-q", "--detach", commit)  # the developer fixes the fault
    testmon(report)

    rows.append({
        "commit": commit[:10], "touched": entry["touched"], "kind": mutation["kind"],
        "fault": f"{mutation['path']}:{mutation['function']}", "total": len(all_tests), "truth": len(truth),
        "baseline_failures": len(failing_c), "full_ms": full_m_time * 1000,
        "gate_mode": affected["mode"], "gate_ran": len(gate_ran), "gate_caught_tests": len(gate_ran & truth),
        "gate_caught": bool(gate_ran & truth), "gate_ms": gate_time * 1000, "gate_affected_ms": affected_time * 1000,
        "tm_ran": len(tm_ran), "tm_caught_tests": len(tm_ran & truth), "tm_caught": bool(tm_ran & truth), "tm_ms": tm_time * 1000,
    })
    print(f"{commit[:10]} {mutation['kind']:7} truth {len(truth):3}  gate ran {len(gate_ran):3} caught {len(gate_ran & truth):3}"
          f"  testmon ran {len(tm_ran):3} caught {len(tm_ran & truth):3}", file=sys.stderr)
json.dump({"seed_ms": seed_time * 1000, "seed_ran": len(seed_ran), "rows": rows}, open(os.path.join(outdir, "rows.json"), "w"), indent=1)
