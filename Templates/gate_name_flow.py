"""How far a changed name can reach: gate's narrowed safety net for Python selection.

gate runs it for a changed file that coverage alone cannot speak for: its module-level code changed
(a constant, an import of another library, a function or class added, removed or re-signed), a class
body changed (an attribute, a method added, removed or re-signed), or a changed function is cached or
runs at import time. It finds the names whose meaning changed, follows them through module-level code
(`LIMIT = SCALE * 2` makes `LIMIT` change too, in the changed file and in every file that imports it),
and answers which function blocks and which tests mention one of those names: as a bare name, an
attribute (`core.SCALE`, `self.area`), an imported name, or a part of a dotted string
(`mock.patch("lib.core.table")`). gate then runs the tests that executed one of those blocks (by
coverage), the tests that mention a name, and the usual safety rules.

What it cannot follow falls back to the whole import closure, with the reason: any other module-level
statement that changed or uses a changed name at import (a call, if/for/with/try, a decorator that is
not a plain wrapper such as `property` or `lru_cache`), a changed special method (`__eq__`), class
header or decorated class body, a class change where `__init_subclass__` or a metaclass could react, a
changed import of a project module, a changed `from x import *` or `__all__` with a star import, a
module `__getattr__`, a conftest.py that mentions a name, or a file that does not parse.

Run as a script, request on stdin:
{"changes": {key: {"path": p, "old": b64, "new": b64, "functions": ["table", "Money.area"]}},
 "files": {path: b64},     # the files that import a changed file, directly or not (tests included)
 "tests": [path],          # which of `files` are test files or conftest.py
 "local": [name]}          # top-level module names that belong to the project
Answer, per key: {"fallback": why} or
{"names": [...], "blocks": {path: {block: name}}, "tests": {path: {test: name}}}, where a test is a
pytest id below the file (`TestX::test_y`), or "*" for the whole file.
"""

import ast
import base64
import copy
import difflib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gate_blocks  # noqa: E402

_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


class Fallback(Exception):
    """The change cannot be followed by name; the message says why."""


def _mentions(*nodes):
    """Identifiers the code mentions: names, attributes, imported names, identifier parts of strings."""
    found = set()
    for node in nodes:
        if node is None:
            continue
        for child in ast.walk(node):
            if isinstance(child, ast.Name):
                found.add(child.id)
            elif isinstance(child, ast.Attribute):
                found.add(child.attr)
            elif isinstance(child, ast.alias):
                found.update(child.name.split("."))
            elif isinstance(child, ast.ImportFrom) and child.module:
                found.update(child.module.split("."))
            elif isinstance(child, (ast.Global, ast.Nonlocal)):
                found.update(child.names)
            elif isinstance(child, ast.Constant) and isinstance(child.value, str) and len(child.value) <= 200:
                found.update(part for part in child.value.replace(":", ".").split(".") if part.isidentifier())
    return found


def _bound(target):
    """Names a plain assignment target binds, or None when it assigns into something (attribute, item)."""
    if isinstance(target, ast.Name):
        return {target.id}
    if isinstance(target, (ast.Tuple, ast.List)):
        names = set()
        for element in target.elts:
            inner = _bound(element.value if isinstance(element, ast.Starred) else element)
            if inner is None:
                return None
            names |= inner
        return names
    return None


def _without_function_bodies(node):
    """A copy of `node` in which every function's body is empty (bodies are not copied first)."""
    if isinstance(node, list):
        return [_without_function_bodies(item) for item in node]
    if not isinstance(node, ast.AST):
        return node
    copied = node.__class__()
    for field, inner in ast.iter_fields(node):
        setattr(copied, field, [] if field == "body" and isinstance(node, _FUNCTIONS) else _without_function_bodies(inner))
    return copied


def _class_names(node):
    """The class name and every name its body binds (attributes, methods, nested classes)."""
    names = {node.name}
    for child in ast.walk(_without_function_bodies(node)):
        if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store):
            names.add(child.id)
        elif isinstance(child, (ast.ClassDef,) + _FUNCTIONS):
            names.add(child.name)
    return names


class Statement:
    """One top-level statement: how it compares between versions, what it binds and mentions."""

    def __init__(self, node, kind, binds, mentions, key, decorated=False, local=False, imported=None):
        self.node = node
        self.line = getattr(node, "lineno", 0)
        self.imported = imported  # `from m import a as b`: {"a": "b"}
        self.kind = kind
        self.binds = binds
        self.mentions = mentions
        self.key = key
        self.decorated = decorated
        self.local = local
        self.risky = set()  # for a class: what it mentions in code that runs beyond binding members


def _dump(node):
    return ast.dump(node, include_attributes=False)


def _statement(node, first, local):
    if isinstance(node, _FUNCTIONS):
        header = copy.copy(node)
        header.body = []
        mentions = _mentions(*node.decorator_list, node.args, node.returns)
        return Statement(node, "def", {node.name}, mentions, _dump(header), decorated=not _benign(node.decorator_list))
    if isinstance(node, ast.ClassDef):
        skeleton = _without_function_bodies(node)
        statement = Statement(node, "class", _class_names(node), _mentions(skeleton), _dump(skeleton),
                              decorated=bool(node.decorator_list or node.keywords))
        statement.risky = _risky_mentions(node)
        return statement
    if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        bound = [_bound(target) for target in targets]
        if all(names is not None for names in bound):
            mentions = _mentions(node.value, getattr(node, "annotation", None))
            if isinstance(node, ast.AugAssign):
                mentions |= bound[0]
            return Statement(node, "bind", set().union(*bound), mentions, _dump(node))
    if isinstance(node, ast.Import):
        binds = {(alias.asname or alias.name.split(".")[0]) for alias in node.names}
        is_local = any(alias.name.split(".")[0] in local for alias in node.names)
        return Statement(node, "import", binds, _mentions(node), _dump(node), local=is_local)
    if isinstance(node, ast.ImportFrom):
        is_local = node.level > 0 or (node.module or "").split(".")[0] in local
        if any(alias.name == "*" for alias in node.names):
            return Statement(node, "star", set(), set(), _dump(node), local=is_local)
        imported = {alias.name: alias.asname or alias.name for alias in node.names}
        return Statement(node, "import", set(imported.values()), _mentions(node), _dump(node), local=is_local,
                         imported=imported)
    if first and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
        return Statement(node, "doc", {"__doc__"}, set(), _dump(node))
    stored = {child.id for child in ast.walk(node) if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store)}
    stored |= {child.name for child in ast.walk(node) if isinstance(child, (ast.ClassDef,) + _FUNCTIONS)}
    return Statement(node, "other", stored, _mentions(node), _dump(node))


def _risky_mentions(node):
    """What a class body mentions in code that can do more than bind a member when the class is defined: a
    decorator other than a plain wrapper, a call or other statement in the body, a nested decorated class."""
    risky = set()
    for index, child in enumerate(node.body):
        member = _statement(child, index == 0, set())
        if member.kind == "class":
            risky |= member.mentions if member.decorated else member.risky
        elif member.kind not in ("bind", "doc", "def") or member.decorated:
            risky |= member.mentions
    return risky


def _statements(tree, local):
    return [_statement(node, index == 0, local) for index, node in enumerate(tree.body)]


def _parse(source, path):
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError) as error:
        raise Fallback("%s does not parse (%s)" % (path, error))


# Decorators that only wrap a function, without registering it anywhere at import time.
_BENIGN = {"property", "staticmethod", "classmethod", "abstractmethod", "overload", "cache", "lru_cache",
           "cached_property", "setter", "getter", "deleter"}


def _benign(decorators):
    return all(gate_blocks._dotted(d).rsplit(".", 1)[-1] in _BENIGN for d in decorators)


def _diff(old, new):
    """The statements of `old` and `new` (keyed lists) that differ, paired by position in the diff."""
    matcher = difflib.SequenceMatcher(None, [s.key for s in old], [s.key for s in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            yield from old[i1:i2] + new[j1:j2]


def _class_change(name, old, new, path):
    """Names a change inside class `name` gives a new meaning (its attributes and methods), or Fallback."""
    where = "class `%s` in %s" % (name, path)
    if old is None or new is None:
        node = old or new
        if node.decorator_list or node.keywords:
            raise Fallback("decorated class `%s` was added or removed in %s" % (name, path))
        return {name}
    header = lambda node: _dump(ast.ClassDef(name=node.name, bases=node.bases, keywords=node.keywords, body=[],
                                             decorator_list=node.decorator_list,
                                             type_params=getattr(node, "type_params", [])))
    if header(old) != header(new):
        raise Fallback("the header of %s changed (bases, keywords or decorators)" % where)
    if new.decorator_list or new.keywords:
        raise Fallback("the body of decorated %s changed (a decorator or metaclass reads it)" % where)
    members = lambda node: [_statement(child, index == 0, set()) for index, child in enumerate(node.body)]
    names = set()
    for statement in _diff(members(old), members(new)):
        line = "%s line %d" % (path, statement.line)
        member = sorted(statement.binds)[0] if statement.binds else "?"
        if statement.kind == "doc":
            continue
        if statement.kind == "def" and member.startswith("__") and member.endswith("__"):
            raise Fallback("special method `%s.%s` was added, removed or changed its signature (%s)" % (name, member, line))
        if statement.kind == "def" and statement.decorated:
            raise Fallback("decorated method `%s.%s` was added, removed or changed (%s)" % (name, member, line))
        if statement.kind == "def":
            names |= statement.binds
        elif statement.kind == "bind":
            names |= statement.binds | {name}
        else:
            raise Fallback("a statement in the body of %s changed (%s)" % (where, line))
    return names


def _changed_names(path, old_tree, new_tree, local):
    """Names whose value the module-level change gives a new meaning, or Fallback."""
    names = set()
    classes = {}  # name → [old node, new node]
    for statement in _diff(_statements(old_tree, local), _statements(new_tree, local)):
        where = "%s line %d" % (path, statement.line)
        if statement.kind in ("bind", "doc"):
            names |= statement.binds
        elif statement.kind == "def" and not statement.decorated:
            names |= statement.binds
        elif statement.kind == "def":
            raise Fallback("decorated function `%s` was added, removed or changed its signature (%s)"
                           % (sorted(statement.binds)[0], where))
        elif statement.kind == "import" and not statement.local:
            names |= statement.binds
        elif statement.kind in ("import", "star"):
            raise Fallback("an import of a project module changed (%s)" % where)
        elif statement.kind == "class":
            pair = classes.setdefault(statement.node.name, [None, None])
            pair[0 if any(statement.node is n for n in old_tree.body) else 1] = statement.node
        else:
            raise Fallback("a module-level statement changed (%s)" % where)
    for name, (old, new) in sorted(classes.items()):
        names |= _class_change(name, old, new, path)
    return names, bool(classes)


def _registries(trees):
    """Where a class statement can run project code (`__init_subclass__`, a metaclass), if anywhere."""
    for module, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, _FUNCTIONS) and node.name == "__init_subclass__":
                return "%s defines `__init_subclass__`" % module
            if isinstance(node, ast.ClassDef) and any(k.arg == "metaclass" for k in node.keywords):
                return "%s uses a metaclass" % module


def _module_getattr(tree):
    return any(isinstance(node, _FUNCTIONS) and node.name == "__getattr__" for node in tree.body)


def flow(change, files, tests, local):
    path = change["path"]
    old_tree = _parse(base64.b64decode(change["old"]).decode("utf-8", "replace"), path)
    new_tree = _parse(base64.b64decode(change["new"]).decode("utf-8", "replace"), path)
    if _module_getattr(old_tree) or _module_getattr(new_tree):
        raise Fallback("%s defines a module `__getattr__`" % path)
    names, classes_changed = _changed_names(path, old_tree, new_tree, local)
    for function in change.get("functions", []):
        names.add(function.rsplit(".", 1)[-1].split("#")[0])
    names.discard("*")

    modules = [(path, new_tree, False)]
    for other, tree in files.items():
        if other != path:
            modules.append((other, tree, other in tests))
    registry = _registries((module, tree) for module, tree, _ in modules) if classes_changed else None
    if registry:
        raise Fallback("a class changed and %s, which can react to class definitions" % registry)
    if "__all__" in names and any(s.kind == "star" for _, tree, _ in modules for s in _statements(tree, local)):
        raise Fallback("`__all__` changed in %s and a file imports it with `*`" % path)
    statements = {module: _statements(tree, local) for module, tree, _ in modules}
    functions = {}
    for module, tree, _ in modules:
        collector = gate_blocks._Collector()
        collector.scope(tree.body, "")
        called = gate_blocks._import_time_names(tree)
        functions[module] = [(block, node, _mentions(node), block in called or block.rsplit(".", 1)[-1] in called)
                             for block, node in collector.nodes.items() if collector.blocks[block]["k"] == "function"]

    # Fixpoint: module-level code binding a changed name changes what it binds; a function that uses a
    # changed name and runs at import time changes what its callers there bind.
    whole_files, blocks, selected = {}, {}, {}
    grew = True
    while grew:
        grew = False
        for module, tree, is_test in modules:
            conftest = os.path.basename(module) == "conftest.py"
            for statement in statements[module]:
                hit = statement.mentions & names
                if not hit:
                    continue
                name = sorted(hit)[0]
                where = "%s line %d uses `%s`" % (module, statement.line, name)
                if conftest:
                    raise Fallback("conftest.py mentions `%s` (%s)" % (name, where))
                if is_test and statement.kind != "import":
                    # pytest reads module names itself (`pytestmark`, parametrize lists): the whole file runs.
                    whole_files.setdefault(module, name)
                    continue
                if statement.kind not in ("bind", "import", "doc", "def", "class") or statement.decorated \
                        or hit & statement.risky:
                    raise Fallback("module-level code that runs at import uses a changed name (%s)" % where)
                binds = statement.binds
                if statement.imported is not None:  # only what it imports under a changed name
                    binds = {bound for imported, bound in statement.imported.items() if imported in names}
                if not binds <= names:
                    names |= binds
                    grew = True
            for block, node, mentions, at_import in functions[module]:
                hit = mentions & names
                if not hit:
                    continue
                name = sorted(hit)[0]
                if conftest:
                    raise Fallback("conftest.py mentions `%s` in `%s`" % (name, block))
                if not is_test:
                    blocks.setdefault(module, {})[block] = name
                    short = block.rsplit(".", 1)[-1].split("#")[0]
                    if at_import and short not in names:
                        names.add(short)
                        grew = True
                elif block.rsplit(".", 1)[-1].startswith("test"):
                    selected.setdefault(module, {})[block.split("#")[0].replace(".", "::")] = name
                else:
                    whole_files.setdefault(module, name)
    for module, name in whole_files.items():
        selected[module] = {"*": name}
    return {"names": sorted(names), "blocks": blocks, "tests": selected}


def main():
    request = json.load(sys.stdin)
    local = set(request.get("local", []))
    tests = set(request.get("tests", []))
    files, unreadable = {}, {}
    for path, encoded in request.get("files", {}).items():
        try:
            files[path] = ast.parse(base64.b64decode(encoded).decode("utf-8"))
        except (SyntaxError, ValueError, UnicodeDecodeError) as error:
            unreadable[path] = "%s does not parse (%s)" % (path, type(error).__name__)
    answer = {}
    for key, change in request.get("changes", {}).items():
        try:
            if unreadable:
                raise Fallback(sorted(unreadable.values())[0])
            answer[key] = flow(change, files, tests, local)
        except Fallback as why:
            answer[key] = {"fallback": str(why)}
    json.dump(answer, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
