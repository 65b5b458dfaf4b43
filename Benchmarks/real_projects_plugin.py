"""pytest plugin for Benchmarks/real_projects.py: the ground truth of one pytest run, independent of gate.

Loaded with `-p real_projects_plugin` when REAL_PROJECTS_OUT names a file. Writes JSON {"collected": N, "failed": [ids]}
where an id is the test file's path relative to the directory pytest was started in (the repository root), then the
rest of pytest's own node id ("pkg/tests/test_x.py::Class::test[param]"), whatever rootdir or ini file pytest picked.
A test fails when any of its phases (setup, call, teardown) failed; a collection error counts as a failure of its file.
"""
import json
import os
from pathlib import Path

_start = Path.cwd().resolve()
_state = {"rootpath": _start, "collected": 0, "failed": []}


def _repo_id(nodeid):
    path, sep, rest = nodeid.partition("::")
    try:
        rel = (_state["rootpath"] / path).resolve().relative_to(_start).as_posix()
    except ValueError:
        rel = path
    return rel + sep + rest


def pytest_configure(config):
    _state["rootpath"] = Path(str(config.rootpath)).resolve()


def pytest_collection_finish(session):
    _state["collected"] = len(session.items)


def _record(report):
    if report.failed:
        ident = _repo_id(report.nodeid)
        if ident not in _state["failed"]:
            _state["failed"].append(ident)


pytest_collectreport = _record
pytest_runtest_logreport = _record


def pytest_sessionfinish(session):
    out = os.environ.get("REAL_PROJECTS_OUT")
    if out:
        with open(out, "w") as f:
            json.dump({"collected": _state["collected"], "failed": _state["failed"]}, f, indent=1)
