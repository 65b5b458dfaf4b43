#!/usr/bin/env python3
"""Diff coverage on real projects (issue 17), driven by diff_coverage.sh: gate's figure against diff-cover's, and the
extra push time coverage costs.

For each project (attrs 24.2.0 src/ layout, go-cmp 0.5.9, swift-algorithms 1.2.1; sources as in real_projects.py):
two fresh repositories with local bare remotes, identical but for `.gate.yml`: A without `quality:`, B with
`quality: {diff_coverage: {min: 100}}`. One commit edits library code with known covered and known uncovered changed
lines (and a comment and a blank line). Pushing it in B is blocked (some lines are uncovered), which writes the run
report; pushing it in A passes.

  compare   diff-cover (PyPI, pinned) on the same coverage data gate read and the same diff (the pushed range):
            python: the Cobertura XML coverage.py wrote from the very run gate measured (GATE_LINE_COVERAGE_XML);
            go:     the cover profile gate's run wrote, as Cobertura XML by gocover-cobertura's rule (every line of a
                    block gets the block's count; converted here, no Go converter is on PyPI or in Debian);
            swift:  `llvm-cov export -format=lcov` of the profile and test binary that gate's run left in .build.
            Same uncovered lines? same percentage? Every line that differs is listed.
  overhead  median wall time of `git push` over ROUNDS rounds, A and B alternating, the verified-tree cache cleared
            and the remote reset before each push (Go with -count=1 so tests really run both times).
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import real_projects as rp  # noqa: E402

DIFF_COVER = "diff-cover==11.0.1"
COVERAGE = "coverage==7.17.5"

EDITS = {
    "attrs": [rp.Edit(
        "src/attr/validators.py",
        "        if len(value) > self.max_length:\n",
        "        # measured once\n\n        length = len(value)\n        if length > self.max_length:\n", ""),
        rp.Edit("src/attr/validators.py", "\n\ndef max_len(length):\n",
                "\n\ndef _never_called(value):\n    doubled = value * 2\n    return doubled\n\n\ndef max_len(length):\n", "")],
    "go-cmp": [rp.Edit(
        "cmp/cmpopts/equate.go",
        "\treturn math.Abs(x-y) <= math.Max(a.marg, relMarg)\n}\n",
        "\t// the distance, once\n\n\td := math.Abs(x - y)\n\treturn d <= math.Max(a.marg, relMarg)\n}\n\n"
        "func neverCalled(x int) int {\n\t// not run by any test\n\ty := x * 2\n\treturn y\n}\n", "")],
    "swift-algorithms": [rp.Edit(
        "Sources/Algorithms/Chunked.swift",
        "      base.count.quotientAndRemainder(dividingBy: chunkCount)\n    return quotient + remainder.signum()\n  }\n",
        "      base.count.quotientAndRemainder(dividingBy: chunkCount)\n    // the partial chunk counts\n\n"
        "    let partial = remainder.signum()\n    return quotient + partial\n  }\n\n"
        "  internal func _neverCalled(_ x: Int) -> Int {\n    // not run by any test\n    let y = x * 2\n    return y\n  }\n", "")],
}


def log(msg):
    print(f"diff_coverage: {msg}", file=sys.stderr, flush=True)


def sh(cmd, **kw):
    return rp.sh(cmd, **kw)


def edit(repo: Path, e: rp.Edit):
    path = repo / e.path
    text = path.read_text()
    if text.count(e.old) != 1:
        raise RuntimeError(f"{e.path}: the text to edit occurs {text.count(e.old)} times")
    path.write_text(text.replace(e.old, e.new))


def gate_yml(p, quality: bool, xml: Path):
    lines = ["version: 1", "suites:", "  - name: tests", f"    runner: {p.kind}", f"    timeout: {p.timeout}"]
    env = dict(p.env)
    if p.kind == "go":
        env["GOFLAGS"] = (env.get("GOFLAGS", "") + " -count=1").strip()
    if p.kind == "pytest" and quality:
        env["GATE_LINE_COVERAGE_XML"] = str(xml)
    if env:
        lines.append("    env: {" + ", ".join(f"{k}: {json.dumps(v)}" for k, v in env.items()) + "}")
    lines += ["fix:", "  provider: none"]
    if quality:
        lines += ["quality:", "  diff_coverage: {min: 100}"]
    return "\n".join(lines) + "\n"


def make_repo(p, work: Path, cache: Path, gate: str, env0: dict, quality: bool):
    """A repository with the project as its first commit (pushed without the hook) and the edit committed on top."""
    name = "b" if quality else "a"
    repo, remote = work / name, work / f"{name}.git"
    shutil.rmtree(repo, ignore_errors=True)
    shutil.rmtree(remote, ignore_errors=True)
    rp.fetch_source(p, cache, repo)
    for e in p.patches:
        rp.apply_edit(repo, e, p.kind)
    env = dict(env0)
    if p.kind == "pytest":
        venv = rp.ensure_venv(p, cache)
        (repo / ".venv").symlink_to(venv)
        env["VIRTUAL_ENV"] = str(repo / ".venv")
        env["PATH"] = f"{repo / '.venv/bin'}:{env['PATH']}"
    if p.kind == "go":
        env.update(p.env)
        env["GOCACHE"] = str(cache / "go-build")
        env["GOPATH"] = str(work / "gopath")
    (repo / ".gitignore").write_text("__pycache__/\n*.pyc\n.pytest_cache/\n.venv\n.build/\n.swiftpm/\n")
    (repo / ".gate.yml").write_text(gate_yml(p, quality, work / f"{name}-coverage.xml"))
    rp.git(repo, "init", "-q", "-b", "main")
    rp.git(repo, "add", "-A")
    rp.git(repo, "commit", "-qm", f"{p.name} {p.version}")
    sh(["git", "init", "-q", "--bare", str(remote)])
    rp.git(repo, "remote", "add", "origin", str(remote))
    rp.git(repo, "push", "-q", "--no-verify", "origin", "main")
    sh([gate, "install"], cwd=repo, env=env)
    base = rp.git(repo, "rev-parse", "HEAD").strip()
    for e in EDITS[p.name]:
        edit(repo, e)
    rp.git(repo, "commit", "-qam", "known covered and uncovered changed lines")
    return repo, env, base


def timed_push(repo: Path, env: dict, base: str):
    """Clears the verified-tree cache, resets the remote to the base, pushes through the hook."""
    (repo / ".git/gate/verified.json").unlink(missing_ok=True)
    rp.git(repo, "push", "-q", "--no-verify", "-f", "origin", f"{base}:refs/heads/main")
    start = time.monotonic()
    r = sh(["git", "push", "origin", "main"], cwd=repo, env=env, check=False, timeout=3600)
    return r.returncode, time.monotonic() - start, r.stdout


def last_report(repo: Path):
    reports = sorted((repo / ".git/gate/reports").glob("*.json"))
    return json.loads(reports[-1].read_text()) if reports else None


def go_cobertura(profile: Path, module: str, out: Path):
    """gocover-cobertura's rule: each block's count goes to every line from its start to its end line (summed)."""
    hits = {}
    for line in profile.read_text().splitlines()[1:]:
        m = re.match(r"(.+):(\d+)\.\d+,(\d+)\.\d+ \d+ (\d+)$", line)
        if not m or not m.group(1).startswith(module + "/"):
            continue
        path = m.group(1)[len(module) + 1:]
        for n in range(int(m.group(2)), int(m.group(3)) + 1):
            hits.setdefault(path, {}).setdefault(n, 0)
            hits[path][n] += int(m.group(4))
    classes = "".join(
        f'<class name="{path}" filename="{path}" line-rate="0" branch-rate="0" complexity="0"><methods/><lines>'
        + "".join(f'<line number="{n}" hits="{c}"/>' for n, c in sorted(lines.items())) + "</lines></class>"
        for path, lines in sorted(hits.items()))
    out.write_text('<?xml version="1.0" ?><coverage line-rate="0" branch-rate="0" version="1" timestamp="0">'
                   f'<sources><source>.</source></sources><packages><package name="all" line-rate="0" branch-rate="0" '
                   f'complexity="0"><classes>{classes}</classes></package></packages></coverage>\n')


def swift_lcov(repo: Path, out: Path):
    codecov = repo / ".build/debug/codecov"
    profdata = codecov / "default.profdata"
    binaries = sorted((repo / ".build/debug").glob("*PackageTests.xctest"))
    if not profdata.exists() or not binaries:
        raise RuntimeError(f"no profile data or test binary under {repo / '.build/debug'}")
    llvm_cov = shutil.which("llvm-cov") or "/opt/swift/usr/bin/llvm-cov"
    r = sh([llvm_cov, "export", "-format=lcov", "-instr-profile", str(profdata), str(binaries[0])], cwd=repo)
    out.write_text(r.stdout)


def peer_report(p, repo: Path, work: Path, report: dict):
    """The coverage file diff-cover reads for this project, from gate's own run."""
    log_dir = Path(report["logDirectory"])
    if p.kind == "pytest":
        return work / "b-coverage.xml"
    if p.kind == "go":
        profile = next(log_dir.glob("coverage-*/*.go.coverage"))
        module = re.search(r"^module\s+(\S+)", (repo / "go.mod").read_text(), re.M).group(1)
        out = work / "b-coverage.xml"
        go_cobertura(profile, module, out)
        return out
    out = work / "b-coverage.lcov"
    swift_lcov(repo, out)
    return out


def diff_cover(tool: Path, coverage: Path, repo: Path, base: str, work: Path):
    out = work / "diff-cover.json"
    sh([str(tool), str(coverage), f"--compare-branch={base}", "--ignore-staged", "--ignore-unstaged",
        "--format", f"json:{out}"], cwd=repo, check=False)
    return json.loads(out.read_text())


def compare(report: dict, peer: dict, repo: Path):
    quality = report["targets"][0]["quality"]["diffCoverage"]
    gate_lines = {(u["file"], u["line"]) for u in quality["uncovered"]}
    gate_ran = {(f, n) for f, lines in quality.get("coveredLines", {}).items() for n in lines}
    peer_lines, peer_ran = set(), set()
    for path, stats in peer.get("src_stats", {}).items():
        rel = os.path.relpath(path, repo) if os.path.isabs(path) else path
        peer_lines |= {(rel, n) for n in stats.get("violation_lines", [])}
        peer_ran |= {(rel, n) for n in stats.get("covered_lines", [])}
    peer_exec = len(peer_lines) + len(peer_ran)
    differ = []
    for file, line in sorted((gate_lines | gate_ran) ^ (peer_lines | peer_ran)):
        text = (repo / file).read_text().splitlines()[line - 1].strip()
        state = "uncovered" if (file, line) in gate_lines | peer_lines else "covered"
        who = "diff-cover only" if (file, line) in peer_lines | peer_ran else "gate only"
        differ.append(f"{who} ({state}): `{file}:{line}` `{text}`")
    for file, line in sorted((gate_lines & peer_ran) | (gate_ran & peer_lines)):
        differ.append(f"covered for one, uncovered for the other: `{file}:{line}`")
    return {
        "gate_percent": quality["percent"], "gate_lines": quality["executable"], "gate_uncovered": len(gate_lines),
        "peer_percent": 100 * len(peer_ran) / peer_exec if peer_exec else None, "peer_total": peer.get("total_percent_covered"), "peer_lines": peer_exec,
        "peer_uncovered": len(peer_lines), "same_uncovered": gate_lines == peer_lines,
        "uncovered": sorted(f"{f}:{n}" for f, n in gate_lines), "differ": differ,
    }


def run_project(p, args, gate, env0, tool):
    work = Path(args.work) / p.name
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    cache = Path(args.cache)
    a, env_a, base_a = make_repo(p, work, cache, gate, env0, quality=False)
    b, env_b, base_b = make_repo(p, work, cache, gate, env0, quality=True)
    row = {"project": f"{p.name} {p.version}", "kind": p.kind}
    # Warm-up (Swift builds, Python bytecode), then the measured rounds alternating A and B.
    times = {"a": [], "b": []}
    for round_ in range(args.rounds + 1):
        for name, repo, env, base, want in (("a", a, env_a, base_a, 0), ("b", b, env_b, base_b, 1)):
            rc, secs, out = timed_push(repo, env, base)
            (work / f"push-{name}-{round_}.log").write_text(out)
            if rc != want:
                raise RuntimeError(f"{p.name}: push in {name} exited {rc}, expected {want}:\n{out[-3000:]}")
            if round_ > 0:
                times[name].append(secs)
            log(f"{p.name}: round {round_} {name}: {secs:.1f} s")
    row["without"] = statistics.median(times["a"])
    row["with"] = statistics.median(times["b"])
    report = last_report(b)
    section = (b / ".git/gate/reports" / (Path(report["run"]).name + ".md")).read_text()
    lines = section[section.index("### Coverage"):section.index("### Suite")].strip().splitlines()
    tests = [i for i, line in enumerate(lines) if line.startswith("- `")]
    if len(tests) > 5:  # the report lists up to 100 tests; five show the shape here
        lines = lines[:tests[5]] + [f"- … ({len(tests) - 5} more in the report)"]
    row["section"] = "\n".join(lines)
    peer = diff_cover(tool, peer_report(p, b, work, report), b, base_b, work)
    row.update(compare(report, peer, b))
    return row


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gate", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--cache", required=True)
    ap.add_argument("--diff-cover", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", required=True)
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    wanted = args.names or ["attrs", "go-cmp", "swift-algorithms"]
    projects = {p.name: p for p in rp.PROJECTS}
    for p in projects.values():
        if p.kind == "pytest":
            p.pip = p.pip + [COVERAGE]
    rows = []
    for name in wanted:
        log(f"{name}: start")
        rows.append(run_project(projects[name], args, args.gate, dict(os.environ), Path(args.diff_cover)))
        Path(args.json).write_text(json.dumps(rows, indent=1))
    print("| project | changed executable lines (gate / diff-cover) | uncovered (gate / diff-cover) | diff coverage (gate / diff-cover) | same uncovered lines | push without coverage (median s) | with (median s) | extra |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['project']} ({r['kind']}) | {r['gate_lines']} / {r['peer_lines']} | {r['gate_uncovered']} / {r['peer_uncovered']} | "
              f"{r['gate_percent']:.1f}% / {r['peer_percent']:.1f}% | {'yes' if r['same_uncovered'] else 'no'} | "
              f"{r['without']:.1f} | {r['with']:.1f} | +{r['with'] - r['without']:.1f} s ({r['with'] / r['without']:.2f}×) |")
    for r in rows:
        print(f"\n### {r['project']}\n")
        print("gate's uncovered changed lines: " + ", ".join(f"`{u}`" for u in r["uncovered"]))
        print(f"\ndiff-cover's own total (it rounds): {r['peer_total']}%.")
        print("\nLines that differ: " + ("none" if not r["differ"] else ""))
        for d in r["differ"]:
            print(f"- {d}")
    blocked = rows[0]
    print(f"\n### The blocked push's report section ({blocked['project']})\n")
    print("````markdown\n" + blocked["section"] + "\n````")


if __name__ == "__main__":
    main()
