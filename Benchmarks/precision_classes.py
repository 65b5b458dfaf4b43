#!/usr/bin/env python3
"""Issue 13 on real code: `gate affected --explain` before and after the Python precision fixes, on pinned PyPI sdists.

For each case: a fresh repository holding the sdist (first commit, plus a .gate.yml with one pytest suite), seeded with
`gate index build --coverage` (a full recorded run), then one commit with a real change whose changed line carries a
fault. Each gate build (before: the base commit's binary and Templates; after: this branch's) is asked
`gate affected --from <seed> --to <fault> --format json` and `--explain`; the tests pytest really fails on the fault
commit (one full run) must all be selected. Prints a Markdown table (selected tests, of all; missed failing tests; the
safety-net notes) and the explain lines of each changed test selection.

  python3 Benchmarks/precision_classes.py --before BIN:SHARE --after BIN:SHARE [--work DIR] [--cache DIR] [CASE...]

BIN is a gate binary, SHARE the directory holding its Templates/ and Hooks/ (GATE_SHARE_DIR). Needs git, python3 with
pytest and coverage. Sdists are cached in --cache (default ~/.cache/gate-real-projects).
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

PROJECTS = {"pyflakes": "3.2.0", "marshmallow": "3.23.0", "attrs": "24.2.0"}
# The suite's environment (src layouts); marshmallow's tests also need simplejson.
PROJECT_ENV = {"marshmallow": {"PYTHONPATH": "src"}, "attrs": {"PYTHONPATH": "src"}}

# name: (issue-13 class, project, [(path, old, new)], what it shows). The last edit's new line is the fault.
CASES = {
    "main-guard": ("1", "pyflakes", [
        ("pyflakes/api.py", "def main(prog=None, args=None):", "def main(prog=None, args=None, reporter=None):"),
        ("pyflakes/api.py", "    reporter = modReporter._makeDefaultReporter()\n    if args:",
         "    reporter = reporter or modReporter.Reporter(sys.stderr, sys.stdout)\n    if args:"),
    ], "api.main gains a parameter; pyflakes/__main__.py calls main() only under if __name__ == '__main__'"),
    "lazy-import": ("2", "marshmallow", [
        ("src/marshmallow/class_registry.py", "    if len(classes) > 1:\n        if all:", "    if len(classes) > 2:\n        if all:"),
    ], "get_class runs in test_registry tests after their `from .foo_serializer import FooSerializer`"),
    "subclass-hook": ("5", "marshmallow", [
        ("src/marshmallow/fields.py", "    def _validated(self, value):\n        if self.strict and",
         "    def _validated(self, value, strict=None):\n        if (strict if strict is None else self.strict) and"),
    ], "Integer._validated is re-signed; schema.py's SchemaMeta metaclass cannot react to Integer (not a Schema)"),
    "scoped-member": ("3", "attrs", [
        ("src/attr/_make.py", "    def validator(self, meth):", "    def validator(self, meth, first=False):"),
        ("src/attr/_make.py", "        if self._validator is None:\n            self._validator = meth",
         "        if self._validator is None or not first:\n            self._validator = meth"),
    ], "_CountingAttr.validator is re-signed; validators.py's @attrs classes have a field `validator = attrib()`"),
}


def run(command, cwd, env=None, check=True, timeout=1800):
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise SystemExit("%s failed (%d):\n%s\n%s" % (" ".join(command), result.returncode, result.stdout[-3000:],
                                                     result.stderr[-3000:]))
    return result


def sdist(project, cache):
    version = PROJECTS[project]
    path = cache / ("%s-%s.tar.gz" % (project, version))
    if not path.exists():
        run([sys.executable, "-m", "pip", "download", "--no-binary", ":all:", "--no-deps", "--dest", str(cache),
             "%s==%s" % (project, version)], cwd=cache)
    return path


def environment(home, share):
    env = dict(os.environ)
    env.update({"HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": str(home / ".gitconfig"),
                "GATE_SHARE_DIR": share, "NO_COLOR": "1", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"})
    return env


def seeded(project, variant, gate, share, work, cache):
    """A repository of the sdist with coverage recorded by `gate` (reused when already seeded)."""
    repo = work / variant / project
    home = work / variant / "home"
    env = environment(home, share)
    marker = repo / ".git" / "seed.txt"
    if marker.exists():
        return repo, env, int(marker.read_text())
    shutil.rmtree(repo, ignore_errors=True)
    home.mkdir(parents=True, exist_ok=True)
    repo.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(sdist(project, cache)) as archive:
        top = archive.getnames()[0].split("/")[0]
        archive.extractall(repo.parent / "extract", filter="data")
    shutil.move(str(repo.parent / "extract" / top), str(repo))
    shutil.rmtree(repo.parent / "extract", ignore_errors=True)
    extra = PROJECT_ENV.get(project, {})
    suite_env = "    env: {%s}\n" % ", ".join("%s: %s" % item for item in sorted(extra.items())) if extra else ""
    (repo / ".gate.yml").write_text("version: 1\nsuites:\n  - name: python\n    runner: pytest\n    timeout: 1800\n"
                                    + suite_env + "fix:\n  provider: none\n")
    (repo / ".gitignore").write_text("__pycache__/\n.pytest_cache/\n*.egg-info/\n")
    run(["git", "init", "-q", "-b", "main"], repo, env)
    run(["git", "add", "-A"], repo, env)
    run(["git", "commit", "-qm", "%s %s" % (project, PROJECTS[project])], repo, env)
    run(["git", "tag", "seed"], repo, env)
    output = run([gate, "index", "build", "--coverage"], repo, env).stdout
    found = re.search(r"coverage: (\d+) tests recorded", output)
    if not found:
        raise SystemExit("no coverage recorded for %s with %s:\n%s" % (project, gate, output))
    marker.write_text(found.group(1))
    return repo, env, int(found.group(1))


def apply(repo, env, name, edits):
    run(["git", "checkout", "-q", "-f", "-B", "case-" + name, "seed"], repo, env)
    for path, old, new in edits:
        file = repo / path
        text = file.read_text()
        if old not in text:
            raise SystemExit("%s: %s has no %r" % (name, path, old))
        file.write_text(text.replace(old, new, 1))
    run(["git", "commit", "-qam", "case " + name], repo, env)


def pytest_env(project):
    env = dict(os.environ)
    env.update(PROJECT_ENV.get(project, {}))
    return env


def failing(repo, project):
    result = run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rf"], repo, pytest_env(project),
                 check=False)
    return sorted({line.split()[1].split("[")[0] for line in result.stdout.splitlines() if line.startswith("FAILED ")})


def collected(repo, project):
    """The test ids pytest collects (parameters folded, as gate records them)."""
    result = run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-o", "addopts=", "-p", "no:cacheprovider"], repo,
                 pytest_env(project), check=False)
    return {line.split("[")[0] for line in result.stdout.splitlines() if "::" in line and not line.startswith(" ")}


def covered(test, selected):
    file = test.split("::")[0]
    parts = test.split("::")
    prefixes = {"::".join(parts[:i]) for i in range(1, len(parts) + 1)}
    return bool(prefixes & selected) or file in selected


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", required=True)
    parser.add_argument("--after", required=True)
    parser.add_argument("--work", default=str(Path(__file__).parent / "work" / "precision_classes"))
    parser.add_argument("--cache", default=str(Path.home() / ".cache" / "gate-real-projects"))
    parser.add_argument("cases", nargs="*")
    options = parser.parse_args()
    work, cache = Path(options.work).resolve(), Path(options.cache)
    work.mkdir(parents=True, exist_ok=True)
    cache.mkdir(parents=True, exist_ok=True)
    rows, details = [], []
    for name in options.cases or list(CASES):
        klass, project, edits, what = CASES[name]
        row = {"case": name, "class": klass, "project": "%s %s" % (project, PROJECTS[project])}
        truth = None
        for variant, spec in (("before", options.before), ("after", options.after)):
            gate, share = spec.split(":", 1)
            repo, env, total = seeded(project, variant, gate, share, work, cache)
            apply(repo, env, name, edits)
            if truth is None:
                truth = failing(repo, project)
            report = json.loads(run([gate, "affected", "--from", "seed", "--to", "HEAD", "--format", "json"], repo, env).stdout)
            explain = run([gate, "affected", "--from", "seed", "--to", "HEAD", "--explain"], repo, env).stdout
            mode = report.get("mode")
            ids = {test["id"] for test in report.get("tests", [])}
            everything = collected(repo, project)
            total = len(everything)
            count = total if mode == "all" else sum(1 for test in everything if covered(test, ids))
            missed = [t for t in truth if mode != "all" and not covered(t, ids)]
            nets = sorted({re.sub(r"^.*?\(safety net: ", "", line).rstrip(")") for line in explain.splitlines()
                           if "→ import closure" in line})
            row[variant] = "%d of %d" % (count, total)
            row[variant + " missed"] = len(missed)
            row[variant + " nets"] = "; ".join(nets)[:400] or "-"
            details.append("### %s, %s\n\n```\n%s```\n" % (name, variant, "\n".join(explain.splitlines()[:40]) + "\n"))
        row["failing"] = len(truth)
        rows.append(row)
    print("| case | class | project | failing tests | before: selected | missed | after: selected | missed | before: fallback | after: fallback |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print("| %s | %s | %s | %d | %s | %d | %s | %d | %s | %s |" % (
            r["case"], r["class"], r["project"], r["failing"], r["before"], r["before missed"], r["after"],
            r["after missed"], r["before nets"].replace("|", "\\|"), r["after nets"].replace("|", "\\|")))
    print()
    print("\n".join(details))


if __name__ == "__main__":
    main()
