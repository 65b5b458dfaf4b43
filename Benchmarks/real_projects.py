#!/usr/bin/env python3
"""A corpus of real open-source projects, each pushed through gate as a user would (driven by real_projects.sh).

For each project: its pinned source (a PyPI sdist, a Debian golang-*-dev package, a SwiftPM package's git mirror)
becomes the first commit of a fresh repository with a local bare remote; `gate install`; a first push (every test
runs: the new branch reaches a root commit). Then:
  1. a commit with a plausible bug in library code (off-by-one, wrong operator). The project's own runner (pytest with
     real_projects_plugin.py, `go test -json`, `swift test --xunit-output`) runs the broken tree first, independently
     of gate: its failing ids are the expected ones. `git push` must be blocked, and then:
       ids      gate's failing tests are exactly the expected ones, by their real ids (pytest: root-relative node id
                `path::Class::test[param]`; go: `<import path>.<Test>` (or with a space or `::`); swift: what
                `swift test list` prints, `Target.Class/test()`);
       report   .git/gate/reports/<run>.json holds a message and a trace for each, and the .md shows both;
       flaky    nothing is called flaky (the trail's `flaky` events and any flaky list in the report);
       prompt   the fix prompt a `command` provider receives (saved by the provider script, which then replies with
                nothing usable) names each failing test with its message.
  2. the bug is dropped (reset to the pushed commit); a docs-only commit is pushed: it must pass, and its time is kept;
  3. a behaviour-preserving edit of a leaf module is pushed: it must pass; the fraction of the first push's tests that
     gate ran is reported.
Writes the table to stdout (Markdown) and a JSON summary next to the work files. Exit 1 when a check failed.
"""
import argparse
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent


class Unavailable(Exception):
    """The project's source cannot be had on this machine: the project is skipped, loudly."""


@dataclass
class Edit:
    path: str
    old: str
    new: str
    message: str


@dataclass
class Project:
    name: str
    version: str
    kind: str                      # pytest | go | swift
    layout: str
    source: str                    # pypi | deb | git
    edit_break: Edit
    edit_leaf: Edit
    docs_file: str
    origin: str = ""               # deb package / git mirror path / sdist name
    pip: list = field(default_factory=list)   # pinned test requirements
    env: dict = field(default_factory=dict)   # suite env (also used for the independent run)
    remove: list = field(default_factory=list)  # paths dropped from the import, with the reason in `why_removed`
    why_removed: str = ""
    patches: list = field(default_factory=list)  # Edits applied to the import itself, with the reason in `why_patched`
    why_patched: str = ""
    timeout: int = 900
    needs: list = field(default_factory=list)  # other git mirrors (SwiftPM dependencies) that must be present


PY_TEST_DEPS = ["pytest==9.2.0"]

PROJECTS = [
    Project(
        name="pyflakes", version="3.2.0", kind="pytest", source="pypi",
        layout="flat; tests inside the package (pyflakes/test/), unittest classes",
        pip=PY_TEST_DEPS,
        edit_break=Edit("pyflakes/reporter.py", "line[:offset - 1]) +", "line[:offset]) +",
                        "reporter: put the caret under the offending column"),
        edit_leaf=Edit("pyflakes/reporter.py", '    Make a reporter that can be used when no reporter is specified.',
                       '    Make a reporter (stdout, stderr) for when no reporter is specified.',
                       "reporter: say where the default reporter writes"),
        docs_file="README.rst",
    ),
    Project(
        name="sqlparse", version="0.5.1", kind="pytest", source="pypi",
        layout="flat; tests/ with tests/conftest.py and a data dir (tests/files); ids with '::', quotes, spaces",
        pip=PY_TEST_DEPS,
        edit_break=Edit("sqlparse/utils.py", "        val = val[1:-1]\n", "        val = val[1:]\n",
                        "utils: remove_quotes keeps the text after the opening quote"),
        edit_leaf=Edit("sqlparse/cli.py", '"""Module that contains the command line app.',
                       '"""The command line app (sqlformat).',
                       "cli: module docstring"),
        docs_file="README.rst",
    ),
    Project(
        name="attrs", version="24.2.0", kind="pytest", source="pypi",
        layout="src/ layout (src/attr, src/attrs); root conftest.py; hypothesis",
        # attrs itself is installed too (same version): tests/test_packaging.py reads its metadata; imports come from
        # src/ through PYTHONPATH, so the code under test is the repository's.
        pip=PY_TEST_DEPS + ["hypothesis==6.170.17", "attrs==24.2.0"],
        env={"PYTHONPATH": "src"},
        patches=[Edit("pyproject.toml", 'addopts = ["-ra", "--strict-markers", "--strict-config"]',
                      'addopts = ["-ra", "--strict-markers", "--strict-config", '
                      '"--deselect=tests/test_converters.py::TestPipe::test_wrapped_annotation"]', "")],
        why_patched="one test deselected in its pytest config: TestPipe::test_wrapped_annotation fails on a clean "
                    "checkout with this Python (3.11.7), in 24.2.0 and 25.3.0 alike",
        edit_break=Edit("src/attr/validators.py", "        if len(value) > self.max_length:",
                        "        if len(value) >= self.max_length:", "validators: max_len rejects over-long values"),
        edit_leaf=Edit("src/attr/filters.py", '"""\nCommonly useful filters for `attrs.asdict` and `attrs.astuple`.',
                       '"""\nCommonly useful filters for `attrs.asdict` and `attrs.astuple` (include, exclude).',
                       "filters: module docstring"),
        docs_file="README.md",
    ),
    Project(
        name="nltk", version="3.9.1", kind="pytest", source="pypi",
        layout="nested pytest.ini (nltk/test/pytest.ini) and conftest.py in nltk/test/; tests inside the package",
        pip=PY_TEST_DEPS + ["pytest-mock==3.17.0", "regex==2026.11.19", "click==8.5.1", "joblib==1.6.0",
                            "tqdm==4.70.1"],
        remove=[
            "nltk/test/.pytest_cache",
            *[f"nltk/test/unit/{f}" for f in (
                "test_tgrep.py", "test_tokenize.py", "test_json2csv_corpus.py", "test_pos_tag.py",
                "test_json_serialization.py", "test_stem.py", "test_concordance.py", "test_rte_classify.py",
                "test_downloader.py", "test_corpus_views.py", "test_cfd_mutation.py", "translate/test_nist.py",
                "translate/test_meteor.py", "test_pl196x.py", "test_cfg2chomsky.py", "test_brill.py",
                "test_aline.py", "translate/test_bleu.py", "test_wordnet.py", "test_nombank.py", "test_corpora.py")],
        ],
        why_removed="unit test files that need nltk_data corpora or the network (they fail on a clean checkout here)",
        edit_break=Edit("nltk/metrics/distance.py", "+ i - last_left + j - last_right - 1",
                        "+ i - last_left + j - last_right", "distance: cost of a transposition"),
        edit_leaf=Edit("nltk/metrics/distance.py", "Calculate the Levenshtein edit-distance between two strings.",
                       "Calculate the Levenshtein edit distance between two strings.",
                       "distance: docstring wording"),
        docs_file="README.md",
    ),
    Project(
        name="go-cmp", version="0.5.9", kind="go", source="deb",
        origin="golang-github-google-go-cmp-dev=0.5.9-1",
        layout="Go module, 5 packages with tests (cmp, cmp/cmpopts, cmp/internal/*), no dependencies",
        env={"GOFLAGS": "-mod=mod", "GOPROXY": "off"},
        edit_break=Edit("cmp/cmpopts/equate.go", "return math.Abs(x-y) <= math.Max(a.marg, relMarg)",
                        "return math.Abs(x-y) < math.Max(a.marg, relMarg)",
                        "cmpopts: EquateApprox margin is exclusive"),
        edit_leaf=Edit("cmp/cmpopts/xform.go", "// XformIgnoreCase", "// XformIgnoreCase", "unused"),
        docs_file="README.md",
    ),
    Project(
        name="swift-http-types", version="1.8.0", kind="swift", source="git",
        origin="apple/swift-http-types.git",
        layout="SwiftPM, 2 libraries, 2 test targets (HTTPTypesTests, HTTPTypesFoundationTests), Swift Testing",
        edit_break=Edit("Sources/HTTPTypes/HTTPResponse.swift", "            case 200...299:",
                        "            case 201...299:", "HTTPResponse: 2xx kind"),
        edit_leaf=Edit("Sources/HTTPTypesFoundation/HTTPTypes+ISOLatin1.swift", "", "", "unused"),
        docs_file="README.md",
        timeout=1800,
    ),
    Project(
        name="swift-algorithms", version="1.2.1", kind="swift", source="git",
        origin="apple/swift-algorithms.git", needs=["apple/swift-numerics.git"],
        layout="SwiftPM, XCTest, one test target; depends on swift-numerics (resolved through the git mirrors)",
        edit_break=Edit("Sources/Algorithms/Chunked.swift",
                        "      base.count.quotientAndRemainder(dividingBy: chunkCount)\n    return quotient + remainder.signum()\n",
                        "      base.count.quotientAndRemainder(dividingBy: chunkCount)\n    return quotient\n", "chunks(ofCount:): count without the last partial chunk"),
        edit_leaf=Edit("Sources/Algorithms/Stride.swift", "", "", "unused"),
        docs_file="README.md",
        timeout=1800,
    ),
]


def sh(cmd, cwd=None, env=None, check=True, capture=True, timeout=None, input=None):
    r = subprocess.run(cmd, cwd=cwd, env=env, text=True, input=input, timeout=timeout,
                       stdin=subprocess.DEVNULL if input is None else None,   # nothing may wait for a person
                       stdout=subprocess.PIPE if capture else None, stderr=subprocess.STDOUT if capture else None)
    if check and r.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {r.returncode}:\n{(r.stdout or '')[-3000:]}")
    return r


def log(msg):
    print(f"real_projects: {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------------------- sources
def fetch_source(p, cache: Path, dest: Path):
    """Puts the project's pinned tree into dest (which must not exist)."""
    tool = {"pytest": "python3", "go": "go", "swift": "swift"}[p.kind]
    if shutil.which(tool) is None:
        raise Unavailable(f"`{tool}` is not on PATH")
    if p.source == "pypi":
        sdist = next(iter(sorted(cache.glob(f"{p.name}-{p.version}.tar.gz"))), None)
        if sdist is None:
            r = sh([sys.executable, "-m", "pip", "download", "-q", "--no-binary", ":all:", "--no-deps",
                    f"{p.name}=={p.version}", "-d", str(cache)], check=False)
            sdist = next(iter(sorted(cache.glob(f"{p.name}-{p.version}.tar.gz"))), None)
            if sdist is None:
                raise Unavailable(f"no sdist {p.name}-{p.version}.tar.gz in {cache} and pip download failed:\n"
                                  + (r.stdout or "")[-800:])
        with tarfile.open(sdist) as t:
            top = f"{p.name}-{p.version}/"
            members = [m for m in t.getmembers() if m.name.startswith(top)]
            for m in members:
                m.name = m.name[len(top):]
            members = [m for m in members if m.name and m.name != "PKG-INFO" and ".egg-info" not in m.name]
            dest.mkdir(parents=True)
            try:
                t.extractall(dest, members=members, filter="data")
            except TypeError:   # Python before 3.11.4: no extraction filters
                t.extractall(dest, members=members)
        if not any(dest.rglob("test*.py")):
            raise Unavailable(f"the sdist {sdist.name} holds no tests")
    elif p.source == "deb":
        pkg, _, ver = p.origin.partition("=")
        deb = next(iter(cache.glob(f"{pkg}_{ver}_*.deb")), None)
        if deb is None and shutil.which("apt-get"):
            sh(["apt-get", "download", p.origin], cwd=cache, check=False)
            deb = next(iter(cache.glob(f"{pkg}_{ver}_*.deb")), None)
        module = "usr/share/gocode/src/github.com/google/go-cmp"
        staging = cache / f"{pkg}_{ver}"
        if deb is not None:
            shutil.rmtree(staging, ignore_errors=True)
            sh(["dpkg-deb", "-x", str(deb), str(staging)])
            shutil.copytree(staging / module, dest)
        elif Path("/" + module, "go.mod").exists():
            shutil.copytree("/" + module, dest)   # installed system-wide (apt-get install golang-github-google-go-cmp-dev)
        else:
            raise Unavailable(f"Debian package {p.origin} neither cached in {cache} nor downloadable "
                              f"(apt-get download {p.origin}), and /{module} is absent")
        if (Path(dest) / "go.mod").read_text().find("require") >= 0:
            raise Unavailable("go.mod has requirements; this corpus needs modules without dependencies")
    elif p.source == "git":
        mirrors = Path(os.environ.get("SWIFT_PACKAGES", "/opt/swift-packages"))
        repo = mirrors / p.origin
        for needed in [p.origin, *p.needs]:
            if not (mirrors / needed).exists():
                raise Unavailable(f"no git mirror {mirrors / needed} "
                                  "(set SWIFT_PACKAGES to a directory of OWNER/NAME.git mirrors)")
        dest.mkdir(parents=True)
        archive = subprocess.run(["git", "-C", str(repo), "archive", "--format=tar", p.version],
                                 stdout=subprocess.PIPE, check=False)
        if archive.returncode != 0:
            raise Unavailable(f"tag {p.version} not in {repo}")
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive.stdout, check=True)
    for rel in p.remove:
        target = dest / rel
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
        else:
            raise RuntimeError(f"{p.name}: {rel} (to be removed) is not in the source")


def ensure_venv(p, cache: Path):
    """A virtualenv with the project's pinned test requirements, cached by their hash."""
    digest = hashlib.sha256("\n".join(p.pip).encode()).hexdigest()[:12]
    venv = cache / f"venv-{p.name}-{digest}"
    if not (venv / ".complete").exists():
        shutil.rmtree(venv, ignore_errors=True)
        sh([sys.executable, "-m", "venv", str(venv)])
        r = sh([str(venv / "bin/python"), "-m", "pip", "install", "-q", *p.pip], check=False, timeout=900)
        if r.returncode != 0:
            raise Unavailable(f"pip install {' '.join(p.pip)} failed:\n{r.stdout[-1500:]}")
        (venv / ".complete").write_text("\n".join(p.pip) + "\n")
    return venv


# ---------------------------------------------------------------------------------------------------------- config
def gate_yml(p, provider: Path):
    lines = ["version: 1", "suites:", "  - name: tests", f"    runner: {p.kind}", f"    timeout: {p.timeout}"]
    if p.env:
        lines.append("    env: {" + ", ".join(f"{k}: {json.dumps(v)}" for k, v in p.env.items()) + "}")
    lines += ["fix:", "  provider: command", f"  command: {provider}", "  max_attempts: 1", ""]
    return "\n".join(lines)


PROVIDER = """#!/bin/sh
# Fix provider for the corpus: keeps the prompt gate sends, replies with nothing gate can apply.
n=$(ls "{dir}" | grep -c '^prompt' || true)
cat > "{dir}/prompt.$((n + 1)).txt"
echo "No edits from this provider."
"""


# ---------------------------------------------------------------------------------------------------------- ground truth
def expected_run(p, repo: Path, env: dict, out: Path):
    """Runs the project's own runner on the work tree; returns (collected, failing ids)."""
    out.mkdir(parents=True, exist_ok=True)
    if p.kind == "pytest":
        result = out / "pytest.json"
        run_env = dict(env, REAL_PROJECTS_OUT=str(result),
                       PYTHONPATH=os.pathsep.join(filter(None, [p.env.get("PYTHONPATH"), str(HERE)])))
        r = sh(["python3", "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "real_projects_plugin"],
               cwd=repo, env=run_env, check=False, timeout=1800)
        (out / "pytest.log").write_text(r.stdout)
        data = json.loads(result.read_text())
        return data["collected"], sorted(set(data["failed"]))
    if p.kind == "go":
        r = sh(["go", "test", "-json", "-count=1", "./..."], cwd=repo, env=env, check=False, timeout=1800)
        (out / "go.jsonl").write_text(r.stdout)
        ran, failed = set(), set()
        for line in r.stdout.splitlines():
            try:
                e = json.loads(line)
            except ValueError:
                continue
            if e.get("Test") and e.get("Action") == "run":
                ran.add((e["Package"], e["Test"]))
            if e.get("Test") and e.get("Action") == "fail":
                failed.add((e["Package"], e["Test"]))
        # A test with subtests fails when one of them does: each failure counts once, at the leaf (as gate counts).
        parents = set()
        for pkg, test in list(ran):
            parts = test.split("/")
            parents |= {(pkg, "/".join(parts[:i])) for i in range(1, len(parts))}
        leaves = ran - parents
        return len(leaves), sorted(f"{pkg}.{test}" for pkg, test in failed - parents)
    if p.kind == "swift":
        xml = out / "swift.xml"
        r = sh(["swift", "test", "--parallel", "--xunit-output", str(xml)], cwd=repo, env=env, check=False,
               timeout=3600)
        (out / "swift.log").write_text(r.stdout)
        total, failed = 0, set()
        for f in out.glob("swift*.xml"):
            for case in ET.parse(f).getroot().iter("testcase"):
                total += 1
                if case.find("failure") is not None or case.find("error") is not None:
                    failed.add(f"{case.get('classname')}/{case.get('name')}")
        return total, sorted(failed)
    raise ValueError(p.kind)


def accepted_forms(p, ident):
    """The renderings of a real id that count as exact."""
    if p.kind == "go":
        m = re.match(r"^(.*)\.((?:Test|Example|Fuzz|Benchmark)[^/]*(?:/.*)?)$", ident)
        if m:
            return {ident, f"{m.group(1)} {m.group(2)}", f"{m.group(1)}::{m.group(2)}"}
    return {ident}


def norm(text):
    """Text as a reader sees it: entities decoded, Markdown escapes dropped, runs of whitespace as one space."""
    return re.sub(r"\s+", " ", html.unescape(text or "").replace("\\", "")).strip()


def loose(name):
    """A key that ignores how a name is spelled (separators, `.py`), to pair gate's names with real ids."""
    name = name.replace(".py::", "::")
    return re.sub(r"[./: ]+", ".", name).strip(".").lower()


# ---------------------------------------------------------------------------------------------------------- gate's side
def events(repo: Path):
    path = repo / ".git/gate/events.jsonl"
    if not path.exists():
        return []
    out = []
    for line in path.read_text().splitlines():
        try:
            out.append(json.loads(line))
        except ValueError:
            pass
    return out


def last_run(repo: Path, before: int):
    """The id and events of the run that started after the trail had `before` lines."""
    evs = events(repo)[before:]
    runs = [e.get("run") for e in evs if e.get("event") == "run_start"]
    if not runs:
        return None, []
    rid = runs[-1]
    return rid, [e for e in evs if e.get("run") == rid]


def ran_count(run_events, output=""):
    """Tests gate ran in the first pass of a run (its first suite event per suite; else its summary's `tests` line)."""
    seen, total = set(), 0
    for e in run_events:
        if e.get("event") == "suite" and e.get("suite") not in seen:
            seen.add(e.get("suite"))
            total += sum(int(e.get(k, 0) or 0) for k in ("passed", "failed", "errors", "skipped"))
    if not seen:
        m = re.search(r"^\s*tests\s+(\d+) passed, (\d+) failed, (\d+) errors?, (\d+) skipped", output, re.M)
        total = sum(map(int, m.groups())) if m else 0
    return total


def flaky_names(obj, key=""):
    """Every string listed under a key that mentions `flaky`, anywhere in a report."""
    found = set()
    if isinstance(obj, dict):
        for k, v in obj.items():
            found |= flaky_names(v, k)
    elif isinstance(obj, list):
        for v in obj:
            found |= flaky_names(v, key)
    elif isinstance(obj, str) and "flaky" in key.lower():
        found.add(obj)
    elif isinstance(obj, bool) and obj and "flaky" in key.lower():
        found.add(f"<{key}>")
    return found


def push(repo: Path, env: dict, log_path: Path):
    start = time.monotonic()
    r = sh(["git", "push", "-u", "origin", "main"], cwd=repo, env=env, check=False, timeout=3600)
    elapsed = time.monotonic() - start
    log_path.write_text(r.stdout)
    return r.returncode, elapsed, r.stdout


def apply_edit(repo: Path, e: Edit, kind: str):
    path = repo / e.path
    text = path.read_text()
    if e.old == "" or e.message == "unused":
        # A behaviour-preserving edit: one comment line at the end of the file.
        comment = "#" if path.suffix == ".py" else "//"
        text = text.rstrip("\n") + f"\n\n{comment} corpus: a comment-only touch of a leaf module\n"
    else:
        if text.count(e.old) != 1:
            raise RuntimeError(f"{e.path}: expected exactly one `{e.old.strip()}`, found {text.count(e.old)}")
        text = text.replace(e.old, e.new)
    path.write_text(text)


def git(repo, *args, env=None):
    return sh(["git", *args], cwd=repo, env=env).stdout


# ---------------------------------------------------------------------------------------------------------- checks
def judge_bug_push(p, expected, report, md, evs, prompt, row):
    """The checks of a blocked push against the expected failing ids: fills row's ids, found, flaky and checks."""
    cases, suite_errors = [], []
    for target in report.get("targets", []):
        for res in target.get("results", []):
            if res.get("suiteError"):
                suite_errors.append(res["suiteError"][:300])
            cases += [c for c in res.get("cases", []) if c.get("status") in ("failed", "errored")]
    found = sorted({c["name"] for c in cases})
    row["found"] = found
    if suite_errors:
        row["notes"].append("suite error in the report: " + " | ".join(suite_errors))

    exact = [x for x in expected if accepted_forms(p, x) & set(found)]
    by_loose = {loose(c["name"]): c for c in cases}
    paired = {x: by_loose.get(loose(x)) for x in expected}
    same_tests = [x for x, c in paired.items() if c is not None]
    extra = [f for f in found if loose(f) not in {loose(x) for x in expected}]
    row["ids"] = {"exact": len(exact), "same_tests": len(same_tests), "expected": len(expected), "extra": len(extra)}
    ok_ids = len(exact) == len(expected) and not extra and len(found) == len(expected)
    row["checks"]["ids"] = "ok" if ok_ids else (
        f"FAIL: {len(exact)}/{len(expected)} by real id, {len(same_tests)}/{len(expected)} the same tests under "
        f"another name, {len(extra)} extra; e.g. expected `{expected[0]}`, gate said "
        f"`{(paired.get(expected[0]) or {}).get('name', found[0] if found else 'nothing')}`")

    missing_detail = []
    for x, c in paired.items():
        if c is None:
            missing_detail.append(f"{x}: not in the report")
            continue
        msg, trace = (c.get("message") or "").strip(), (c.get("trace") or "").strip()
        first = msg.splitlines()[0][:50] if msg else ""
        if not msg or not trace:
            missing_detail.append(f"{x}: message {'ok' if msg else 'missing'}, trace {'ok' if trace else 'missing'}")
        elif norm(c["name"]) not in norm(md) or norm(first) not in norm(md):
            missing_detail.append(f"{x}: the Markdown report lacks its name or message")
    row["checks"]["report has messages and traces"] = "ok" if not missing_detail else (
        f"FAIL: {len(missing_detail)}/{len(expected)}: " + "; ".join(missing_detail[:3]))

    flaky = {e.get("test", "?") for e in evs if e.get("event") == "flaky"} | flaky_names(report)
    row["flaky"] = sorted(flaky)
    row["checks"]["nothing flaky"] = "ok" if not flaky else f"FAIL: {len(flaky)} called flaky, e.g. {sorted(flaky)[0]}"

    lacking = []
    for x, c in paired.items():
        name = c["name"] if c else x
        msg = ((c or {}).get("message") or "").strip()
        first = msg.splitlines()[0][:50] if msg else ""
        if not prompt or not (norm(name) in norm(prompt) or x in prompt) or (first and norm(first) not in norm(prompt)):
            lacking.append(x)
    row["checks"]["prompt has the failures"] = "ok" if prompt and not lacking else (
        "FAIL: the provider was never asked" if not prompt else
        f"FAIL: {len(lacking)}/{len(expected)} failing tests (with their message) missing from the prompt, "
        f"e.g. {lacking[0]}")


def self_test():
    """The judge on made-up blocked pushes: a gate that names tests by their real ids passes every check, and each
    defect seen on real projects fails the check it should. Prints one line per case; returns 0 when all hold."""
    ids = ['tests/test_regressions.py::test_issue78[get_name-z-select x."y"::text as "z" from foo]',
           "tests/test_utils.py::test_remove_quotes['foo'-foo]"]
    def case(name, msg="assert 'z\"' == 'z'", trace="tests/test_utils.py:12: AssertionError"):
        return {"name": name, "status": "failed", "message": msg, "trace": trace}
    def report(cases, **extra):
        return {"targets": [{"results": [{"suite": "tests", "cases": cases, **extra}]}]}
    def md_of(cases):
        return "\n".join(f"- **{c['name']}**: {c['message']}\n```\n{c['trace']}\n```" for c in cases)
    good = [case(i) for i in ids]
    dotted = [case(i.replace(".py::", ".").replace("/", ".").replace("::", ".")) for i in ids]
    pytest_p = next(p for p in PROJECTS if p.kind == "pytest")
    go_p = next(p for p in PROJECTS if p.kind == "go")
    runs = [
        ("real ids, report, prompt", pytest_p, ids, report(good), md_of(good), [], md_of(good), set()),
        ("dotted names", pytest_p, ids, report(dotted), md_of(dotted), [], md_of(dotted), {"ids"}),
        ("re-run broke: all flaky, suite error only", pytest_p, ids, report([], suiteError="file or directory not found"),
         "", [{"event": "flaky", "test": "tests: x"}], "### ERROR: suite tests",
         {"ids", "report has messages and traces", "nothing flaky", "prompt has the failures"}),
        ("no trace", pytest_p, ids, report([case(i, trace="") for i in ids]), md_of(good), [], md_of(good),
         {"report has messages and traces"}),
        ("provider never asked", pytest_p, ids, report(good), md_of(good), [], "", {"prompt has the failures"}),
        ("flaky list in the report", pytest_p, ids, dict(report(good), flaky=[ids[0]]), md_of(good), [], md_of(good),
         {"nothing flaky"}),
        ("go leaf ids", go_p, ["example.com/m/pkg.TestA/sub"], report([case("example.com/m/pkg.TestA/sub")]),
         md_of([case("example.com/m/pkg.TestA/sub")]), [], md_of([case("example.com/m/pkg.TestA/sub")]), set()),
    ]
    status = 0
    for title, proj, expected, rep, md, evs, prompt, should_fail in runs:
        row = {"checks": {}, "notes": []}
        judge_bug_push(proj, expected, rep, md, evs, prompt, row)
        failed = {k for k, v in row["checks"].items() if v != "ok"}
        ok = failed == should_fail
        status |= not ok
        print(f"{'ok  ' if ok else 'FAIL'} {title}: failed checks {sorted(failed) or 'none'}"
              + ("" if ok else f", expected {sorted(should_fail) or 'none'}"))
    return status


# ---------------------------------------------------------------------------------------------------------- one project
def run_project(p, args, gate: str, base: Path, cache: Path, env0: dict):
    row = {"project": p.name, "version": p.version, "layout": p.layout, "checks": {}, "notes": []}
    work = base / p.name
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    repo, remote, prompts = work / "repo", work / "remote.git", work / "prompts"
    prompts.mkdir()
    t0 = time.monotonic()
    try:
        fetch_source(p, cache, repo)
    except Unavailable as e:
        row["skipped"] = str(e)
        log(f"SKIPPED {p.name} {p.version}: {e}")
        return row
    for e in p.patches:
        apply_edit(repo, e, p.kind)
    if p.patches:
        row["notes"].append(f"patched the import: {p.why_patched}")
    if p.remove:
        row["notes"].append(f"removed {len(p.remove)} paths from the import: {p.why_removed}")

    env = dict(env0)
    if p.kind == "pytest":
        venv = ensure_venv(p, cache)
        (repo / ".venv").symlink_to(venv)       # where its users keep it
        env["VIRTUAL_ENV"] = str(repo / ".venv")  # and an activated shell, as a developer pushes from
        env["PATH"] = f"{repo / '.venv/bin'}:{env['PATH']}"
    if p.kind == "go":
        env.update(p.env)
        env["GOCACHE"] = str(cache / "go-build")
        env["GOPATH"] = str(base / "gopath")

    provider = work / "provider.sh"
    provider.write_text(PROVIDER.replace("{dir}", str(prompts)))
    provider.chmod(0o755)
    (repo / ".gitignore").write_text("__pycache__/\n*.pyc\n.pytest_cache/\n.venv\n.build/\n.swiftpm/\n")
    (repo / ".gate.yml").write_text(gate_yml(p, provider))
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", f"{p.name} {p.version}")
    sh(["git", "init", "-q", "--bare", str(remote)])
    git(repo, "remote", "add", "origin", str(remote))
    r = sh([gate, "install"], cwd=repo, env=env, check=False)
    if r.returncode != 0:
        row["checks"]["install"] = f"FAIL: gate install exited {r.returncode}: {r.stdout.strip()[-300:]}"
        return row

    # First push: every test runs (new branch reaching a root commit).
    n = len(events(repo))
    rc, secs, out = push(repo, env, work / "push-first.log")
    rid, evs = last_run(repo, n)
    full = ran_count(evs, out)
    row["first_push"] = {"rc": rc, "seconds": round(secs, 1), "ran": full}
    if rc != 0:
        row["checks"]["first push passes"] = f"FAIL: exit {rc}; see {work / 'push-first.log'}"
        log(f"{p.name}: first push failed:\n{out[-2500:]}")
        if not args.keep_going:
            return row
    else:
        row["checks"]["first push passes"] = "ok"
    base_commit = git(repo, "rev-parse", "HEAD").strip()

    # 1. The bug.
    apply_edit(repo, p.edit_break, p.kind)
    git(repo, "commit", "-qam", p.edit_break.message)
    total, expected = expected_run(p, repo, env, work / "expected")
    row["tests"] = total
    row["expected"] = expected
    if not expected:
        row["checks"]["bug breaks a test"] = "FAIL: the project's own runner saw no failing test"
        return row
    n, asked_before = len(events(repo)), set(prompts.glob("prompt.*.txt"))
    rc, secs, out = push(repo, env, work / "push-bug.log")
    rid, evs = last_run(repo, n)
    row["bug_push"] = {"rc": rc, "seconds": round(secs, 1), "run": rid}
    row["checks"]["bug push blocked"] = "ok" if rc != 0 and any(
        e.get("event") == "verdict" and e.get("verdict") == "blocked" for e in evs) else f"FAIL: exit {rc}"
    report_json = repo / f".git/gate/reports/{rid}.json"
    report_md = repo / f".git/gate/reports/{rid}.md"
    report = json.loads(report_json.read_text()) if report_json.exists() else {}
    md = report_md.read_text() if report_md.exists() else ""
    prompt_files = sorted(set(prompts.glob("prompt.*.txt")) - asked_before, key=lambda f: int(f.name.split(".")[1]))
    prompt = prompt_files[0].read_text() if prompt_files else ""
    row["prompt"] = {"files": len(prompt_files), "bytes": len(prompt)}
    judge_bug_push(p, expected, report, md, evs, prompt, row)

    # 2. Docs-only push, on top of the pushed commit (the bug is dropped).
    git(repo, "reset", "-q", "--hard", base_commit)
    docs = repo / p.docs_file
    docs.write_text((docs.read_text().rstrip("\n") + "\n\n" if docs.exists() else "") + "A note from the corpus run.\n")
    git(repo, "add", p.docs_file)
    git(repo, "commit", "-qm", "docs: a note")
    n = len(events(repo))
    rc, secs, out = push(repo, env, work / "push-docs.log")
    rid, evs = last_run(repo, n)
    docs_ran = ran_count(evs, out)
    row["docs_push"] = {"rc": rc, "ms": round(secs * 1000), "ran": docs_ran,
                        "said": next((l.strip() for l in out.splitlines() if "nothing to check" in l or "docs" in l.lower()),
                                     out.strip().splitlines()[-1] if out.strip() else "")}
    row["checks"]["docs-only push passes, runs nothing"] = "ok" if rc == 0 and docs_ran == 0 else (
        f"FAIL: exit {rc}, ran {docs_ran} tests")

    # 3. Leaf-module push.
    apply_edit(repo, p.edit_leaf, p.kind)
    git(repo, "commit", "-qam", p.edit_leaf.message if p.edit_leaf.message != "unused" else "comment in a leaf module")
    n = len(events(repo))
    rc, secs, out = push(repo, env, work / "push-leaf.log")
    rid, evs = last_run(repo, n)
    ran = ran_count(evs, out)
    sel = next((e for e in evs if e.get("event") == "selection"), {})
    row["leaf_push"] = {"rc": rc, "seconds": round(secs, 1), "ran": ran, "of": full,
                        "fraction": round(ran / full, 3) if full else None, "file": p.edit_leaf.path,
                        "selection": f"{sel.get('mode', '?')}: {str(sel.get('reason', ''))[:160]}"}
    row["checks"]["leaf push passes"] = "ok" if rc == 0 else f"FAIL: exit {rc}; see {work / 'push-leaf.log'}"
    row["seconds"] = round(time.monotonic() - t0, 1)
    return row


# ---------------------------------------------------------------------------------------------------------- table
def cell_ids(row):
    ids = row.get("ids")
    if not ids:
        return "–"
    c = f"{ids['exact']}/{ids['expected']}"
    if ids["exact"] != ids["expected"]:
        c = f"**{c}** ({ids['same_tests']}/{ids['expected']} under gate's own names)"
    if ids["extra"]:
        c += f", {ids['extra']} extra"
    return c


def table(rows):
    out = ["| project | version | layout | tests | failing ids found / expected | flaky | report: msg + trace | "
           "prompt has failures | leaf change: tests run | docs-only push | checks |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        if r.get("skipped"):
            out.append(f"| {r['project']} | {r['version']} | {r['layout']} | SKIPPED: {r['skipped'].splitlines()[0]} "
                       "| | | | | | | |")
            continue
        checks = r["checks"]
        failed = [k for k, v in checks.items() if v != "ok"]
        leaf = r.get("leaf_push")
        leaf_cell = "–" if not leaf else (
            f"{leaf['ran']}/{leaf['of']} = {leaf['fraction']:.1%} (`{leaf['file']}`)" if leaf["fraction"] is not None
            else f"{leaf['ran']} (`{leaf['file']}`)")
        if leaf and leaf["rc"] != 0:
            leaf_cell = f"**blocked (exit {leaf['rc']})**: ran {leaf['ran']}/{leaf['of']} (`{leaf['file']}`)"
        docs = r.get("docs_push")
        docs_cell = "–" if not docs else (f"{'passed' if docs['rc'] == 0 else '**exit ' + str(docs['rc']) + '**'}, "
                                          f"{docs['ran']} tests, {docs['ms']} ms")
        yn = lambda k: "–" if k not in checks else ("y" if checks[k] == "ok" else "**n**")
        out.append(" | ".join([
            f"| {r['project']}", r["version"], r["layout"], str(r.get("tests", "–")), cell_ids(r),
            (str(len(r["flaky"])) if "flaky" in r and not r["flaky"] else f"**{len(r.get('flaky', []))}**")
            if "flaky" in r else "–",
            yn("report has messages and traces"), yn("prompt has the failures"), leaf_cell, docs_cell,
            "all ok" if not failed else "**FAILED: " + ", ".join(failed) + "**"]) + " |")
    return "\n".join(out)


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    ap = argparse.ArgumentParser()
    ap.add_argument("--gate", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--cache", required=True)
    ap.add_argument("--keep-going", action="store_true")
    ap.add_argument("--json", required=True)
    ap.add_argument("names", nargs="*")
    args = ap.parse_args()
    base, cache = Path(args.work), Path(args.cache)
    base.mkdir(parents=True, exist_ok=True)
    cache.mkdir(parents=True, exist_ok=True)
    chosen = [p for p in PROJECTS if not args.names or p.name in args.names]
    unknown = set(args.names) - {p.name for p in PROJECTS}
    if unknown:
        log(f"unknown project(s): {', '.join(sorted(unknown))}; known: {', '.join(p.name for p in PROJECTS)}")
        return 2
    env0 = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", NO_COLOR="1")
    env0.pop("GATE_SKIP", None)
    env0.pop("PYTHONPATH", None)
    env0.pop("VIRTUAL_ENV", None)
    rows, failed = [], False
    for p in chosen:
        log(f"== {p.name} {p.version} ({p.kind})")
        try:
            row = run_project(p, args, args.gate, base, cache, env0)
        except Exception as e:   # a broken step: the row says so, the rest of the corpus still runs
            row = {"project": p.name, "version": p.version, "layout": p.layout,
                   "checks": {"script": f"FAIL: {type(e).__name__}: {str(e)[-600:]}"}, "notes": []}
        rows.append(row)
        bad = {k: v for k, v in row.get("checks", {}).items() if v != "ok"}
        for k, v in bad.items():
            log(f"{p.name}: {k}: {v}")
        if row.get("skipped") or bad:
            failed = True
            if not args.keep_going:
                log("stopping at the first failed project (--keep-going runs them all)")
                break
        else:
            log(f"{p.name}: all checks ok ({row.get('seconds')} s)")
    Path(args.json).write_text(json.dumps(rows, indent=1))
    print(table(rows))
    notes = [f"- {r['project']}: {n}" for r in rows for n in r.get("notes", [])]
    details = [f"- {r['project']}: {k}: {v}" for r in rows for k, v in r.get("checks", {}).items() if v != "ok"]
    if notes:
        print("\nNotes:\n" + "\n".join(notes))
    if details:
        print("\nFailed checks:\n" + "\n".join(details))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
