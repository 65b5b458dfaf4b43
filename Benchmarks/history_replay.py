"""Helpers for precision_history.sh (a replay of a real project's releases, one commit each).

Subcommands:
  import SDIST REPO          replace REPO's tracked content with an sdist's tree (minus PKG-INFO and *.egg-info)
  candidates REPO FROM TO    fault candidates on the lines TO changed in src/ since FROM, as JSON lines, in a fixed
                             order (a hash of release, file, line and mutation: spread over files, reproducible)
  apply REPO CANDIDATE_JSON  writes one candidate into the work tree
  select OUTCOMES            `gate affected --format json` on stdin → the node ids of OUTCOMES it selects
  flaky CLEAN1 CLEAN2 FLAKY  records the test functions that flaked between two runs of the same tree
  truth C1 C2 F1 F2 FLAKY    the ids both fault runs newly fail (not in either clean run, not flaky; exit 3: the
                             fault broke collection)
  why AFFECTED_JSON          gate's mode, reason and safety-net notes on one line
  ran / count / markexpr OUTCOMES   the ids that ran / how many / the -m expression of the run
  gate-run EVENTS            tests the last gate run ran and its selection reason (from .git/gate/events.jsonl)

Also a pytest plugin (`-p history_replay`, with HISTORY_OUTCOMES=path): writes {"tests": {nodeid: outcome},
"collect_errors": [nodeid]} for the tests that ran, so ids with spaces or brackets survive and a tool's run can be
counted exactly (testmon deselects the tests it skips, so they never report).
"""

import ast
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tokenize

# ---------------------------------------------------------------- pytest plugin

_outcomes = {"tests": {}, "collect_errors": []}


def pytest_runtest_logreport(report):
    if not os.environ.get("HISTORY_OUTCOMES"):
        return
    current = _outcomes["tests"].get(report.nodeid)
    if report.failed:
        _outcomes["tests"][report.nodeid] = "failed"
    elif current is None or (current == "passed" and report.skipped):
        _outcomes["tests"][report.nodeid] = "skipped" if report.skipped else "passed"


def pytest_collectreport(report):
    if os.environ.get("HISTORY_OUTCOMES") and report.failed:
        _outcomes["collect_errors"].append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    path = os.environ.get("HISTORY_OUTCOMES")
    if path:
        # pytest-testmon turns its selection off when -m is given (click >= 8.3.2 sets addopts = "-m 'not stress'").
        _outcomes["markexpr"] = session.config.getoption("markexpr", "") or ""
        with open(path, "w") as handle:
            json.dump(_outcomes, handle)


# ---------------------------------------------------------------- the repository


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, text=True).stdout


def import_sdist(sdist, repo):
    """Replaces every tracked file with the sdist's tree; the pytest config gets one extra warning filter."""
    for path in git(repo, "ls-files", "-z").split("\0"):
        if path and path not in (".gate.yml", ".gitignore") and os.path.exists(os.path.join(repo, path)):
            os.remove(os.path.join(repo, path))
    with tarfile.open(sdist) as archive:
        for member in archive.getmembers():
            parts = member.name.split("/", 1)
            if len(parts) < 2 or not member.isfile():
                continue
            rel = parts[1]
            if rel == "PKG-INFO" or ".egg-info/" in rel:
                continue
            target = os.path.join(repo, rel)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with archive.extractfile(member) as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out)
            os.chmod(target, 0o755 if member.mode & 0o111 else 0o644)
    patch_pytest_config(repo)


# The projects set filterwarnings = error; pytest 9 warns (PytestRemovedIn10Warning) about a parametrize idiom their
# tests use, which that setting turns into a collection error of a whole test file. One filter keeps the suite whole.
EXTRA_FILTER = "ignore::pytest.PytestRemovedIn10Warning"


def patch_pytest_config(repo):
    cfg = os.path.join(repo, "setup.cfg")
    if os.path.exists(cfg):
        text = open(cfg).read()
        new = re.sub(r"(\[tool:pytest\](?:(?!\n\[)[\s\S])*?filterwarnings\s*=\s*\n(?:[ \t]+\S.*\n)*)",
                     lambda m: m.group(1) + "\t" + EXTRA_FILTER + "\n", text, count=1)
        if new != text:
            open(cfg, "w").write(new)
            return
    toml = os.path.join(repo, "pyproject.toml")
    if os.path.exists(toml):
        text = open(toml).read()
        new = re.sub(r"(\[tool\.pytest\.ini_options\](?:(?!\n\[)[\s\S])*?filterwarnings\s*=\s*\[[^\]]*?),?\s*\]",
                     lambda m: m.group(1) + ',\n    "' + EXTRA_FILTER + '",\n]', text, count=1)
        if new != text:
            open(toml, "w").write(new)
            return
    sys.exit("history_replay: no pytest filterwarnings setting found to patch in " + repo)


# ---------------------------------------------------------------- fault candidates

NEGATED = {"==": "!=", "!=": "==", "<": ">=", ">": "<=", "<=": ">", ">=": "<"}
SWAPPED = {"and": "or", "or": "and", "True": "False", "False": "True"}


def changed_lines(repo, old, new):
    """{path: [new-side line numbers]} for the .py files under src/ that `new` changed since `old`."""
    out = git(repo, "diff", "-U0", "--no-renames", old, new, "--", "src/")
    lines, path = {}, None
    for line in out.splitlines():
        if line.startswith("+++ "):
            path = line[6:] if line.startswith("+++ b/") else None
            if path and not path.endswith(".py"):
                path = None
        elif line.startswith("@@") and path:
            match = re.match(r"@@ -\S+ \+(\d+)(?:,(\d+))? @@", line)
            start, count = int(match.group(1)), int(match.group(2) or 1)
            lines.setdefault(path, []).extend(range(start, start + count))
    return lines


def _mutations(tokens, text_lines, lineno):
    """(kind, col, old, new) edits on one line: tokens outside strings and comments only."""
    on_line = [t for t in tokens if t.start[0] == lineno and t.end[0] == lineno]
    source = text_lines[lineno - 1]
    names = [t.string for t in on_line if t.type == tokenize.NAME]
    out = []
    for i, tok in enumerate(on_line):
        s, col = tok.string, tok.start[1]
        prev = on_line[i - 1] if i else None
        nxt = on_line[i + 1] if i + 1 < len(on_line) else None
        if tok.type == tokenize.OP and s in NEGATED:
            out.append(("flip comparison", col, s, NEGATED[s]))
        elif tok.type == tokenize.NAME and s == "is":
            if nxt is not None and nxt.string == "not":
                out.append(("flip comparison", col, source[col:nxt.end[1]], "is"))
            else:
                out.append(("flip comparison", col, "is", "is not"))
        elif tok.type == tokenize.NAME and s == "in" and "for" not in names[: names.index("in") + 1]:
            if prev is not None and prev.string == "not":
                out.append(("flip comparison", prev.start[1], source[prev.start[1]:tok.end[1]], "in"))
            else:
                out.append(("flip comparison", col, "in", "not in"))
        elif tok.type == tokenize.NAME and s in SWAPPED:
            out.append(("swap " + ("boolean operator" if s in ("and", "or") else "constant"), col, s, SWAPPED[s]))
        elif tok.type == tokenize.NAME and s == "not" and (nxt is None or nxt.string != "in") \
                and (prev is None or prev.string != "is"):
            out.append(("drop negation", col, "not ", ""))
        elif tok.type == tokenize.NUMBER and re.fullmatch(r"\d+", s):
            out.append(("change constant", col, s, str(int(s) + 1)))
    stripped = source.strip()
    indent = source[: len(source) - len(source.lstrip())]
    match = re.match(r"(if|elif|while) (.+):$", stripped)
    if match and "#" not in stripped:
        out.append(("negate condition", len(indent), stripped, "%s not (%s):" % (match.group(1), match.group(2))))
    match = re.match(r"return (.+)$", stripped)
    if match and match.group(1) != "None" and "#" not in stripped:
        out.append(("change return value", len(indent), stripped, "return None"))
    return out


def _statement_edits(tree, text_lines, lineno):
    """Whole-statement edits: a one-line call statement is dropped (replaced by `pass`)."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) \
                and node.lineno == lineno and node.end_lineno == lineno:
            source = text_lines[lineno - 1]
            indent = len(source) - len(source.lstrip())
            out.append(("drop call", indent, source.strip(), "pass"))
    return out


def apply_edit(text, lineno, col, old, new):
    lines = text.splitlines(keepends=True)
    line = lines[lineno - 1]
    assert line[col:col + len(old)] == old, (lineno, col, old, line)
    lines[lineno - 1] = line[:col] + new + line[col + len(old):]
    return "".join(lines)


def mutation_candidates(repo, lines, salt):
    """The mutations of `lines` (path → changed line numbers) that change the code's syntax tree, in a fixed order
    (hashed with `salt`, so each commit or release gets its own)."""
    found = []
    for path, linenos in sorted(lines.items()):
        text = open(os.path.join(repo, path)).read()
        try:
            tree = ast.parse(text)
            tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
        except (SyntaxError, tokenize.TokenError):
            continue
        original = ast.dump(tree)
        text_lines = text.splitlines()
        for lineno in sorted(set(linenos)):
            if lineno > len(text_lines):
                continue
            for kind, col, before, after in _mutations(tokens, text_lines, lineno) + _statement_edits(tree, text_lines, lineno):
                try:
                    mutated = apply_edit(text, lineno, col, before, after)
                    if ast.dump(ast.parse(mutated)) == original:
                        continue
                except (SyntaxError, AssertionError):
                    continue
                key = hashlib.sha256(("%s:%s:%d:%d:%s" % (salt, path, lineno, col, kind)).encode()).hexdigest()
                found.append((key, {"path": path, "line": lineno, "col": col, "old": before, "new": after, "kind": kind}))
    return [candidate for _, candidate in sorted(found, key=lambda pair: pair[0])]


def candidates(repo, old, new):
    release = git(repo, "describe", "--tags", "--always", new).strip()
    for candidate in mutation_candidates(repo, changed_lines(repo, old, new), release):
        print(json.dumps(candidate))


def apply(repo, candidate):
    c = json.loads(candidate)
    path = os.path.join(repo, c["path"])
    text = open(path).read()
    open(path, "w").write(apply_edit(text, c["line"], c["col"], c["old"], c["new"]))


# ---------------------------------------------------------------- selections and comparisons


def load(path):
    with open(path) as handle:
        return json.load(handle)


def select(outcomes_path):
    """gate's JSON selection → node ids of the full run it covers (file ids and parametrised functions expanded)."""
    report = json.load(sys.stdin)
    every = sorted(load(outcomes_path)["tests"])
    if report["mode"] == "all":
        chosen = every
    else:
        ids = {t["id"] for t in report["tests"]}
        chosen = [t for t in every if t in ids or t.split("::")[0] in ids or t.split("[")[0] in ids]
    for test in chosen:
        print(test)


def failing(outcomes):
    return {t for t, o in outcomes["tests"].items() if o == "failed"}


def function_id(test):
    return test.split("[")[0]


def flaky(first, second, flaky_path):
    """Adds to FLAKY the functions (parameters dropped) whose tests failed in one of two runs of the same tree."""
    known = set(open(flaky_path).read().split("\n")) if os.path.exists(flaky_path) else set()
    new = {function_id(t) for t in failing(load(first)) ^ failing(load(second))}
    with open(flaky_path, "w") as handle:
        handle.write("\n".join(sorted((known | new) - {""})) + "\n")


def truth(clean1, clean2, fault1, fault2, flaky_path):
    """Newly failing ids (one a line): failing in both fault runs, in neither clean run, and not of a function seen to
    flake (FLAKY). Exit 3 when the fault breaks collection (new collection errors)."""
    clean, fault = [load(clean1), load(clean2)], [load(fault1), load(fault2)]
    if set(fault[0]["collect_errors"]) - set(clean[0]["collect_errors"]):
        sys.exit(3)
    flaky_functions = set(open(flaky_path).read().split()) if os.path.exists(flaky_path) else set()
    new = (failing(fault[0]) & failing(fault[1])) - failing(clean[0]) - failing(clean[1])
    for test in sorted(new):
        if function_id(test) not in flaky_functions:
            print(test)


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "import":
        import_sdist(*args)
    elif command == "candidates":
        candidates(*args)
    elif command == "apply":
        apply(*args)
    elif command == "select":
        select(*args)
    elif command == "truth":
        truth(*args)
    elif command == "flaky":
        flaky(*args)
    elif command == "why":  # gate's JSON → mode: reason, and the safety-net notes (distinct, at most two)
        report = load(args[0])
        notes = sorted({t["note"] for t in report["tests"] if t.get("note")})
        more = " (+%d more)" % (len(notes) - 2) if len(notes) > 2 else ""
        print((report["mode"] + ": " + report["reason"] + "".join("; " + n for n in notes[:2]) + more).replace("|", "\\|"))
    elif command == "ran":  # OUTCOMES → the ids that ran, one a line
        print("\n".join(sorted(load(args[0])["tests"])))
    elif command == "count":  # OUTCOMES → how many tests ran
        print(len(load(args[0])["tests"]))
    elif command == "markexpr":  # OUTCOMES → the -m expression the run had (empty: none)
        print(load(args[0]).get("markexpr", ""))
    elif command == "gate-run":  # EVENTS → tests the last gate run ran (first attempt) and its selection reason
        events = [json.loads(line) for line in open(args[0]) if line.strip()]
        last = [e for e in events if e.get("run") == events[-1]["run"]]
        ran = sum(e["passed"] + e["failed"] + e["errors"] + e["skipped"]
                  for e in last if e["event"] == "suite" and e.get("attempt") == 0)
        reason = next((e["mode"] + ": " + e["reason"] for e in last if e["event"] == "selection"), "?")
        print(ran, reason)
    else:
        sys.exit("history_replay: unknown command " + command)


if __name__ == "__main__":
    main()
