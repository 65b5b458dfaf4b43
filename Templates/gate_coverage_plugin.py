"""gate's pytest plugin: records which blocks each test executes, with coverage.py dynamic contexts.

gate loads it with `-p gate_coverage_plugin` when GATE_COVERAGE_DIR is set. Coverage starts before
the initial conftests are imported; each test runs in its own context (its node id), everything else
(collection, imports) in the empty context, which gate reads as "runs at import time". A module a test
imports (lazily, inside the test) is executed in the context "<node id>" + IMPORTING, only while that
import is on the stack (`importlib._bootstrap._find_and_load`, which every import statement and
`importlib.import_module` go through): what ran before or after the import stays the test's own. At the
end it writes one JSON batch into $GATE_COVERAGE_DIR/incoming/, which gate merges into its store:

{"version": 3,
 "files": {"pkg/a.py": {"blob": id, "table": block table}},      # every measured source file
 "importTime": {"pkg/a.py": ["<module>", "make"]},               # blocks run at import: outside any test, or in an import inside one
 "tests": {"tests/test_a.py::test_x": {"file": "tests/test_a.py", "fileBlob": id, "failed": false,
                                       "executed": {"pkg/a.py": ["Color.downgrade"]},
                                       "imported": {"pkg/b.py": ["<module>"]},   # of executed: ran only in its imports
                                       "launched": false}}}                      # absent when unknown (below)

Paths are relative to the repository root: the working directory minus $GATE_COVERAGE_PREFIX (the
suite's working directory). Blob ids are git's (sha1, or sha256 when GATE_COVERAGE_HASH=sha256).
Parametrised tests are recorded under their function (`test_x`, not `test_x[1]`). Without coverage.py
it writes {"missing": "coverage"} and does nothing else; it never fails the test run.

Core: on Python 3.12+ coverage.py measures with `sys.monitoring` (core "sysmon"), much cheaper than its C tracer,
unless COVERAGE_CORE is set. coverage.py's sysmon core turns each line's event off after its first hit, which would
lose every line a test shares with an earlier one, so with that core (however chosen: here, by COVERAGE_CORE, or by
coverage.py itself, whose default it is from Python 3.14) each context switch is followed by
`sys.monitoring.restart_events()`: every line fires once more, in the new context. The per-test data is then the same
as with the C tracer (Benchmarks/recording.sh compares both).

Process launches: coverage sees only this process, so each test's record says whether it started a process
("launched"), from the audit events that start one (`sys.addaudithook`, Python 3.9+; installed when the plugin is
imported and never removed, so a flag turns it off), from `_posixsubprocess.fork_exec`, which multiprocessing's
spawn and forkserver start methods call without an event, and from `multiprocessing`'s `Process.start` once that
module is loaded (a running forkserver forks without any event here). A launch belongs to the test whose setup, call or teardown
runs; a launch while a fixture is set up also marks the fixture (and the fixtures that requested it), and every test
using a marked fixture counts as launching (a session fixture's server serves later tests that launch nothing). A
child a test started outside fixtures that outlives the test marks the tests that start while it lives (listed from
/proc; where it cannot be listed, it is assumed alive). A launch outside any test from the repository's own code (a
test module or conftest at import, collection) belongs to no test: then no record has "launched", and gate selects the
whole process-starting file, as it does for records of older plugins. Launches outside tests by installed plugins
alone (no repository frame on the stack: pytest-benchmark's `git describe`) are not counted.

Block tables are kept between runs in $GATE_COVERAGE_DIR/tables/<python>-<digest>.json (blob id -> table; the digest
covers gate_blocks.py and the Python version, whose `ast` the hashes come from), so an unchanged file is not parsed
again (tabling costs several ms per 100 lines of source, the largest fixed cost of a run). gate never reads that file.
"""

import gc
import hashlib
import json
import os
import sys
import time
import uuid

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gate_blocks  # noqa: E402

# coverage.py is imported when recording starts, not when pytest loads the plugin; "missing" if it cannot be.
_state = {"started": False, "missing": False, "cov": None, "sysmon": False, "failed": set(), "keys": {},
          "test_files": {}, "root": None, "items": {}, "context": "", "importing": 0}
# Suffix of the coverage context of code a test's import runs.
IMPORTING = " <gate: importing>"

# Audit events that start a process (CPython 3.9-3.13; multiprocessing's fork start method raises os.fork).
LAUNCH_EVENTS = frozenset(("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
                           "os.forkpty", "pty.spawn", "os.startfile", "_winapi.CreateProcess"))
# Launch attribution: "on" while recording; "item" the running test's key, "test" whether it launched (in a fixture or
# not), "own" outside fixtures; "fixtures" the stack of fixtures being set up, "launching" those that launched; per key
# ("tests", "uses") whether it launched and the fixtures it uses; "outside" once a launch belonged to no test;
# "strays" the live children started outside fixtures, "known" the children of launching fixtures.
_launches = {"on": False, "recordable": False, "count": 0, "item": None, "test": False, "own": False, "fixtures": [],
             "launching": set(), "tests": {}, "uses": {}, "outside": False, "strays": set(), "known": set(),
             "process_start": False}


def _root():
    root = os.path.realpath(os.getcwd())
    prefix = os.environ.get("GATE_COVERAGE_PREFIX", "").strip("/")
    for part in [p for p in prefix.split("/") if p and p != "."]:
        root = os.path.dirname(root)
    return root


def _coverage_tools():
    """The sys.monitoring tool ids coverage.py holds (it holds one while its sysmon core runs)."""
    monitoring = getattr(sys, "monitoring", None)
    if monitoring is None:
        return set()
    return {tool for tool in range(6) if monitoring.get_tool(tool) == "coverage.py"}


def _wanted():
    """Per-test recording (GATE_COVERAGE_DIR), line coverage for gate's thresholds (GATE_LINE_COVERAGE), or both."""
    return bool(os.environ.get("GATE_COVERAGE_DIR") or os.environ.get("GATE_LINE_COVERAGE"))


def _start():
    if _state["started"] or not _wanted():
        return
    _state["started"] = True
    try:
        import coverage
    except ImportError:  # gate falls back to static selection and says so
        _state["missing"] = True
        return
    _state["root"] = _root()
    # Test modules and conftest files are never recorded (a change to them selects by file), so they are not traced.
    cov = coverage.Coverage(data_file=None, source=[_state["root"]], config_file=False, branch=False,
                            omit=["*/test_*.py", "*/*_test.py", "*/conftest.py"])
    if getattr(sys, "monitoring", None) is not None and not os.environ.get("COVERAGE_CORE"):
        try:
            cov.set_option("run:core", "sysmon")
        except Exception:  # coverage.py before 7.9 has no `core` setting and keeps its default core
            pass
    # coverage.py warns that its sysmon core does not support contexts: _switch's restart makes them complete.
    cov.set_option("run:disable_warnings", ["no-sysmon-context"])
    before = _coverage_tools()
    cov.start()
    _state["sysmon"] = bool(_coverage_tools() - before)
    _state["cov"] = cov
    _watch_imports()


def _watch_imports():
    """Runs every module load that starts inside a test in the test's import context, for as long as the load
    is on the stack (nested loads stay in it). Outside tests, loads already run in the empty context."""
    try:
        import importlib._bootstrap as bootstrap
        original = bootstrap._find_and_load
    except (ImportError, AttributeError):  # then a lazy import's code is the test's own, and gate assumes the worst
        return

    def _find_and_load(name, *args, **kwargs):
        cov, context = _state["cov"], _state["context"]
        if cov is None or not context or _state["importing"]:
            return original(name, *args, **kwargs)
        _state["importing"] = 1
        _switch(cov, context + IMPORTING)
        try:
            return original(name, *args, **kwargs)
        finally:
            _state["importing"] = 0
            if _state["cov"] is cov and _state["context"] == context:
                _switch(cov, context)

    bootstrap._find_and_load = _find_and_load


def _launched():
    """Attributes one process launch (called from the audit hook and the fork_exec wrapper)."""
    state = _launches
    if not state["on"]:
        return
    state["count"] += 1
    if state["fixtures"]:
        state["launching"].update(state["fixtures"])
    if state["item"] is None:
        state["outside"] = state["outside"] or _repository_code_launches()
        return
    state["test"] = True
    if not state["fixtures"]:
        state["own"] = True


def _repository_code_launches():
    """Whether the repository's own code (a conftest, a test module, the project) is on the stack of a launch outside
    tests; installed plugins alone (pytest-benchmark runs `git describe` at session start) start no project code."""
    root = _state["root"] or _root()
    roots = tuple({root + os.sep, os.path.abspath(root) + os.sep})
    frame = sys._getframe(2)
    while frame is not None:
        name = frame.f_code.co_filename  # "<frozen runpy>", "<string>": not a file
        if os.path.isabs(name) and name.startswith(roots) and "site-packages" not in name and "dist-packages" not in name:
            return True
        frame = frame.f_back
    return False


def _audit(event, args):
    if event in LAUNCH_EVENTS:
        _launched()


def _watch_launches():
    """Installs the audit hook once, when per-test recording is wanted; launches then count from plugin import."""
    if not os.environ.get("GATE_COVERAGE_DIR") or sys.version_info < (3, 9) or not hasattr(sys, "addaudithook"):
        return
    try:
        import _posixsubprocess
        original = _posixsubprocess.fork_exec

        def fork_exec(*args, **kwargs):
            _launched()
            return original(*args, **kwargs)

        _posixsubprocess.fork_exec = fork_exec
    except (ImportError, AttributeError):  # Windows: multiprocessing's spawn raises _winapi.CreateProcess
        pass
    sys.addaudithook(_audit)
    _launches["on"] = _launches["recordable"] = True


def _children():
    """Ids of this process's live (not zombie) children, or None when they cannot be listed (no /proc)."""
    try:
        pids = set()
        for task in os.listdir("/proc/self/task"):
            with open("/proc/self/task/%s/children" % task, encoding="ascii") as handle:
                pids.update(handle.read().split())
    except OSError:
        return None
    live = set()
    for pid in pids:
        try:
            with open("/proc/%s/stat" % pid, encoding="ascii", errors="replace") as handle:
                if handle.read().rsplit(")", 1)[1].split()[0] != "Z":
                    live.add(pid)
        except (OSError, IndexError):
            pass
    return live


@pytest.hookimpl(hookwrapper=True)
def pytest_fixture_setup(fixturedef, request):
    state = _launches
    state["fixtures"].append(fixturedef.argname)
    before = state["count"]
    try:
        yield
    finally:
        state["fixtures"].pop()
        if state["count"] > before:  # the children alive now are the fixture's (its users are marked), or strays
            state["known"].update((_children() or set()) - state["strays"])


def _watch_process_start():
    """Wraps `multiprocessing.process.BaseProcess.start` once multiprocessing is loaded: a process a running forkserver
    forks for us raises no event here."""
    module = sys.modules.get("multiprocessing.process")
    base = getattr(module, "BaseProcess", None)
    if base is None or getattr(base.start, "_gate_launch", False):
        return
    original = base.start

    def start(self):
        _launched()
        return original(self)

    start._gate_launch = True
    base.start = start
    _launches["process_start"] = True


def _test_started(key):
    state = _launches
    if state["on"] and not state["process_start"]:
        _watch_process_start()
    state["item"] = key
    state["test"] = state["own"] = bool(state["strays"])  # a stray child of an earlier test may serve this one


def _test_finished(key, item):
    state = _launches
    state["item"] = None
    if not state["on"]:
        return
    state["tests"][key] = state["tests"].get(key, False) or state["test"]
    state["uses"].setdefault(key, set()).update(getattr(item, "fixturenames", None) or ())
    if state["own"]:  # a child started outside fixtures may outlive the test; unlisted children count as alive
        children = _children()
        state["strays"] = {"unknown"} if children is None else children - state["known"]


def _launch_records():
    """Key -> launched, or None when launches were not recorded or one belonged to no test."""
    state = _launches
    if not state["recordable"] or state["outside"]:
        return None
    return {key: launched or bool(state["uses"].get(key, set()) & state["launching"])
            for key, launched in state["tests"].items()}


def _switch(cov, context):
    cov.switch_context(context)
    if _state["sysmon"]:
        sys.monitoring.restart_events()


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    _start()


def pytest_configure(config):
    _start()


def _test_file(item):
    """The real path of an item's file and its path relative to the root, computed once per file."""
    path = str(getattr(item, "path", None) or item.fspath)
    known = _state["items"].get(path)
    if known is None:
        real = os.path.realpath(path)
        known = _state["items"][path] = (real, os.path.relpath(real, _state["root"]).replace(os.sep, "/"))
    return known


def _key(item):
    real, rel = _test_file(item)
    rest = item.nodeid.split("::", 1)[1] if "::" in item.nodeid else ""
    if rest.endswith("]") and "[" in rest:
        rest = rest[: rest.index("[")]
    return real, rel, (rel + "::" + rest) if rest else rel


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    cov = _state["cov"]
    if cov is None:
        yield
        return
    real, rel, key = _key(item)
    _state["keys"][item.nodeid] = key
    _state["test_files"][rel] = real
    _state["context"] = item.nodeid
    _switch(cov, item.nodeid)
    _test_started(key)
    try:
        yield
    finally:
        _test_finished(key, item)
        _state["context"] = ""
        _switch(cov, "")


def pytest_runtest_logreport(report):
    if report.failed and report.nodeid in _state["keys"]:
        _state["failed"].add(_state["keys"][report.nodeid])


def _blob_id(content):
    algorithm = hashlib.sha256 if os.environ.get("GATE_COVERAGE_HASH") == "sha256" else hashlib.sha1
    return algorithm(b"blob %d\0" % len(content) + content).hexdigest()


def _write(batch):
    directory = os.path.join(os.environ["GATE_COVERAGE_DIR"], "incoming")
    os.makedirs(directory, exist_ok=True)
    name = "%d-%d-%s.json" % (time.time() * 1000, os.getpid(), uuid.uuid4().hex[:8])
    temporary = os.path.join(directory, "." + name)
    text = json.dumps(batch)  # json.dump to a file would use the pure-Python encoder
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, os.path.join(directory, name))


class _Tables:
    """Block tables by blob id: from the cache of earlier runs, else computed (and cached at the end)."""

    CAPACITY = 20000  # entries; past it the cache keeps only the last run's files

    def __init__(self):
        self.path, self.cached, self.new = None, {}, {}
        try:
            with open(gate_blocks.__file__, "rb") as handle:
                digest = hashlib.sha1(handle.read() + sys.version.encode("utf-8")).hexdigest()[:16]
            self.prefix = (sys.implementation.cache_tag or "python") + "-"
            self.path = os.path.join(os.environ["GATE_COVERAGE_DIR"], "tables", self.prefix + digest + ".json")
            with open(self.path, encoding="utf-8") as handle:
                cached = json.load(handle)
            if isinstance(cached, dict):
                self.cached = cached
        except (OSError, ValueError):
            pass
        self.used = set()

    def table(self, blob, text):
        self.used.add(blob)
        table = self.cached.get(blob) or self.new.get(blob)
        if not isinstance(table, dict):
            table = self.new[blob] = gate_blocks.block_table(text)
        return table

    def save(self):
        if self.path is None or not self.new:
            return
        try:
            if len(self.cached) + len(self.new) > self.CAPACITY:
                self.cached = {blob: table for blob, table in self.cached.items() if blob in self.used}
            self.cached.update(self.new)
            directory = os.path.dirname(self.path)
            os.makedirs(directory, exist_ok=True)
            for name in os.listdir(directory):  # other gate_blocks.py versions, for this Python
                path = os.path.join(directory, name)
                if name.startswith(self.prefix) and name.endswith(".json") and path != self.path:
                    os.remove(path)
            temporary = "%s.%d.tmp" % (self.path, os.getpid())
            with open(temporary, "w", encoding="utf-8") as handle:
                handle.write(json.dumps(self.cached))
            os.replace(temporary, self.path)
        except OSError:
            pass


def _batch(cov, tables):
    root = _state["root"]
    data = cov.get_data()
    test_paths = set(_state["test_files"].values())
    files, import_time, executed, imported = {}, {}, {}, {}
    for measured in data.measured_files():
        real = os.path.realpath(measured)
        if not real.endswith(".py") or real in test_paths or not os.path.isfile(real):
            continue
        rel = os.path.relpath(real, root).replace(os.sep, "/")
        if rel.startswith("../"):
            continue
        with open(real, "rb") as handle:
            content = handle.read()
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            continue
        blob = _blob_id(content)
        table = tables.table(blob, text)
        files[rel] = {"blob": blob, "table": table}
        if "error" in table:
            continue
        owners = gate_blocks.line_owners(table)
        for line, contexts in data.contexts_by_lineno(measured).items():
            block = owners.get(line, gate_blocks.MODULE)
            for context in contexts:
                if not context:
                    import_time.setdefault(rel, set()).add(block)
                elif context in _state["keys"]:
                    key = _state["keys"][context]
                    executed.setdefault(key, {}).setdefault(rel, set()).add(block)
                elif context.endswith(IMPORTING) and context[: -len(IMPORTING)] in _state["keys"]:
                    key = _state["keys"][context[: -len(IMPORTING)]]
                    import_time.setdefault(rel, set()).add(block)
                    imported.setdefault(key, {}).setdefault(rel, set()).add(block)
    blobs = {}
    for rel, real in _state["test_files"].items():
        with open(real, "rb") as handle:
            blobs[rel] = _blob_id(handle.read())
    tests = {}
    launches = _launch_records()
    for key in set(_state["keys"].values()):
        rel = key.split("::", 1)[0]
        own, loads = executed.get(key, {}), imported.get(key, {})
        tests[key] = {"file": rel, "fileBlob": blobs.get(rel, ""), "failed": key in _state["failed"],
                      "executed": {path: sorted(own.get(path, set()) | loads.get(path, set()))
                                   for path in set(own) | set(loads)},
                      "imported": {path: sorted(blocks - own.get(path, set())) for path, blocks in loads.items()
                                   if blocks - own.get(path, set())}}
        if launches is not None and key in launches:
            tests[key]["launched"] = launches[key]
    return {"version": 3, "files": files,
            "importTime": {path: sorted(blocks) for path, blocks in import_time.items()}, "tests": tests}


def _is_test_source(real):
    name = os.path.basename(real)
    return name.startswith("test_") or name.endswith("_test.py") or name == "conftest.py"


def _line_coverage(cov):
    """coverage.py's own analysis, for gate's thresholds: executable (statements) and executed lines per file, for
    every measured file and every file gate lists (GATE_LINE_COVERAGE_FILES: the changed files, and for coverage.min
    every Python file of the pushed tree), analysed even when never imported."""
    root = _state["root"]
    candidates = set(os.path.realpath(path) for path in cov.get_data().measured_files())
    listing = os.environ.get("GATE_LINE_COVERAGE_FILES")
    if listing and os.path.isfile(listing):
        with open(listing, encoding="utf-8") as handle:
            candidates.update(os.path.realpath(os.path.join(root, rel)) for rel in handle.read().split("\n") if rel.endswith(".py"))
    files = {}
    for real in sorted(candidates):
        rel = os.path.relpath(real, root).replace(os.sep, "/")
        if not real.endswith(".py") or rel.startswith("../") or _is_test_source(real) or not os.path.isfile(real):
            continue
        _, statements, _, missing, _ = cov.analysis2(real)
        files[rel] = {"executable": sorted(statements), "executed": sorted(set(statements) - set(missing))}
    xml = os.environ.get("GATE_LINE_COVERAGE_XML")
    if xml:  # the same data as Cobertura XML, for comparing with other tools (Benchmarks/diff_coverage.sh)
        cov.xml_report(outfile=xml)
    return {"version": 1, "files": files}


def _write_line_coverage(payload):
    target = os.environ["GATE_LINE_COVERAGE"]
    temporary = "%s.%d.tmp" % (target, os.getpid())
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(payload))
    os.replace(temporary, target)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if not _wanted():
        return
    if _state["missing"]:
        try:
            if os.environ.get("GATE_COVERAGE_DIR"):
                _write({"version": 3, "missing": "coverage"})
            if os.environ.get("GATE_LINE_COVERAGE"):
                _write_line_coverage({"version": 1, "missing": "coverage"})
        except OSError:
            pass
        return
    _launches["on"] = False  # what gate's own writing (and any later session in this process) does is not a test's
    cov = _state["cov"]
    if cov is None:
        return
    _state["cov"] = None
    collecting = gc.isenabled()
    gc.disable()  # the batch allocates many small objects; a full collection of pytest's heap here cost ~20 ms
    try:
        cov.stop()
        if os.environ.get("GATE_COVERAGE_DIR"):
            tables = _Tables()
            _write(_batch(cov, tables))
            tables.save()
    except Exception as error:  # recording must never fail the run
        sys.stderr.write("gate: coverage recording failed: %s\n" % error)
    try:
        if os.environ.get("GATE_LINE_COVERAGE"):
            _write_line_coverage(_line_coverage(cov))
    except Exception as error:  # gate reports the missing file as "coverage not measured"
        sys.stderr.write("gate: line coverage failed: %s\n" % error)
    finally:
        if collecting:
            gc.enable()


_watch_launches()
