"""Splits Python source into the blocks gate's coverage selection works with.

A block is a function or method body (nested functions belong to the outermost one), a class body
(`Outer.Inner` for nested classes: everything in the class except its methods' bodies), the body of a
top-level `if __name__ == "__main__":` (`<main>`, a function block: it runs only when the file is run as a
script, never at import or under a test that imports it), the body of a top-level `if TYPE_CHECKING:` (also
`typing.TYPE_CHECKING` after `import typing [as t]`; `<type checking>`, a function block that never runs), or the
module itself (`<module>`: every other top-level statement except function bodies and class bodies).
A function's block covers every line of its body, decorators of a nested first statement included.
Each block has a hash of its AST (comments and formatting do not count; line positions do not count).
Module and class blocks include their functions' names, order, decorators, signatures and defaults,
so adding, removing, renaming or moving a function changes the enclosing block.

Used two ways: imported by gate's pytest plugin, and run by gate as a script with a JSON request on
stdin: {"blobs": {"<blob id>": "<base64 source>"}} -> {"<blob id>": table} on stdout.
A table is {"blocks": {name: block}, "l": [deferred lines]} or {"error": "..."} when the source does not parse
(deferred lines: module-level lambda and generator-expression bodies, see `DEFERRED`). A block is
{"k": "function"|"class"|"module", "h": hash, "s": first body line (a function's: its first decorator's, if any), "e": last line,
 "d": [decorator names], "i": true if code at import time calls it or decorates with it,
 "g": true if it declares global state (a `nonlocal` in a nested function is per call),
 "b": for a function, the hash of what it does when it runs or is defined: annotations that are never evaluated
 left out (see `behaviour_hash`)}.
"""

import ast
import base64
import copy
import hashlib
import json
import sys

MODULE = "<module>"
MAIN = "<main>"
TYPE_CHECKING = "<type checking>"
_TYPING_MODULES = ("typing", "typing_extensions")
# Lines of module-level lambdas and generator expressions: they run when called, usually inside a test, which is
# no sign that the test imported the module (a `<module>` line is).
DEFERRED = "<module deferred>"
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _hash(node):
    return hashlib.sha1(ast.dump(node, include_attributes=False).encode("utf-8")).hexdigest()[:16]


# Decorators that only wrap a function, without registering it anywhere or reading its signature.
BENIGN_DECORATORS = {"property", "staticmethod", "classmethod", "abstractmethod", "overload", "cache", "lru_cache",
                     "cached_property", "setter", "getter", "deleter", "contextmanager", "asynccontextmanager", "final",
                     "override"}


def benign(decorators):
    return all(_dotted(d).rsplit(".", 1)[-1] in BENIGN_DECORATORS for d in decorators)


def postponed(tree):
    """`from __future__ import annotations`: no annotation is evaluated when its def or class runs."""
    return any(isinstance(node, ast.ImportFrom) and node.module == "__future__"
               and any(alias.name == "annotations" for alias in node.names) for node in tree.body)


def behaviour_hash(function, postponed_annotations):
    """The hash of a function without the annotations that are never evaluated: those of its body's variables
    (outside nested classes), and those of its and its nested functions' signatures when they are strings or
    `postponed_annotations`, unless a decorator other than a plain wrapper may read them. A change to them alone
    changes nothing the function does (code that reads signatures is the caller's concern, see gate_name_flow)."""

    def inert(annotation):
        return postponed_annotations or (isinstance(annotation, ast.Constant) and isinstance(annotation.value, str))

    def dump(node, in_class, signature_free):
        if isinstance(node, list):
            return "[" + ",".join(dump(item, in_class, signature_free) for item in node) + "]"
        if not isinstance(node, ast.AST):
            return repr(node)
        if isinstance(node, _FUNCTIONS + (ast.Lambda,)):
            signature_free = benign(getattr(node, "decorator_list", []))
        parts = []
        for field, value in ast.iter_fields(node):
            if field in ("annotation", "returns") and (value is None or (
                    isinstance(node, ast.AnnAssign) and not in_class) or (signature_free and inert(value))):
                continue
            parts.append("%s=%s" % (field, dump(value, in_class or isinstance(node, ast.ClassDef), signature_free)))
        return "%s(%s)" % (type(node).__name__, ",".join(parts))

    return hashlib.sha1(dump(function, False, True).encode("utf-8")).hexdigest()[:16]


def _dotted(expr):
    if isinstance(expr, ast.Call):
        expr = expr.func
    parts = []
    while isinstance(expr, ast.Attribute):
        parts.append(expr.attr)
        expr = expr.value
    if isinstance(expr, ast.Name):
        parts.append(expr.id)
        return ".".join(reversed(parts))
    return ast.dump(expr, include_attributes=False)


def is_main_guard(statement):
    """A top-level `if __name__ == "__main__":` (either operand order)."""
    if not isinstance(statement, ast.If) or not isinstance(statement.test, ast.Compare):
        return False
    test = statement.test
    if len(test.ops) != 1 or not isinstance(test.ops[0], ast.Eq):
        return False
    sides = [test.left, test.comparators[0]]
    name = any(isinstance(side, ast.Name) and side.id == "__name__" for side in sides)
    main = any(isinstance(side, ast.Constant) and side.value == "__main__" for side in sides)
    return name and main


def type_checking_names(module):
    """How this module spells typing's TYPE_CHECKING at top level: `TYPE_CHECKING` (`from typing import
    TYPE_CHECKING`), `typing.TYPE_CHECKING`, `t.TYPE_CHECKING` (`import typing as t`)."""
    names = set()
    for statement in module.body:
        if isinstance(statement, ast.ImportFrom) and statement.module in _TYPING_MODULES and not statement.level:
            names.update(alias.asname or alias.name for alias in statement.names if alias.name == "TYPE_CHECKING")
        elif isinstance(statement, ast.Import):
            names.update((alias.asname or alias.name) + ".TYPE_CHECKING" for alias in statement.names
                         if alias.name in _TYPING_MODULES)
    return names


def is_type_checking_guard(statement, names):
    """A top-level `if TYPE_CHECKING:` (as spelled in `names`, see `type_checking_names`)."""
    return isinstance(statement, ast.If) and isinstance(statement.test, (ast.Name, ast.Attribute)) \
        and _dotted(statement.test) in names


def never_runs_name(statement, names):
    """`MAIN` or `TYPE_CHECKING` for a top-level guard whose body never runs at import or under a test, else None."""
    if is_main_guard(statement):
        return MAIN
    if is_type_checking_guard(statement, names):
        return TYPE_CHECKING
    return None


def import_body(module):
    """The module's top-level statements as they run at import: the body of a main guard or of `if TYPE_CHECKING:`
    is left out (its `else:` branch stays)."""
    statements = []
    names = type_checking_names(module)
    for statement in module.body:
        if never_runs_name(statement, names):
            if statement.orelse:
                shallow = copy.copy(statement)
                shallow.body = [ast.Pass()]
                statements.append(shallow)
            continue
        statements.append(statement)
    return statements


def _skeleton(node):
    """A copy of a class or module node whose function bodies and nested class bodies are emptied: the
    functions and classes that appear in a `body` list get `pass` as their body. Nothing that is emptied is
    copied first (a deep copy was most of the time spent on a file)."""

    def clone(value, top):
        if isinstance(value, list):
            return [clone(item, top) for item in value]
        if not isinstance(value, ast.AST):
            return value
        copied = value.__class__()
        for field, inner in ast.iter_fields(value):
            if field == "body" and isinstance(inner, list):
                inner = [_emptied(statement, top) for statement in inner]
            setattr(copied, field, clone(inner, top))
        return copied

    def _emptied(statement, top):
        if isinstance(statement, _FUNCTIONS) or (isinstance(statement, ast.ClassDef) and statement is not top):
            shallow = copy.copy(statement)
            shallow.body = [ast.Pass()]
            return shallow
        return statement

    if isinstance(node, ast.Module):
        node = ast.Module(body=import_body(node), type_ignores=[])
    return clone(node, node)


def _first_line(statements):
    """The first line of a statement list: its first statement's first decorator, if it has one."""
    first = statements[0]
    return min([first.lineno] + [decorator.lineno for decorator in getattr(first, "decorator_list", [])])


class _Collector:
    def __init__(self, type_checking=(), postponed_annotations=False):
        self.blocks = {}
        self.nodes = {}
        self.type_checking = type_checking
        self.postponed = postponed_annotations

    def _name(self, qualname):
        name, n = qualname, 1
        while name in self.blocks:
            n += 1
            name = "%s#%d" % (qualname, n)
        return name

    def scope(self, statements, prefix):
        """Finds functions and classes in a module or class body, looking into if/try/with/for/while."""
        for statement in statements:
            if isinstance(statement, _FUNCTIONS):
                name = self._name(prefix + statement.name)
                stateful = any(isinstance(n, ast.Global) for n in ast.walk(statement))
                self.nodes[name] = statement
                self.blocks[name] = {
                    "k": "function", "h": _hash(statement), "s": _first_line(statement.body),
                    "e": statement.end_lineno, "d": [_dotted(d) for d in statement.decorator_list],
                    "i": False, "g": stateful,
                }
                self.blocks[name]["b"] = behaviour_hash(statement, self.postponed)
            elif isinstance(statement, ast.ClassDef):
                name = self._name(prefix + statement.name)
                self.nodes[name] = statement
                self.blocks[name] = {
                    "k": "class", "h": _hash(_skeleton(statement)), "s": statement.lineno,
                    "e": statement.end_lineno, "d": [_dotted(d) for d in statement.decorator_list],
                    "i": False, "g": False,
                }
                self.scope(statement.body, name + ".")
            elif not prefix and never_runs_name(statement, self.type_checking):
                name = self._name(never_runs_name(statement, self.type_checking))
                self.nodes[name] = statement
                self.blocks[name] = {"k": "function", "h": _hash(ast.Module(body=statement.body, type_ignores=[])),
                                     "s": _first_line(statement.body), "e": statement.body[-1].end_lineno,
                                     "d": [], "i": False, "g": False}
                self.scope(statement.body, prefix)
                self.scope(statement.orelse, prefix)
            else:
                for field in ("body", "orelse", "finalbody"):
                    inner = getattr(statement, field, None)
                    if isinstance(inner, list):
                        self.scope(inner, prefix)
                for field in ("handlers", "cases"):
                    for item in getattr(statement, field, None) or []:
                        self.scope(item.body, prefix)


def _import_time_names(tree):
    """Names called, or used as decorators, by code that runs at import time (outside function bodies)."""
    skeleton = _skeleton(tree)
    names = set()
    for node in ast.walk(skeleton):
        if isinstance(node, ast.Call):
            names.add(_dotted(node.func))
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for decorator in node.decorator_list:
                names.add(_dotted(decorator))
    # A class body was emptied in the skeleton above; its statements run at import time too.
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for statement in node.body:
                if isinstance(statement, _FUNCTIONS):
                    for decorator in statement.decorator_list:
                        names.add(_dotted(decorator))
                    for default in statement.args.defaults + statement.args.kw_defaults:
                        for inner in ast.walk(default) if default is not None else []:
                            if isinstance(inner, ast.Call):
                                names.add(_dotted(inner.func))
                elif not isinstance(statement, ast.ClassDef):
                    for inner in ast.walk(statement):
                        if isinstance(inner, ast.Call):
                            names.add(_dotted(inner.func))
    return names


def block_table(source):
    """The block table of one source text, or {"error": ...}."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError) as error:
        return {"error": "%s: %s" % (type(error).__name__, error)}
    collector = _Collector(type_checking_names(tree), postponed(tree))
    collector.scope(tree.body, "")
    blocks = collector.blocks
    blocks[MODULE] = {"k": "module", "h": _hash(_skeleton(tree)), "s": 1,
                      "e": max(1, len(source.splitlines())), "d": [], "i": False, "g": False}
    called = _import_time_names(tree)
    for name, block in blocks.items():
        if block["k"] == "function" and (name in called or name.split(".")[-1] in called
                                         or name.rsplit("#", 1)[0] in called):
            block["i"] = True
    return {"blocks": blocks, "l": _deferred_lines(tree)}


def _deferred_lines(tree):
    """Lines of lambda and generator-expression bodies outside function bodies and classes (module-level code and
    module-level functions' defaults and decorators)."""
    lines = set()
    pending = [node for node in import_body(tree) if not isinstance(node, ast.ClassDef)]
    while pending:
        node = pending.pop()
        if isinstance(node, _FUNCTIONS):  # its defaults and decorators run at import, its body is a block
            pending.extend(node.decorator_list + node.args.defaults + [d for d in node.args.kw_defaults if d])
            continue
        if isinstance(node, ast.ClassDef):
            continue
        if isinstance(node, ast.Lambda):
            lines.update(range(node.body.lineno, node.body.end_lineno + 1))
        elif isinstance(node, ast.GeneratorExp):
            lines.update(range(node.elt.lineno, node.elt.end_lineno + 1))
        pending.extend(ast.iter_child_nodes(node))
    return sorted(lines)


def line_owners(table):
    """Maps each line to the block that owns it: the innermost function body, else class, else module (a deferred
    module-level line: `DEFERRED`)."""
    owners = {line: DEFERRED for line in table.get("l", [])}
    blocks = table.get("blocks", {})
    ordered = sorted(blocks.items(), key=lambda item: (item[1]["k"] != "class", item[1]["s"]))
    # Classes first (outer before inner, by start line), then functions, so the innermost owner wins.
    for name, block in ordered:
        if block["k"] == "module":
            continue
        for line in range(block["s"], block["e"] + 1):
            owners[line] = name
    return owners


def main():
    request = json.load(sys.stdin)
    answer = {}
    for blob, encoded in request.get("blobs", {}).items():
        raw = base64.b64decode(encoded)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            answer[blob] = {"error": "not UTF-8: %s" % error}
            continue
        answer[blob] = block_table(text)
    json.dump(answer, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
