"""gate's pytest plugin: records which blocks each test executes, with coverage.py dynamic contexts.

gate loads it with `-p gate_coverage_plugin` when GATE_COVERAGE_DIR is set. Coverage starts before
the initial conftests are imported; each test runs in its own context (its node id), everything else
(collection, imports) in the empty context, which gate reads as "runs at import time". At the end it
writes one JSON batch into $GATE_COVERAGE_DIR/incoming/, which gate merges into its store:

{"version": 1,
 "files": {"pkg/a.py": {"blob": id, "table": block table}},      # every measured source file
 "importTime": {"pkg/a.py": ["<module>", "make"]},               # blocks run outside any test
 "tests": {"tests/test_a.py::test_x": {"file": "tests/test_a.py", "fileBlob": id, "failed": false,
                                       "executed": {"pkg/a.py": ["Color.downgrade"]}}}}

Paths are relative to the repository root: the working directory minus $GATE_COVERAGE_PREFIX (the
suite's working directory). Blob ids are git's (sha1, or sha256 when GATE_COVERAGE_HASH=sha256).
Parametrised tests are recorded under their function (`test_x`, not `test_x[1]`). Without coverage.py
it writes {"missing": "coverage"} and does nothing else; it never fails the test run.
"""

import hashlib
import json
import os
import sys
import time
import uuid

import pytest

try:
    import coverage
except ImportError:  # gate falls back to static selection and says so
    coverage = None

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gate_blocks  # noqa: E402

_state = {"cov": None, "failed": set(), "keys": {}, "test_files": {}, "root": None}


def _root():
    root = os.path.realpath(os.getcwd())
    prefix = os.environ.get("GATE_COVERAGE_PREFIX", "").strip("/")
    for part in [p for p in prefix.split("/") if p and p != "."]:
        root = os.path.dirname(root)
    return root


def _start():
    if _state["cov"] is not None or coverage is None or not os.environ.get("GATE_COVERAGE_DIR"):
        return
    _state["root"] = _root()
    # Test modules and conftest files are never recorded (a change to them selects by file), so they are not traced.
    cov = coverage.Coverage(data_file=None, source=[_state["root"]], config_file=False, branch=False,
                            omit=["*/test_*.py", "*/*_test.py", "*/conftest.py"])
    cov.start()
    _state["cov"] = cov


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    _start()


def pytest_configure(config):
    _start()


def _key(item):
    path = os.path.realpath(str(getattr(item, "path", None) or item.fspath))
    rel = os.path.relpath(path, _state["root"]).replace(os.sep, "/")
    rest = item.nodeid.split("::", 1)[1] if "::" in item.nodeid else ""
    if rest.endswith("]") and "[" in rest:
        rest = rest[: rest.index("[")]
    return rel, (rel + "::" + rest) if rest else rel


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    cov = _state["cov"]
    if cov is None:
        yield
        return
    rel, key = _key(item)
    _state["keys"][item.nodeid] = key
    _state["test_files"][rel] = os.path.realpath(str(getattr(item, "path", None) or item.fspath))
    cov.switch_context(item.nodeid)
    try:
        yield
    finally:
        cov.switch_context("")


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
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump(batch, handle)
    os.replace(temporary, os.path.join(directory, name))


def _batch(cov):
    root = _state["root"]
    data = cov.get_data()
    test_paths = set(_state["test_files"].values())
    files, import_time, executed = {}, {}, {}
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
            table = gate_blocks.block_table(content.decode("utf-8"))
        except UnicodeDecodeError:
            continue
        files[rel] = {"blob": _blob_id(content), "table": table}
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
    blobs = {}
    for rel, real in _state["test_files"].items():
        with open(real, "rb") as handle:
            blobs[rel] = _blob_id(handle.read())
    tests = {}
    for key in set(_state["keys"].values()):
        rel = key.split("::", 1)[0]
        tests[key] = {"file": rel, "fileBlob": blobs.get(rel, ""), "failed": key in _state["failed"],
                      "executed": {path: sorted(blocks) for path, blocks in executed.get(key, {}).items()}}
    return {"version": 1, "files": files,
            "importTime": {path: sorted(blocks) for path, blocks in import_time.items()}, "tests": tests}


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus):
    if not os.environ.get("GATE_COVERAGE_DIR"):
        return
    if coverage is None:
        try:
            _write({"version": 1, "missing": "coverage"})
        except OSError:
            pass
        return
    cov = _state["cov"]
    if cov is None:
        return
    _state["cov"] = None
    try:
        cov.stop()
        _write(_batch(cov))
    except Exception as error:  # recording must never fail the run
        sys.stderr.write("gate: coverage recording failed: %s\n" % error)
