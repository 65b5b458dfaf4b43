"""gate's pytest reporting plugin, loaded with ``-p gate_pytest_report`` on every pytest run gate starts.

It writes one JSON object per line to ``$GATE_PYTEST_REPORT``: first a ``session`` line (pytest's rootdir and the
directory pytest was started in), then one ``test`` line per test item and one per collection error, as soon as each
is known, so a run that dies half way still leaves what it did.

Every id is pytest's own node id, re-rooted from pytest's rootdir to the directory pytest was started in (the
suite's working directory). A project's ``tests/pytest.ini`` makes ``tests/`` the rootdir and its node ids
``test_x.py::test_y``; gate reports ``tests/test_x.py::test_y``, which pytest accepts back, from that same directory,
to run exactly that test again. Parametrisation and classes are kept as pytest spells them.

Status: an error outside the test body (setup, teardown, collection) is ``errored``; inside it, an assertion or
pytest's ``Failed`` (``pytest.fail``, ``pytest.raises`` that did not raise) is ``failed``, a strict XPASS is
``failed``, any other exception is ``errored``; a skip or an xfail is ``skipped``.
"""
import json
import os

import pytest

_RANK = {"passed": 0, "skipped": 1, "failed": 2, "errored": 3}
_state = {"out": None, "root": None, "base": None, "tests": {}}


def pytest_configure(config):
    path = os.environ.get("GATE_PYTEST_REPORT")
    if not path or _state["out"] is not None or hasattr(config, "workerinput"):
        return  # pytest-xdist workers: their reports reach the controller, which writes them
    root = getattr(config, "rootpath", None) or config.rootdir
    _state["root"] = os.path.realpath(str(root))
    _state["base"] = os.path.realpath(str(config.invocation_params.dir))
    _state["out"] = open(path, "a", encoding="utf-8")
    _write({"kind": "session", "rootdir": _state["root"], "invocationDir": _state["base"]})


def _write(record):
    out = _state["out"]
    if out is not None:
        out.write(json.dumps(record) + "\n")
        out.flush()


def _rerooted(path):
    """A rootdir-relative path as a path relative to the invocation directory."""
    if not path:
        return path
    absolute = os.path.normpath(os.path.join(_state["root"], path))
    relative = os.path.relpath(absolute, _state["base"]).replace(os.sep, "/")
    return "" if relative == "." else relative


def _test_id(nodeid):
    path, separator, rest = nodeid.partition("::")
    return _rerooted(path) + separator + rest


def _message(report):
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is not None and getattr(crash, "message", None):
        return crash.message
    if isinstance(report.longrepr, tuple) and len(report.longrepr) == 3:
        return str(report.longrepr[2])
    lines = [line for line in report.longreprtext.splitlines() if line.strip()]
    errors = [line[1:].strip() for line in lines if line.startswith("E ")]
    return errors[-1] if errors else (lines[-1] if lines else "")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    info = call.excinfo
    report.gate_assertion = info is not None and (info.errisinstance(AssertionError) or info.typename == "Failed")


def _status(report):
    if report.passed:
        return "passed"
    if report.skipped:
        return "skipped"
    if report.when != "call":
        return "errored"
    if str(report.longrepr).startswith("[XPASS(strict)]"):
        return "failed"
    if hasattr(report, "gate_assertion"):
        return "failed" if report.gate_assertion else "errored"
    # Made in another process (pytest-xdist): judge by pytest's crash line, "path:line: ExceptionType".
    crash = getattr(report.longrepr, "reprcrash", None)
    message = getattr(crash, "message", "") or ""
    if message.startswith(("assert", "AssertionError", "Failed")):
        return "failed"
    last = report.longreprtext.strip().splitlines()[-1:] or [""]
    return "failed" if last[0].split(" ")[-1] in ("AssertionError", "Failed") else "errored"


def pytest_runtest_logreport(report):
    if _state["out"] is None:
        return
    status = _status(report)
    entry = _state["tests"].setdefault(report.nodeid, {"status": "passed", "messages": [], "traces": [], "duration": 0.0})
    entry["duration"] += getattr(report, "duration", 0.0) or 0.0
    if _RANK[status] > _RANK[entry["status"]]:
        entry["status"] = status
    if status != "passed":
        message = _message(report)
        if report.when in ("setup", "teardown") and status == "errored":
            message = "error at %s: %s" % (report.when, message)
        entry["messages"].append(message)
        if report.longreprtext:
            entry["traces"].append(report.longreprtext)
    location = getattr(report, "location", None)
    if location and "file" not in entry:
        entry["file"] = _rerooted(location[0])
        entry["line"] = (location[1] + 1) if isinstance(location[1], int) else None


def pytest_runtest_logfinish(nodeid, location):
    entry = _state["tests"].pop(nodeid, None)
    if entry is None or _state["out"] is None:
        return
    _write({
        "kind": "test", "id": _test_id(nodeid), "status": entry["status"],
        "message": "\n".join(entry["messages"]) if entry["status"] != "passed" else None,
        "trace": "\n\n".join(entry["traces"]) if entry["status"] != "passed" else None,
        "file": entry.get("file"), "line": entry.get("line"), "duration": round(entry["duration"], 6),
    })


def pytest_collectreport(report):
    if _state["out"] is None or not report.failed:
        return
    identity = _test_id(report.nodeid)
    _write({
        "kind": "test", "id": identity or ".", "status": "errored",
        "message": "collection failed: " + _message(report), "trace": report.longreprtext,
        "file": identity.partition("::")[0] or None, "line": None,
    })


def pytest_unconfigure(config):
    out = _state["out"]
    _state["out"] = None
    if out is not None:
        out.close()
