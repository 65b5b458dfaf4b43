"""Driver of js_selection.sh: gate's JS selection against `jest --findRelatedTests` on a generated Jest project, a
mutation replay on jshttp/negotiator 1.0.0 with mocha, and one blocked push in a 3-package workspace (transcript)."""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import tarfile
import time

NEGOTIATOR_COMMIT = "f808e27"  # jshttp/negotiator 1.0.0, no runtime dependencies
NEGOTIATOR_GIT = os.environ.get("NEGOTIATOR_GIT", "/work/.mirror/jshttp+negotiator/repo")

# A module graph: a hub (index.js), a chain (math → scale → format → report), leaves, a JSON import, an orphan.
# Each source carries one realistic fault: (old, new).
JEST_SOURCES = {
    "src/core/math.js": ("exports.add = (a, b) => a + b;\nexports.mul = (a, b) => a * b;\n", ("a * b", "a + b")),
    "src/core/config.json": ('{"scale": 2}\n', ('"scale": 2', '"scale": 3')),
    "src/core/scale.js": ("const { mul } = require('./math');\nconst config = require('./config.json');\n\n"
                          "exports.scale = (x) => mul(x, config.scale);\n", ("config.scale)", "config.scale + 1)")),
    "src/util/format.js": ("const { scale } = require('../core/scale');\n\nexports.format = (x) => `<${scale(x)}>`;\n",
                           ("`<${", "`[${")),
    "src/util/parse.js": ("exports.parse = (text) => text.split(',').map(Number);\n", ("split(',')", "split(';')")),
    "src/feature/report.js": ("const { format } = require('../util/format');\nconst { parse } = require('../util/parse');\n\n"
                              "exports.report = (text) => parse(text).map(format).join(' ');\n", ("join(' ')", "join('')")),
    "src/feature/chart.js": ("const { add } = require('../core/math');\n\nexports.bar = (n) => '#'.repeat(add(n, 0));\n",
                             ("add(n, 0)", "add(n, 1)")),
    "src/index.js": ("module.exports = { ...require('./feature/report'), ...require('./feature/chart') };\n",
                     ("...require('./feature/chart')", "bar: () => ''")),
    "src/orphan.js": ("exports.unused = () => 0;\n", ("() => 0", "() => 1")),
}
JEST_TESTS = {
    "tests/math.test.js": "const { add, mul } = require('../src/core/math');\ntest('add', () => expect(add(2, 3)).toBe(5));\ntest('mul', () => expect(mul(2, 3)).toBe(6));\n",
    "tests/scale.test.js": "const { scale } = require('../src/core/scale');\ntest('scale', () => expect(scale(4)).toBe(8));\n",
    "tests/format.test.js": "const { format } = require('../src/util/format');\ntest('format', () => expect(format(1)).toBe('<2>'));\n",
    "tests/parse.test.js": "const { parse } = require('../src/util/parse');\ntest('parse', () => expect(parse('1,2')).toEqual([1, 2]));\n",
    "tests/report.test.js": "const { report } = require('../src/feature/report');\ntest('report', () => expect(report('1,2')).toBe('<2> <4>'));\n",
    "tests/chart.test.js": "const { bar } = require('../src/feature/chart');\ntest('bar', () => expect(bar(3)).toBe('###'));\n",
    "tests/index.test.js": "const lib = require('../src');\ntest('index', () => { expect(lib.bar(1)).toBe('#'); expect(lib.report('1')).toBe('<2>'); });\n",
}
JEST_PACKAGE = '{\n  "name": "jbench",\n  "private": true,\n  "scripts": {"test": "jest"},\n  "devDependencies": {"jest": "^29"}\n}\n'
JEST_PACKAGE_BROKEN = JEST_PACKAGE.replace('"private": true,', '"private": true,\n  "jest": {"testEnvironment": "jsdom-missing"},')


def run(cmd, cwd, env=None, check=True):
    result = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def write(root, files):
    for path, text in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as handle:
            handle.write(text)


def git_repo(path, files):
    os.makedirs(path, exist_ok=True)
    write(path, files)
    run(["git", "init", "-q"], path)
    run(["git", "add", "-A"], path)
    run(["git", "commit", "-qm", "base"], path)


def commit(path, message):
    run(["git", "add", "-A"], path)
    run(["git", "commit", "-qm", message], path)


def timed(cmd, cwd, env, runs):
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = run(cmd, cwd, env, check=False)
        times.append((time.perf_counter() - started) * 1000)
    return result, statistics.median(times)


def gate_affected(gate, repo, runs):
    result, ms = timed([gate, "affected", "--from", "HEAD~1", "--to", "HEAD", "--format", "json"], repo, None, runs)
    text = result.stdout
    report = json.loads(text[text.index("{"): text.rindex("}") + 1])
    return sorted({t["id"] for t in report["tests"]}), report["mode"], ms


def jest_env(jest_dir):
    root = os.path.join(jest_dir, "root")
    env = dict(os.environ)
    env["PATH"] = f"{root}/usr/bin:" + env["PATH"]
    env["LD_LIBRARY_PATH"] = f"{root}/usr/lib/x86_64-linux-gnu"
    env["NODE_PATH"] = f"{root}/usr/share/nodejs:{root}/usr/lib/nodejs:{root}/usr/lib/x86_64-linux-gnu/nodejs"
    return env


def jest_related(repo, env, changed, runs):
    result, ms = timed(["jest", "--ci", "--findRelatedTests", changed, "--listTests"], repo, env, runs)
    files = sorted(os.path.relpath(line.strip(), repo) for line in result.stdout.splitlines() if line.strip().startswith("/"))
    return files, ms


def jest_failing(repo, env):
    out = os.path.join(repo, "..", "jest-report.json")
    run(["jest", "--ci", "--json", "--outputFile", out], repo, env, check=False)
    if not os.path.exists(out):
        return None
    with open(out) as handle:
        report = json.load(handle)
    os.remove(out)
    return sorted(os.path.relpath(r["name"], repo) for r in report["testResults"] if r["status"] != "passed")


def row(change, failing, gate_ids, other_ids, total, gate_ms, other_ms, other_name="jest"):
    def cell(ids):
        caught = all(f in ids for f in failing)
        return f"{len(ids)}/{total} ({100 * len(ids) / total:.0f}%){'' if caught else ' **missed ' + ', '.join(f for f in failing if f not in ids) + '**'}"
    fields = [change, str(len(failing)), cell(gate_ids)]
    if other_ids is not None:
        fields.append(cell(other_ids))
    fields += [f"{gate_ms:.0f}"] + ([f"{other_ms:.0f}"] if other_ms is not None else [])
    return "| " + " | ".join(fields) + " |"


def jest_side_by_side(args, lines):
    repo = os.path.join(args.work, "jest-project")
    git_repo(repo, {"package.json": JEST_PACKAGE, "README.md": "# bench\n", **{p: s for p, (s, _) in JEST_SOURCES.items()}, **JEST_TESTS})
    env = jest_env(args.jest_dir)
    run([args.gate, "index", "build"], repo)
    total = len(JEST_TESTS)
    lines += ["## 1. gate vs `jest --findRelatedTests` (Jest 29.3.1, generated project, 9 sources, 7 test files)", "",
              "The project is generated by js_selection.py (a chain, leaves, a JSON import, an orphan, and a hub `src/index.js`). "
              "gate's column is `gate affected` on the commit; Jest's is `jest --findRelatedTests <file> --listTests`.", "",
              "| change | failing test files | gate selects | jest --findRelatedTests | gate affected ms | jest --findRelatedTests --listTests ms |",
              "|---|---|---|---|---|---|"]
    summary = {"gate": [0, 0, []], "jest": [0, 0, []]}
    timings = {"gate": [], "jest": []}
    changes = []
    for path, (text, (old, new)) in JEST_SOURCES.items():
        if path.endswith(".js"):
            changes.append((f"{path}: top-level throw", path, text + "\nthrow new Error('mutated');\n"))
        changes.append((f"{path}: `{old}` → `{new}`", path, text.replace(old, new, 1)))
    changes.append(("package.json: a jest setting that breaks every test", "package.json", JEST_PACKAGE_BROKEN))
    for label, path, mutated in changes:
        write(repo, {path: mutated})
        commit(repo, label)
        gate_ids, _, gate_ms = gate_affected(args.gate, repo, args.runs)
        jest_ids, jest_ms = jest_related(repo, env, path, args.runs)
        failing = jest_failing(repo, env)
        if failing is None:  # Jest did not start (no report): every test file fails to run
            failing = sorted(JEST_TESTS)
            label += " (Jest does not start: every file fails)"
        lines.append(row(label, failing, gate_ids, jest_ids, total, gate_ms, jest_ms))
        timings["gate"].append(gate_ms)
        timings["jest"].append(jest_ms)
        for name, ids in (("gate", gate_ids), ("jest", jest_ids)):
            summary[name][0] += all(f in ids for f in failing)
            summary[name][1] += 1
            summary[name][2].append(len(ids) / total)
        run(["git", "reset", "-q", "--hard", "HEAD~1"], repo)
    lines.append("")
    for name in ("gate", "jest"):
        caught, count, fractions = summary[name]
        lines.append(f"- {name}: every failing test file selected in {caught}/{count} changes; median {100 * statistics.median(fractions):.0f}% "
                     f"of test files, mean {100 * statistics.mean(fractions):.0f}%; median time {statistics.median(timings[name]):.0f} ms")
    lines += ["", "Where Jest misses, in this run: `tests/index.test.js` whenever a module behind `src/index.js` breaks, because "
              "src/index.js pulls its modules in with `...require('./feature/report')` and Jest's dependency extractor skips a "
              "`require` preceded by a dot (`NOT_A_DOT = '(?<!\\\\.\\\\s*)'` in jest-haste-map's dependencyExtractor.js); and the "
              "package.json change, which stops Jest from starting at all and to which Jest relates no test (gate runs everything on it). Where gate selects more than "
              "failed (parse.js `split`, report.js `join`), the index.test.js it adds did pass: it only checks `report('1')`.", ""]


def negotiator_replay(args, lines):
    archive = os.path.join(args.cache, f"negotiator-{NEGOTIATOR_COMMIT}.tar")
    if not os.path.exists(archive):
        if not os.path.isdir(NEGOTIATOR_GIT):
            raise SystemExit(f"no {archive}: fetch github:jshttp/negotiator and set NEGOTIATOR_GIT to its git directory")
        with open(archive, "wb") as handle:
            subprocess.run(["git", "--git-dir", NEGOTIATOR_GIT, "archive", "--format=tar", NEGOTIATOR_COMMIT], stdout=handle, check=True)
    repo = os.path.join(args.work, "negotiator")
    os.makedirs(repo)
    with tarfile.open(archive) as tar:
        tar.extractall(repo)
    run(["git", "init", "-q"], repo)
    commit(repo, "negotiator 1.0.0")
    run([args.gate, "index", "build"], repo)
    tests = sorted(os.path.join("test", name) for name in os.listdir(os.path.join(repo, "test")) if name.endswith(".js"))
    sources = ["index.js"] + sorted(os.path.join("lib", name) for name in os.listdir(os.path.join(repo, "lib")) if name.endswith(".js"))
    env = dict(os.environ, NODE_PATH="/usr/share/nodejs")
    lines += [f"## 2. Mutation replay: jshttp/negotiator 1.0.0 (commit {NEGOTIATOR_COMMIT}), Debian's mocha 10.1.0, {len(tests)} test files", "",
              "| change | failing test files | gate selects | gate affected ms |", "|---|---|---|---|"]
    fractions, caught, count = [], 0, 0
    for path in sources:
        with open(os.path.join(repo, path)) as handle:
            text = handle.read()
        for label, mutated in ((f"{path}: top-level throw", text + "\nthrow new Error('mutated');\n"),
                               (f"{path}: first `===` → `!==`", text.replace("===", "!==", 1))):
            if mutated == text:
                continue
            write(repo, {path: mutated})
            commit(repo, label)
            ids, _, ms = gate_affected(args.gate, repo, args.runs)
            failing = [t for t in tests if run(["mocha", "--reporter", "dot", t], repo, env, check=False).returncode != 0]
            lines.append(row(label, failing, ids, None, len(tests), ms, None))
            fractions.append(len(ids) / len(tests))
            caught += all(f in ids for f in failing)
            count += 1
            run(["git", "reset", "-q", "--hard", "HEAD~1"], repo)
    lines += ["", f"- every failing test file selected in {caught}/{count} changes; median {100 * statistics.median(fractions):.0f}% of test files. "
              "Every test file requires `..` (index.js), which requires every lib module: file-level static selection cannot narrow "
              "a hub like that, and says so by selecting everything.", ""]


WORKSPACE = {
    ".gitignore": "node_modules/\n",
    "package.json": '{\n  "name": "ws",\n  "private": true,\n  "workspaces": ["packages/*"],\n  "devDependencies": {"mocha": "^10"}\n}\n',
    "packages/core/package.json": '{"name": "@ws/core", "main": "index.js"}\n',
    "packages/core/index.js": "exports.add = (a, b) => a + b;\n",
    "packages/core/test/core.test.js": "const assert = require('assert');\nconst { add } = require('..');\n\ndescribe('core', () => { it('adds', () => { assert.strictEqual(add(2, 3), 5); }); });\n",
    "packages/util/package.json": '{"name": "@ws/util", "main": "dist/index.js", "exports": {".": "./dist/index.js", "./format": "./src/format.js"}}\n',
    "packages/util/src/index.js": "module.exports = require('./format');\n",
    "packages/util/src/format.js": "const { add } = require('@ws/core');\n\nexports.total = (values) => `total ${values.reduce(add, 0)}`;\n",
    "packages/util/test/format.test.js": "const assert = require('assert');\nconst { total } = require('../src/format');\n\ndescribe('format', () => { it('totals', () => { assert.strictEqual(total([1, 2]), 'total 3'); }); });\n",
    "packages/app/package.json": '{"name": "@ws/app"}\n',
    "packages/app/index.js": "const { total } = require('@ws/util/format');\n\nexports.banner = (values) => `[${total(values)}]`;\n",
    "packages/app/test/app.test.js": "const assert = require('assert');\nconst { banner } = require('..');\n\ndescribe('app', () => { it('shows a banner', () => { assert.strictEqual(banner([4]), '[total 4]'); }); });\n",
    "packages/site/package.json": '{"name": "@ws/site"}\n',
    "packages/site/index.js": "exports.title = 'site';\n",
    "packages/site/test/site.test.js": "const assert = require('assert');\nconst { title } = require('..');\n\nit('has a title', () => { assert.strictEqual(title, 'site'); });\n",
}


def workspace_transcript(args):
    base = os.path.join(args.work, "workspace")
    repo, remote = os.path.join(base, "work"), os.path.join(base, "remote.git")
    git_repo(repo, WORKSPACE)
    run(["git", "init", "-q", "--bare", remote], base)
    run(["git", "remote", "add", "origin", remote], repo)
    run(["git", "push", "-q", "origin", "HEAD:main"], repo)
    os.makedirs(os.path.join(repo, "node_modules", "@ws"))
    for name in ("core", "util", "app", "site"):
        os.symlink(f"../../packages/{name}", os.path.join(repo, "node_modules", "@ws", name))
    run([args.gate, "install"], repo)
    write(repo, {"packages/core/index.js": "exports.add = (a, b) => a - b;\n"})
    commit(repo, "core: add")
    env = dict(os.environ, NODE_PATH="/usr/share/nodejs", NO_COLOR="1")
    result = run(["git", "push", "origin", "HEAD:main"], repo, env, check=False)
    text = f"$ git push origin HEAD:main        # packages/core/index.js: add() subtracts\n{result.stdout}{result.stderr}(exit {result.returncode})\n"
    with open(args.transcript, "w") as handle:
        handle.write(text.replace(args.work, "<work>"))
    return text.replace(args.work, "<work>")


def main():
    parser = argparse.ArgumentParser()
    for name in ("gate", "jest-dir", "cache", "work", "out", "transcript"):
        parser.add_argument("--" + name, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    version = run([args.gate, "--version"], args.work).stdout.strip()
    lines = ["# JS selection (issue 16)", "", f"Measured {time.strftime('%Y-%m-%d')} with `Benchmarks/js_selection.sh` (gate {version}, binary {args.gate.replace(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), '.')}), "
             f"medians of {args.runs} runs per command on this 2-core machine. A test file counts as failing when the full run fails it.", ""]
    jest_side_by_side(args, lines)
    negotiator_replay(args, lines)
    transcript = workspace_transcript(args)
    lines += ["## 3. A blocked push in a 4-package npm workspace (suites detected per package, mocha)", "", "```", transcript.rstrip(), "```", ""]
    with open(args.out, "w") as handle:
        handle.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
