"""Shard benchmark helpers (Benchmarks/shards.sh).

generate DIR            a pytest project of 2,000 sleep-based tests with skewed, known durations and 5 injected failures
compare WORK OUT.md     gate's plans for N = 2, 4, 8, 16 against the lower bound, pytest-split (both algorithms) and
                        round-robin, all priced by the same recorded durations (the ones gate's history holds)
"""
import json, os, random, subprocess, sys

FILES, PER_FILE = 40, 50
FAILING = {(3, 7), (11, 0), (19, 42), (27, 13), (35, 49)}


def durations():
    """Seconds per (file, test): 85 % ~3 ms, 12 % 40-120 ms, 2.5 % 0.4-0.8 s, 0.5 % (10 tests) 2-3 s; seeded."""
    rng = random.Random(15)
    out = {}
    for f in range(FILES):
        for t in range(PER_FILE):
            r = rng.random()
            if r < 0.85:
                d = 0.003
            elif r < 0.97:
                d = rng.uniform(0.04, 0.12)
            elif r < 0.995:
                d = rng.uniform(0.4, 0.8)
            else:
                d = rng.uniform(2.0, 3.0)
            out[(f, t)] = round(d, 3)
    return out


def generate(root):
    os.makedirs(os.path.join(root, "tests"), exist_ok=True)
    for (f, t), d in sorted(durations().items()):
        path = os.path.join(root, "tests", "test_m%02d.py" % f)
        if t == 0:
            open(path, "w").write("import time\n")
        body = "    time.sleep(%s)\n" % d + ("    assert False, 'injected'\n" if (f, t) in FAILING else "")
        open(path, "a").write("\n\ndef test_%02d():\n%s" % (t, body))
    open(os.path.join(root, ".gate.yml"), "w").write(
        "version: 1\nsuites:\n  - name: unit\n    runner: pytest\n    timeout: 1800\nselection:\n  coverage: false\nfix:\n  provider: none\n")
    print("expected total %.1f s, longest %.1f s" % (sum(durations().values()), max(durations().values())))


def gate_plan(gate, work, n):
    out = subprocess.run([gate, "plan", "--shards", str(n), "--all", "--format", "json"], cwd=work,
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out[out.index("{"):])


def pytest_split_groups(split_python, work, durations_path, n, algorithm):
    groups = []
    for k in range(1, n + 1):
        out = subprocess.run([split_python, "-m", "pytest", "-p", "no:cacheprovider", "--splits", str(n), "--group", str(k),
                              "--splitting-algorithm", algorithm, "--durations-path", durations_path, "--collect-only", "-q"],
                             cwd=work, capture_output=True, text=True).stdout
        groups.append([line.strip() for line in out.splitlines() if "::" in line])
    return groups


def compare(gate, split_python, work, report):
    whole = gate_plan(gate, work, 1)
    units = [u for s in whole["shards"] for u in s["units"]]
    recorded = {u["id"]: u["seconds"] for u in units}
    assert whole["estimatedUnits"] == 0, "the recorded run should price every unit"
    durations_path = os.path.join(work, ".test_durations")
    json.dump(recorded, open(durations_path, "w"), indent=1, sort_keys=True)
    total, longest = sum(recorded.values()), max(recorded.values())
    order = sorted(recorded)  # collection order: files and tests are zero-padded
    rows = []
    for n in (2, 4, 8, 16):
        bound = max(total / n, longest)
        plan = gate_plan(gate, work, n)
        ids = [u["id"] for s in plan["shards"] for u in s["units"]]
        assert len(ids) == len(set(ids)), "a test in two shards"
        assert set(ids) == set(recorded), "union != selection"
        gate_span = max(sum(recorded[u["id"]] for u in s["units"]) for s in plan["shards"])
        spans = {}
        for algorithm in ("duration_based_chunks", "least_duration"):
            groups = pytest_split_groups(split_python, work, durations_path, n, algorithm)
            flat = [i for g in groups for i in g]
            assert set(flat) == set(recorded) and len(flat) == len(recorded), "pytest-split %s lost tests" % algorithm
            spans[algorithm] = max(sum(recorded[i] for i in g) for g in groups)
        rr = max(sum(recorded[i] for i in order[k::n]) for k in range(n))
        rows.append((n, bound, gate_span, spans["duration_based_chunks"], spans["least_duration"], rr))
    lines = ["| N | lower bound s | gate s (ratio) | pytest-split duration_based_chunks s (ratio) | pytest-split least_duration s (ratio) | round-robin s (ratio) |",
             "|---|---|---|---|---|---|"]
    for n, bound, g, c, l, rr in rows:
        lines.append("| %d | %.2f | %.2f (%.3f) | %.2f (%.3f) | %.2f (%.3f) | %.2f (%.3f) |" % (
            n, bound, g, g / bound, c, c / bound, l, l / bound, rr, rr / bound))
    text = "%d tests, recorded total %.1f s, longest %.2f s\n\n" % (len(recorded), total, longest) + "\n".join(lines) + "\n"
    open(report, "w").write(text)
    print(text)
    worst = max(g / b for _, b, g, *_ in rows)
    beaten = [n for n, _, g, c, l, _ in rows if g > min(c, l) + 1e-9]
    print("gate worst ratio %.3f; N where pytest-split is better: %s" % (worst, beaten or "none"))


if __name__ == "__main__":
    if sys.argv[1] == "generate":
        generate(sys.argv[2])
    elif sys.argv[1] == "compare":
        compare(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5])
