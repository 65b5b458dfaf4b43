"""gate's pytest collection plugin: writes the collected node ids, relative to the directory pytest was started in
(so each one can be handed back to pytest as an argument), as a JSON list to $GATE_PYTEST_COLLECT."""

import json
import os


def pytest_collection_finish(session):
    path = os.environ.get("GATE_PYTEST_COLLECT")
    if not path:
        return
    start = str(session.config.invocation_params.dir)
    ids = []
    for item in session.items:
        relative = os.path.relpath(str(item.path), start).replace(os.sep, "/")
        rest = item.nodeid.split("::", 1)[1] if "::" in item.nodeid else ""
        ids.append(relative + ("::" + rest if rest else ""))
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(ids, handle)
