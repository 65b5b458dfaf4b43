"""Driver of precision_corpus.sh: gate against pytest-testmon on real commits of real Python libraries.

    python3 precision_corpus.py prepare LIB     find N commits with a fault each; ground truth (cached)
    python3 precision_corpus.py testmon LIB     pytest-testmon seeded on P, then `pytest --testmon` on M (cached)
    python3 precision_corpus.py gate LIB LABEL  gate seeded on P, `gate affected P M`, pytest on the selection
    python3 precision_corpus.py table LABEL LIB...   the Markdown results for LABEL

LABEL may name several gate builds, comma-separated (before,after): each is WORK/gate-<label>/bin/gate with its
Templates/ beside it. Environment: WORK (per-library state and the gate builds), N (commits per library), MAX_TRIES (fault
candidates tried per commit), MAX_COMMITS (commits examined per library), HERE (Benchmarks/, for history_replay).

Per library, commits C are taken newest first from the pinned tip (no merges) when C changes a .py file of the
library's code (not its tests); P = C's first parent. M = C plus one mutation on a line C changed (history_replay.py's
candidates, tried in their fixed order) that makes at least one test newly fail. Ground truth = the tests failing in
two full runs of M and in neither of two full runs of C, less test functions seen to flake between the clean runs.
gate: `.git/gate` removed, P checked out, `gate index build --coverage` (seed), `gate affected --from P --to M
--format json` (select), then M checked out and pytest run on the selected ids (run). testmon: `.testmondata` removed,
P checked out, `pytest --testmon` (seed), M checked out, `pytest --testmon` (run). Caught = every newly failing test
ran (and there is at least one). Every pytest run writes its outcomes with history_replay's plugin.
"""

import json
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.environ.get("HERE", os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, HERE)
import history_replay as hr  # noqa: E402

WORK = os.environ.get("WORK", os.path.join(HERE, "work", "precision_corpus"))
N = int(os.environ.get("N", "20"))
MAX_TRIES = int(os.environ.get("MAX_TRIES", "6"))
MAX_COMMITS = int(os.environ.get("MAX_COMMITS", "60"))
TIMEOUT = int(os.environ.get("TEST_TIMEOUT", "900"))

# name: (code directory the faults go in, test directories excluded from it)
LIBS = {
    "pyflakes": ("pyflakes/", ["pyflakes/test/"]),
    "sqlparse": ("sqlparse/", []),
    "marshmallow": ("src/marshmallow/", []),
}


def repo_of(lib):
    return os.path.join(WORK, lib, "repo")


def state_dir(lib, sha):
    path = os.path.join(WORK, lib, "commits", sha[:12])
    os.makedirs(path, exist_ok=True)
    return path


def git(repo, *args, check=True):
    return subprocess.run(["git", "-C", repo, *args], check=check, capture_output=True, text=True).stdout


def checkout(repo, rev):
    git(repo, "checkout", "-q", "-f", rev)
    git(repo, "clean", "-qfdx", "-e", ".venv", "-e", ".testmondata")


def python(repo):
    return os.path.join(repo, ".venv", "bin", "python")


def pytest(repo, out, *args):
    """Runs the library's pytest from its root with the outcome plugin; returns (seconds, outcomes or None)."""
    if os.path.exists(out):
        os.remove(out)
    env = dict(os.environ, PYTHONPATH=HERE, HISTORY_OUTCOMES=out, PYTHONDONTWRITEBYTECODE="1")
    started = time.perf_counter()
    with open(out + ".log", "w") as log:
        try:
            subprocess.run([python(repo), "-m", "pytest", "-q", "-p", "history_replay", *args], cwd=repo, env=env,
                           stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return time.perf_counter() - started, None
    elapsed = time.perf_counter() - started
    return elapsed, (hr.load(out) if os.path.exists(out) else None)


def failing(outcomes):
    return {t for t, o in outcomes["tests"].items() if o == "failed"}


# ---------------------------------------------------------------- commits and faults


def candidate_commits(lib):
    repo = repo_of(lib)
    code, tests = LIBS[lib]
    tip = open(os.path.join(WORK, lib, "tip")).read().strip()
    for sha in git(repo, "rev-list", "--no-merges", "--topo-order", tip).split()[:MAX_COMMITS]:
        parents = git(repo, "rev-list", "--parents", "-n", "1", sha).split()[1:]
        if not parents:
            continue
        files = git(repo, "diff", "--name-only", "--no-renames", parents[0], sha).split()
        if any(f.startswith(code) and f.endswith(".py") and not any(f.startswith(t) for t in tests)
               and "/tests/" not in f and not os.path.basename(f).startswith("test_") for f in files):
            yield sha, parents[0]


def changed_lines(repo, old, new, code, tests):
    out = git(repo, "diff", "-U0", "--no-renames", old, new, "--", code)
    lines, path = {}, None
    for line in out.splitlines():
        if line.startswith("+++ "):
            path = line[6:] if line.startswith("+++ b/") else None
            if path and (not path.endswith(".py") or any(path.startswith(t) for t in tests)
                         or os.path.basename(path).startswith("test_")):
                path = None
        elif line.startswith("@@") and path:
            match = re.match(r"@@ -\S+ \+(\d+)(?:,(\d+))? @@", line)
            start, count = int(match.group(1)), int(match.group(2) or 1)
            lines.setdefault(path, []).extend(range(start, start + count))
    return lines


def candidates(repo, parent, sha, code, tests):
    """history_replay.py's mutations on the lines `sha` changed, in its fixed (hashed) order."""
    return hr.mutation_candidates(repo, changed_lines(repo, parent, sha, code, tests), sha)


def commit_fault(repo, sha, candidate):
    """M: C plus the candidate, committed with fixed dates (the same M on every run)."""
    checkout(repo, sha)
    hr.apply(repo, json.dumps(candidate))
    env = dict(os.environ, GIT_AUTHOR_DATE="2000-01-01T00:00:00Z", GIT_COMMITTER_DATE="2000-01-01T00:00:00Z")
    subprocess.run(["git", "-C", repo, "commit", "-qam", "fault on %s" % sha[:12]], check=True, env=env)
    fault = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "tag", "-f", "fault-" + sha[:12], fault)
    return fault


def prepare(lib, label=None):
    """Finds the faults; with LABEL, runs testmon and gate on each one as soon as it is found (complete rows early)."""
    repo = repo_of(lib)
    code, tests = LIBS[lib]
    found = 0
    for sha, parent in candidate_commits(lib):
        if found >= N:
            break
        d = state_dir(lib, sha)
        record = os.path.join(d, "prepared.json")
        if os.path.exists(record):
            if hr.load(record).get("fault"):
                commit_fault(repo, sha, hr.load(record)["candidate"])  # the tag again, after a fresh clone
                found += 1
                if label:
                    run_tools(lib, hr.load(record), label)
            continue
        log("%s %s: preparing" % (lib, sha[:12]))
        checkout(repo, sha)
        cands = candidates(repo, parent, sha, code, tests)
        result = {"sha": sha, "parent": parent, "subject": git(repo, "log", "-1", "--format=%s", sha).strip(),
                  "candidates": len(cands), "tried": 0, "fault": None}
        if cands:
            clean_s, clean1 = pytest(repo, os.path.join(d, "clean1.json"), "-p", "no:cacheprovider")
            _, clean2 = pytest(repo, os.path.join(d, "clean2.json"), "-p", "no:cacheprovider")
            if clean1 is None or clean2 is None:
                result["skip"] = "the clean suite did not run (timeout or crash)"
                cands = []
            else:
                result["total"] = len(clean1["tests"])
                result["full_s"] = clean_s
                result["baseline_failures"] = sorted(failing(clean1) | failing(clean2))
                result["flaky"] = sorted({hr.function_id(t) for t in failing(clean1) ^ failing(clean2)})
        for cand in cands[:MAX_TRIES]:
            result["tried"] += 1
            checkout(repo, sha)
            hr.apply(repo, json.dumps(cand))
            _, f1 = pytest(repo, os.path.join(d, "fault1.json"), "-p", "no:cacheprovider")
            if f1 is None or set(f1["collect_errors"]) - set(clean1["collect_errors"]):
                continue
            new = failing(f1) - failing(clean1) - failing(clean2)
            if not new:
                continue
            _, f2 = pytest(repo, os.path.join(d, "fault2.json"), "-p", "no:cacheprovider")
            if f2 is None:
                continue
            truth = sorted(t for t in new & failing(f2) if hr.function_id(t) not in result["flaky"])
            if truth:
                result["candidate"], result["truth"] = cand, truth
                result["fault"] = commit_fault(repo, sha, cand)
                found += 1
                break
        if not result["fault"] and "skip" not in result:
            result["skip"] = "no fault among %d of %d candidates on its changed lines made a test newly fail" % (
                result["tried"], len(cands))
        json.dump(result, open(record, "w"), indent=1)
        log("%s %s: %s" % (lib, sha[:12], "fault, %d failing" % len(result["truth"]) if result["fault"] else result["skip"]))
        if label and result["fault"]:
            run_tools(lib, result, label)


def prepared(lib):
    """The prepared commits with a fault, newest first, at most N."""
    out = []
    for sha, _ in candidate_commits(lib):
        record = os.path.join(WORK, lib, "commits", sha[:12], "prepared.json")
        if os.path.exists(record) and hr.load(record).get("fault"):
            out.append(hr.load(record))
        if len(out) >= N:
            break
    return out


def examined(lib):
    out = []
    for sha, _ in candidate_commits(lib):
        record = os.path.join(WORK, lib, "commits", sha[:12], "prepared.json")
        if os.path.exists(record):
            out.append(hr.load(record))
    return out


# ---------------------------------------------------------------- the tools


def judge(p, outcomes):
    ran = set(outcomes["tests"]) if outcomes else set()
    hit = set(p["truth"]) & ran
    return {"ran": len(ran), "hit": len(hit), "caught": len(hit) == len(p["truth"]) > 0,
            "missed": sorted(set(p["truth"]) - ran), "collect_errors": (outcomes or {}).get("collect_errors", [])}


def run_tools(lib, p, labels):
    testmon_one(lib, p)
    for label in labels.split(","):
        gate_one(lib, p, label)


def testmon(lib):
    for p in prepared(lib):
        testmon_one(lib, p)


def gate(lib, labels):
    for p in prepared(lib):
        for label in labels.split(","):
            gate_one(lib, p, label)


def testmon_one(lib, p):
    repo = repo_of(lib)
    d = state_dir(lib, p["sha"])
    record = os.path.join(d, "testmon.json")
    if os.path.exists(record):
        return
    log("%s %s: testmon" % (lib, p["sha"][:12]))
    checkout(repo, p["parent"])
    for f in os.listdir(repo):
        if f.startswith(".testmondata"):
            os.remove(os.path.join(repo, f))
    seed_s, seed = pytest(repo, os.path.join(d, "testmon-seed.json"), "--testmon")
    checkout(repo, p["fault"])
    run_s, run = pytest(repo, os.path.join(d, "testmon-run.json"), "--testmon")
    result = dict(judge(p, run), seed_s=seed_s, run_s=run_s, seed_ran=len(seed["tests"]) if seed else None,
                  markexpr=(run or {}).get("markexpr", ""))
    json.dump(result, open(record, "w"), indent=1)


def gate_one(lib, p, label):
    repo = repo_of(lib)
    binary = os.path.join(WORK, "gate-" + label, "bin", "gate")
    d = state_dir(lib, p["sha"])
    record = os.path.join(d, "gate-%s.json" % label)
    if os.path.exists(record):
        return
    log("%s %s: gate %s" % (lib, p["sha"][:12], label))
    checkout(repo, p["parent"])
    subprocess.run(["rm", "-rf", os.path.join(repo, ".git", "gate")], check=True)
    env = dict(os.environ, NO_COLOR="1", GATE_SHARE_DIR=os.path.join(WORK, "gate-" + label), PATH=os.path.join(repo, ".venv", "bin") + ":" + os.environ["PATH"])
    started = time.perf_counter()
    seed = subprocess.run([binary, "index", "build", "--coverage"], cwd=repo, env=env, capture_output=True, text=True)
    seed_s = time.perf_counter() - started
    open(os.path.join(d, "gate-%s-seed.txt" % label), "w").write(seed.stdout + seed.stderr)
    started = time.perf_counter()
    aff = subprocess.run([binary, "affected", "--from", p["parent"], "--to", p["fault"], "--format", "json"],
                         cwd=repo, env=env, capture_output=True, text=True)
    select_s = time.perf_counter() - started
    explain = subprocess.run([binary, "affected", "--from", p["parent"], "--to", p["fault"], "--explain"],
                             cwd=repo, env=env, capture_output=True, text=True)
    open(os.path.join(d, "gate-%s-explain.txt" % label), "w").write(explain.stdout + explain.stderr)
    try:
        report = json.loads(aff.stdout)
    except ValueError:
        report = {"mode": "error", "reason": (aff.stderr or aff.stdout).strip()[:300], "tests": []}
    json.dump(report, open(os.path.join(d, "gate-%s-affected.json" % label), "w"), indent=1)
    checkout(repo, p["fault"])
    ids = sorted({t["id"] for t in report["tests"]})
    out = os.path.join(d, "gate-%s-run.json" % label)
    if report["mode"] == "all":
        run_s, run = pytest(repo, out)
    elif ids:
        run_s, run = pytest(repo, out, *ids)
    else:
        run_s, run = 0.0, {"tests": {}}
    notes = sorted({t["note"] for t in report["tests"] if t.get("note")})
    result = dict(judge(p, run), seed_s=seed_s, seed_rc=seed.returncode, select_s=select_s, run_s=run_s,
                  mode=report["mode"], reason=report["reason"], notes=notes, selected=len(ids))
    json.dump(result, open(record, "w"), indent=1)


# ---------------------------------------------------------------- the table


def pct(values):
    return "%.1f%%" % (100 * statistics.median(values)) if values else "n/a"


def mean_pct(values):
    return "%.1f%%" % (100 * statistics.mean(values)) if values else "n/a"


def med(values):
    return "%.1f s" % statistics.median(values) if values else "n/a"


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def selection_view(p, d, label, stored):
    """gate's result judged on its selection: the tests of C's full run that the selected ids cover (an id, its file or
    its parametrised function), as history_replay.select counts them. `ran` and `caught` then say what gate selected;
    the pytest run on the selection is kept as run_ran / run_caught (a collection error in a selected file that the
    full suite never collects interrupts that run: see PytestNorecursedirsTests)."""
    report = hr.load(os.path.join(d, "gate-%s-affected.json" % label))
    every = set(hr.load(os.path.join(d, "clean1.json"))["tests"]) | set(p["truth"])
    if report["mode"] == "all":
        chosen = every
    else:
        ids = {t["id"] for t in report["tests"]}
        chosen = {t for t in every if t in ids or t.split("::")[0] in ids or t.split("[")[0] in ids}
    view = dict(stored, run_ran=stored["ran"], run_caught=stored["caught"])
    view.update(judge(p, {"tests": dict.fromkeys(chosen, "selected")}))
    view["collect_errors"] = stored.get("collect_errors", [])
    return view


def complete(lib, labels):
    """(prepared, {label: gate result}, testmon result) of the commits measured by testmon and every label."""
    rows = []
    for p in prepared(lib):
        d = os.path.join(WORK, lib, "commits", p["sha"][:12])
        files = {label: os.path.join(d, "gate-%s.json" % label) for label in labels}
        t = os.path.join(d, "testmon.json")
        if os.path.exists(t) and all(os.path.exists(f) for f in files.values()):
            rows.append((p, {label: selection_view(p, d, label, hr.load(f)) for label, f in files.items()}, hr.load(t)))
    return rows


def compare(labels, libs):
    """One summary and one row per commit for several gate builds side by side, on the commits all of them measured."""
    print("| library | commits | " + " | ".join("gate %s: caught, median, mean" % l for l in labels)
          + " | testmon: caught, median, mean |")
    print("|---|---|" + "---|" * (len(labels) + 1))
    details = []
    for lib in libs:
        rows = complete(lib, labels)
        if not rows:
            continue
        cells = []
        for label in labels + ["testmon"]:
            pick = (lambda g, t: t) if label == "testmon" else (lambda g, t, l=label: g[l])
            fr = [pick(g, t)["ran"] / p["total"] for p, g, t in rows]
            cells.append("%d/%d, %s, %s" % (sum(pick(g, t)["caught"] for p, g, t in rows), len(rows), pct(fr), mean_pct(fr)))
        print("| %s | %d | %s |" % (lib, len(rows), " | ".join(cells)))
        details.append("#### %s\n" % lib)
        details.append("| commit | failing / tests | " + " | ".join("gate %s ran" % l for l in labels)
                       + " | testmon ran | gate %s: mode, reason |" % labels[-1])
        details.append("|---|---|" + "---|" * (len(labels) + 2))
        for p, g, t in rows:
            ran = lambda r: "%d%s%s" % (r["ran"], "" if r["caught"] else " **missed %d**" % len(r["missed"]),
                                         " (run: %d, collection error)" % r["run_ran"] if r.get("collect_errors") else "")
            last = g[labels[-1]]
            why = last["mode"] + ": " + last["reason"] + "".join("; " + n for n in last["notes"][:2])
            details.append("| %s | %d / %d | %s | %s | %s |" % (p["sha"][:10], len(p["truth"]), p["total"],
                           " | ".join(ran(g[l]) for l in labels), ran(t), cell(why[:300])))
        details.append("")
    print()
    print("\n".join(details))


def table(label, libs):
    out = []
    summary = []
    for lib in libs:
        rows = [(p, g[label], t) for p, g, t in complete(lib, [label])]
        if not rows:
            continue
        frac = lambda r, k: r[k]["ran"] / r[0]["total"]
        gi = [dict(total=p["total"]) for p, _, _ in rows]
        gfr = [g["ran"] / p["total"] for p, g, _ in rows]
        tfr = [t["ran"] / p["total"] for p, _, t in rows]
        summary.append("| %s | %d | %d/%d (%d/%d) | %s | %s | %d/%d | %s | %s | %s + %s + %s | %s + %s |" % (
            lib, len(rows), sum(g["caught"] for _, g, _ in rows), len(rows),
            sum(g["run_caught"] for _, g, _ in rows), len(rows), pct(gfr), mean_pct(gfr),
            sum(t["caught"] for _, _, t in rows), len(rows), pct(tfr), mean_pct(tfr),
            med([g["seed_s"] for _, g, _ in rows]), med([g["select_s"] for _, g, _ in rows]),
            med([g["run_s"] for _, g, _ in rows]), med([t["seed_s"] for _, _, t in rows]),
            med([t["run_s"] for _, _, t in rows])))
        out.append("### %s\n" % lib)
        out.append("| commit | fault | failing | tests | gate ran | gate caught | testmon ran | testmon caught | gate mode: reason |")
        out.append("|---|---|---|---|---|---|---|---|---|")
        for p, g, t in rows:
            c = p["candidate"]
            fault = "%s `%s:%d` `%s` → `%s`" % (c["kind"], c["path"], c["line"], c["old"][:40], c["new"][:40])
            yes = lambda r: ("yes" if r["caught"] else "**no** (%d/%d; missed %s)" % (
                r["hit"], len(p["truth"]), ", ".join("`%s`" % m for m in r["missed"][:2]) + (" …" if len(r["missed"]) > 2 else ""))) + (
                "; the run on the selection stopped at a collection error in %s (%d ran)" % (
                    ", ".join("`%s`" % e for e in r.get("collect_errors", [])[:2]), r.get("run_ran", r["ran"]))
                if r.get("collect_errors") else "")
            why = g["mode"] + ": " + g["reason"] + "".join("; " + n for n in g["notes"][:2]) + (
                " (+%d more notes)" % (len(g["notes"]) - 2) if len(g["notes"]) > 2 else "")
            out.append("| %s %s | %s | %d | %d | %d (%.1f%%) | %s | %d (%.1f%%) | %s | %s |" % (
                p["sha"][:10], cell(p["subject"][:50]), cell(fault), len(p["truth"]), p["total"], g["ran"],
                100 * g["ran"] / p["total"], yes(g), t["ran"], 100 * t["ran"] / p["total"], yes(t), cell(why[:400])))
        skipped = [e for e in examined(lib) if not e.get("fault")]
        if skipped:
            out.append("")
            out.append("Commits passed over (no usable fault): " + "; ".join(
                "%s (%s)" % (e["sha"][:10], e.get("skip", "?")) for e in skipped))
        out.append("")
    head = ["| library | commits | gate caught (its run caught) | gate median run | gate mean run | testmon caught | testmon median run | "
            "testmon mean run | gate seed + select + run (medians) | testmon seed + run (medians) |",
            "|---|---|---|---|---|---|---|---|---|---|"]
    print("\n".join(head + summary))
    print()
    print("\n".join(out))


def log(message):
    print(time.strftime("%H:%M:%S ") + message, file=sys.stderr, flush=True)


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "prepare":
        prepare(*args)
    elif command == "testmon":
        testmon(args[0])
    elif command == "gate":
        gate(args[0], args[1])
    elif command == "compare":
        compare(args[0].split(","), args[1:])
    elif command == "table":
        table(args[0], args[1:])
    else:
        sys.exit("precision_corpus: unknown command " + command)


if __name__ == "__main__":
    main()
