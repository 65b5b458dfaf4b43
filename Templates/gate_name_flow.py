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

Names are matched by scope: a module-level name by a read from module scope (not a binding, a parameter
or a local variable of that spelling), an attribute, an imported name or a string; a class member only by
an attribute or a string (or a bare name in its own class body). The body of `if __name__ == "__main__":`
never runs at import (gate_blocks makes it the block `<main>`), nor does that of `if TYPE_CHECKING:` (`<type checking>`).

Def headers of the changed file are compared by what a call binds (`Binding`): a change to annotations that
are never evaluated or from one literal default to another is no re-signing, unless a project file reads
signatures. A `pass` or a class docstring is no member.

What it cannot follow falls back, with the reason. For the module that holds it (its import closure runs,
`closures`): module-level code that uses a changed name at import (a call, if/for/with/try, a decorator
that is not a plain wrapper such as `property` or `lru_cache`), a conftest.py that mentions a name, an
importer that does not parse. For the changed file (its whole import closure, `fallback`): another
module-level statement of it changed, a changed special method (`__eq__`; a constructor of a plain class
is followed by the class's name), class header or decorated class body, a change to a class that is or derives from (by base name) a project class with
`__init_subclass__` or a metaclass, a changed import of a project module, a changed `from x import *` or `__all__` with a star import, a module `__getattr__`,
or the file does not parse.

Run as a script, request on stdin:
{"changes": {key: {"path": p, "old": b64, "new": b64, "functions": ["table", "Money.area"]}},
 "files": {path: b64},     # the files that import a changed file, directly or not (tests included)
 "tests": [path],          # which of `files` are test files or conftest.py
 "local": [name],          # top-level module names that belong to the project
 "signature_readers": [path]}  # project files that read signatures (annotations, defaults)
Answer, per key: {"fallback": why} or
{"names": [...], "blocks": {path: {block: name}}, "tests": {path: {test: name}}, "closures": {path: why}},
where a test is a pytest id below the file (`TestX::test_y`), or "*" for the whole file.
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
_benign = gate_blocks.benign


class Fallback(Exception):
    """The change cannot be followed by name; the message says why."""


class Mentions(set):
    """Every identifier some code mentions; `dotted` holds those it mentions only as an attribute (`x.name`) or in
    a string, which can name a class member. A bare name counts only where it is read from the module's scope:
    a binding (`name = ...`, a field `name: bool` in a class body), a parameter or a local variable of an
    enclosing function is no use of a module-level name of that spelling."""

    def __init__(self, bare=(), dotted=(), strings=()):
        super().__init__(set(bare) | set(dotted) | set(strings))
        self.dotted = set(dotted) | set(strings)
        # Without the names only strings mention: what the code's value can depend on.
        self.code = Mentions.__new__(Mentions)
        set.__init__(self.code, set(bare) | set(dotted))
        self.code.dotted = set(dotted)
        self.code.code = self.code


_COMPREHENSIONS = (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _parameters(args):
    names = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
    names.update(a.arg for a in (args.vararg, args.kwarg) if a is not None)
    return names


def _scope_names(node):
    """What a function or lambda binds in its own scope (parameters, assignments, imports, nested definitions,
    except-as names) and the names it declares `global`. Anything not recognised stays a read (the safe side)."""
    bound, declared = _parameters(node.args), set()
    pending = list(node.body) if isinstance(node.body, list) else [node.body]
    while pending:
        child = pending.pop()
        if isinstance(child, _FUNCTIONS + (ast.ClassDef,)):
            bound.add(child.name)
            continue
        if isinstance(child, (ast.Lambda,) + _COMPREHENSIONS):
            continue
        if isinstance(child, ast.Name) and isinstance(child.ctx, ast.Store):
            bound.add(child.id)
        elif isinstance(child, ast.alias) and child.name != "*":
            bound.add(child.asname or child.name.split(".")[0])
        elif isinstance(child, ast.ExceptHandler) and child.name:
            bound.add(child.name)
        elif isinstance(child, ast.Global):
            declared.update(child.names)
        pending.extend(ast.iter_child_nodes(child))
    return bound - declared, declared


class _Reader(ast.NodeVisitor):
    """Collects `Mentions`, following Python's scopes."""

    def __init__(self, shadowed=frozenset()):
        self.shadowed = shadowed
        self.bare, self.dotted, self.strings = set(), set(), set()

    def _inner(self, shadowed, nodes):
        inner = _Reader(shadowed)
        for node in nodes:
            inner.visit(node)
        self.bare |= inner.bare
        self.dotted |= inner.dotted
        self.strings |= inner.strings

    def visit_Name(self, node):
        if not isinstance(node.ctx, ast.Store) and node.id not in self.shadowed:
            self.bare.add(node.id)

    def visit_Attribute(self, node):
        self.dotted.add(node.attr)
        self.visit(node.value)

    def visit_alias(self, node):
        self.bare.update(node.name.split("."))

    def visit_ImportFrom(self, node):
        if node.module:
            self.bare.update(node.module.split("."))
        self.generic_visit(node)

    def visit_Global(self, node):
        self.bare.update(node.names)

    visit_Nonlocal = visit_Global

    def visit_Constant(self, node):
        if isinstance(node.value, str) and len(node.value) <= 200:
            self.strings.update(part for part in node.value.replace(":", ".").split(".") if part.isidentifier())

    def _signature(self, node):
        for default in node.args.defaults + [d for d in node.args.kw_defaults if d is not None]:
            self.visit(default)
        for arg in node.args.posonlyargs + node.args.args + node.args.kwonlyargs + [node.args.vararg, node.args.kwarg]:
            if arg is not None and arg.annotation is not None:
                self.visit(arg.annotation)

    def visit_FunctionDef(self, node):
        for decorator in node.decorator_list:
            self.visit(decorator)
        self._signature(node)
        if node.returns is not None:
            self.visit(node.returns)
        bound, declared = _scope_names(node)
        self._inner((self.shadowed - declared) | bound, node.body)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node):
        self._signature(node)
        bound, _ = _scope_names(node)
        self._inner(self.shadowed | bound, [node.body])

    def _comprehension(self, node, parts):
        targets = {n.id for g in node.generators for n in ast.walk(g.target) if isinstance(n, ast.Name)}
        self._inner(self.shadowed | targets, node.generators + parts)

    def visit_ListComp(self, node):
        self._comprehension(node, [node.elt])

    visit_SetComp = visit_GeneratorExp = visit_ListComp

    def visit_DictComp(self, node):
        self._comprehension(node, [node.key, node.value])


def _mentions(*nodes):
    """The `Mentions` of some code: names read from the module's scope, attributes, imported names, identifier
    parts of strings."""
    reader = _Reader()
    for node in nodes:
        if node is not None:
            reader.visit(node)
    return Mentions(reader.bare, reader.dotted, reader.strings)


class Names:
    """The names whose meaning changed: module-level names (`SCALE`, `fmt`, `Money`), and class members
    (`Session.is_open`), which only an attribute or a string can reach (or a bare name in the class's own body)."""

    def __init__(self):
        self.globals, self.members, self.owners = set(), set(), set()

    def all(self):
        return self.globals | self.members

    def add(self, qualified):
        """Adds `fmt` (module-level) or `Session.is_open` (a member); True when it is new."""
        if "." in qualified:
            owner, member = qualified.split("#")[0].rsplit(".", 1)
            self.owners.add(owner.rsplit(".", 1)[-1])
            new = member not in self.members
            self.members.add(member)
            return new
        name = qualified.split("#")[0]
        new = name not in self.globals
        self.globals.add(name)
        return new

    def hit(self, mentions, owner=None):
        """The changed names `mentions` uses; `owner`: the class whose own body it is."""
        dotted = getattr(mentions, "dotted", mentions)
        found = (mentions & self.globals) | (dotted & self.members)
        if owner is not None and owner in self.owners:
            found |= mentions & self.members
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


class Binding:
    """How the changed file's signatures are compared: by what a call binds. Annotations that are never evaluated
    (all of them under `from __future__ import annotations`, string ones otherwise) and literal defaults (`0`, `None`,
    `()`) change nothing a call binds, and nothing at import: only the function's own runs see them, and coverage
    speaks for those. Class docstrings do not count either. Off (None) when a project file reads signatures or
    docstrings (`get_type_hints`, `__defaults__`, `__doc__`…)."""

    def __init__(self, postponed):
        self.postponed = postponed

    def _inert(self, annotation):
        return annotation is None or self.postponed or \
            (isinstance(annotation, ast.Constant) and isinstance(annotation.value, str))

    def header(self, node):
        """A copy of a def's header with inert annotations and literal defaults blanked; plain and benign
        decorators only (another decorator may read the signature)."""
        header = copy.copy(node)
        header.body = []
        if not _benign(node.decorator_list):
            return header
        args = copy.copy(node.args)
        for field in ("posonlyargs", "args", "kwonlyargs"):
            setattr(args, field, [self._argument(arg) for arg in getattr(args, field)])
        args.vararg, args.kwarg = self._argument(args.vararg), self._argument(args.kwarg)
        args.defaults = [self._default(value) for value in args.defaults]
        args.kw_defaults = [self._default(value) for value in args.kw_defaults]
        header.args = args
        if self._inert(node.returns):
            header.returns = None
        return header

    def _argument(self, arg):
        if arg is None or not self._inert(arg.annotation):
            return arg
        arg = copy.copy(arg)
        arg.annotation = None
        return arg

    @staticmethod
    def _default(value):
        return ast.Constant(value="<literal>") if value is not None and _literal(value) else value

    def skeleton(self, node):
        """`_without_function_bodies(node)` with every def header compared by binding and every class docstring
        blanked (no call binds differently for them)."""
        skeleton = _without_function_bodies(node)
        for child in ast.walk(skeleton):
            if isinstance(child, ast.ClassDef) and child.body and _docstring(child.body[0]):
                child.body = [ast.Expr(value=ast.Constant(value="<doc>"))] + child.body[1:]
            for field in ("body", "orelse", "finalbody"):
                inner = getattr(child, field, None)
                if isinstance(inner, list):
                    setattr(child, field, [self.header(item) if isinstance(item, _FUNCTIONS) else item for item in inner])
        return skeleton


def _docstring(statement):
    return isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant) \
        and isinstance(statement.value.value, str)


def _literal(node):
    """A default whose value is fixed when the def runs and cannot fail: a constant, or a container of them."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        return isinstance(node.operand, ast.Constant)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return all(_literal(element) for element in node.elts)
    if isinstance(node, ast.Dict):
        return all(key is not None and _literal(key) for key in node.keys) and all(_literal(v) for v in node.values)
    return False


def _statement(node, first, local, binding=None):
    if isinstance(node, _FUNCTIONS):
        header = binding.header(node) if binding else copy.copy(node)
        header.body = []
        mentions = _mentions(*node.decorator_list, node.args, node.returns)
        return Statement(node, "def", {node.name}, mentions, _dump(header), decorated=not _benign(node.decorator_list))
    if isinstance(node, ast.ClassDef):
        skeleton = _without_function_bodies(node)
        key = _dump(binding.skeleton(node) if binding else skeleton)
        statement = Statement(node, "class", _class_names(node), _mentions(skeleton), key,
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
            return Statement(node, "star", set(), Mentions(), _dump(node), local=is_local)
        imported = {alias.name: alias.asname or alias.name for alias in node.names}
        return Statement(node, "import", set(imported.values()), _mentions(node), _dump(node), local=is_local,
                         imported=imported)
    if first and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
        return Statement(node, "doc", {"__doc__"}, Mentions(), _dump(node))
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


def _class_binds(node, names):
    """What a class statement that uses a changed name binds anew: everything, when its header (decorators, bases,
    keywords) uses it; else the members whose own statements use it (a field also changes the class)."""
    header = _mentions(*node.decorator_list, *node.bases, *[keyword.value for keyword in node.keywords])
    if names.hit(header.code, node.name):
        return _class_names(node)
    binds = set()
    for index, child in enumerate(node.body):
        member = _statement(child, index == 0, set())
        if not names.hit(member.mentions.code, node.name):
            continue
        binds |= member.binds
        if member.kind != "def":
            binds.add(node.name)
    return binds


def _statements(tree, local, binding=None):
    """The module's statements as they run at import (the body of `if __name__ == "__main__":` or of
    `if TYPE_CHECKING:` never does); `binding`: compare def headers by what calls bind."""
    return [_statement(node, index == 0, local, binding) for index, node in enumerate(gate_blocks.import_body(tree))]


def _parse(source, path):
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError) as error:
        raise Fallback("%s does not parse (%s)" % (path, error))


def _diff(old, new):
    """The statements of `old` and `new` (keyed lists) that differ, paired by position in the diff."""
    matcher = difflib.SequenceMatcher(None, [s.key for s in old], [s.key for s in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            yield from old[i1:i2] + new[j1:j2]


# Special methods a call site reaches by the class's name (`Scope()`), not by an operation on an instance.
_CONSTRUCTORS = {"__init__", "__new__"}


def _placeholder(node):
    """`pass` or `...`: a statement that does nothing."""
    return isinstance(node, ast.Pass) or (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
                                          and node.value.value is Ellipsis)


def _class_change(name, old, new, path, names, binding=None):
    """Adds to `names` what a change inside class `name` gives a new meaning (its members), or Fallback."""
    where = "class `%s` in %s" % (name, path)
    if old is None or new is None:
        node = old or new
        if node.decorator_list or node.keywords:
            raise Fallback("decorated class `%s` was added or removed in %s" % (name, path))
        names.add(name)
        return
    header = lambda node: _dump(ast.ClassDef(name=node.name, bases=node.bases, keywords=node.keywords, body=[],
                                             decorator_list=node.decorator_list,
                                             type_params=getattr(node, "type_params", [])))
    if header(old) != header(new):
        raise Fallback("the header of %s changed (bases, keywords or decorators)" % where)
    if new.decorator_list or new.keywords:
        raise Fallback("the body of decorated %s changed (a decorator or metaclass reads it)" % where)
    members = lambda node: [_statement(child, index == 0, set(), binding) for index, child in enumerate(node.body)]
    for statement in _diff(members(old), members(new)):
        line = "%s line %d" % (path, statement.line)
        member = sorted(statement.binds)[0] if statement.binds else "?"
        if statement.kind == "doc" or _placeholder(statement.node):
            continue
        if statement.kind == "def" and member in _CONSTRUCTORS:
            names.add(name)  # what constructs it mentions it, or a subclass, which the fixpoint reaches
            continue
        if statement.kind == "def" and member.startswith("__") and member.endswith("__"):
            raise Fallback("special method `%s.%s` was added, removed or changed its signature (%s)" % (name, member, line))
        if statement.kind == "def" and statement.decorated:
            raise Fallback("decorated method `%s.%s` was added, removed or changed (%s)" % (name, member, line))
        if statement.kind in ("def", "bind"):
            for member in statement.binds:
                names.add(name + "." + member)
            if statement.kind == "bind":  # a field: constructing the class changes too
                names.add(name)
        else:
            raise Fallback("a statement in the body of %s changed (%s)" % (where, line))


def _changed_names(path, old_tree, new_tree, local, readers=()):
    """Names whose value the module-level change gives a new meaning, or Fallback. `readers`: project files that
    read signatures (then every signature change counts)."""
    names = Names()
    classes = {}  # name → [old node, new node]
    binding = None if readers else Binding(gate_blocks.postponed(old_tree) and gate_blocks.postponed(new_tree))
    for statement in _diff(_statements(old_tree, local, binding), _statements(new_tree, local, binding)):
        where = "%s line %d" % (path, statement.line)
        if statement.kind in ("bind", "doc") or (statement.kind == "def" and not statement.decorated):
            names.globals |= statement.binds
        elif statement.kind == "def":
            raise Fallback("decorated function `%s` was added, removed or changed its signature (%s)"
                           % (sorted(statement.binds)[0], where))
        elif statement.kind == "import" and not statement.local:
            names.globals |= statement.binds
        elif statement.kind in ("import", "star"):
            raise Fallback("an import of a project module changed (%s)" % where)
        elif statement.kind == "class":
            pair = classes.setdefault(statement.node.name, [None, None])
            pair[0 if any(statement.node is n for n in old_tree.body) else 1] = statement.node
        else:
            raise Fallback("a module-level statement changed (%s)" % where)
    for name, (old, new) in sorted(classes.items()):
        _class_change(name, old, new, path, names, binding)
    return names, set(classes)


def _base_name(expression):
    """The class name a base expression names (`Base`, `module.Base`, `Generic[T]` -> Generic), or None."""
    if isinstance(expression, ast.Subscript):
        expression = expression.value
    if isinstance(expression, ast.Attribute):
        return expression.attr
    if isinstance(expression, ast.Name):
        return expression.id
    return None


def _registries(trees, changed):
    """Where defining one of the `changed` classes can run project code, if anywhere: a class it is or derives from
    (by base name, through the files at hand) defines `__init_subclass__` or uses a metaclass. With such a class in
    the project, a base that cannot be read counts as one."""
    reactive, bases = {}, {}
    for module, tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            bases.setdefault(node.name, set()).update(_base_name(base) for base in node.bases)
            if any(keyword.arg == "metaclass" for keyword in node.keywords):
                reactive.setdefault(node.name, "%s uses a metaclass" % module)
            if any(isinstance(child, _FUNCTIONS) and child.name == "__init_subclass__" for child in node.body):
                reactive.setdefault(node.name, "%s defines `__init_subclass__`" % module)
    if not reactive:
        return None
    for name in sorted(changed):
        pending, seen = [name], set()
        while pending:
            current = pending.pop()
            if current is None:
                return "a base of class `%s` cannot be read and %s" % (name, sorted(reactive.values())[0])
            if current in reactive:
                return reactive[current]
            if current not in seen:
                seen.add(current)
                pending.extend(bases.get(current, ()))
    return None


def _module_getattr(tree):
    return any(isinstance(node, _FUNCTIONS) and node.name == "__getattr__" for node in tree.body)


def flow(change, files, tests, local, unreadable=None, readers=()):
    path = change["path"]
    old_tree = _parse(base64.b64decode(change["old"]).decode("utf-8", "replace"), path)
    new_tree = _parse(base64.b64decode(change["new"]).decode("utf-8", "replace"), path)
    if _module_getattr(old_tree) or _module_getattr(new_tree):
        raise Fallback("%s defines a module `__getattr__`" % path)
    names, classes_changed = _changed_names(path, old_tree, new_tree, local, readers)
    for function in change.get("functions", []):
        names.add(function)
    names.globals.discard("*")

    modules = [(path, new_tree, False)]
    for other, tree in files.items():
        if other != path:
            modules.append((other, tree, other in tests))
    registry = _registries([(module, tree) for module, tree, _ in modules], classes_changed) if classes_changed else None
    if registry:
        raise Fallback("a class changed and %s, which can react to class definitions" % registry)
    if "__all__" in names.globals and any(s.kind == "star" for _, tree, _ in modules for s in _statements(tree, local)):
        raise Fallback("`__all__` changed in %s and a file imports it with `*`" % path)
    statements = {module: _statements(tree, local) for module, tree, _ in modules}
    functions = {}
    for module, tree, _ in modules:
        collector = gate_blocks._Collector()
        collector.scope(tree.body, "")
        called = gate_blocks._import_time_names(tree)
        functions[module] = [(block, node, _mentions(node), block in called or block.rsplit(".", 1)[-1] in called)
                             for block, node in collector.nodes.items() if collector.blocks[block]["k"] == "function"]

    # What cannot be followed falls back for the module it is in (its importers' tests run), not for the change.
    closures = dict(unreadable or {})
    # Fixpoint: module-level code binding a changed name changes what it binds; a function that uses a
    # changed name and runs at import time changes what its callers there bind.
    whole_files, blocks, selected = {}, {}, {}
    grew = True
    while grew:
        grew = False
        for module, tree, is_test in modules:
            conftest = os.path.basename(module) == "conftest.py"
            for statement in statements[module]:
                owner = statement.node.name if statement.kind == "class" else None
                hit = names.hit(statement.mentions, owner)
                if not hit:
                    continue
                name = sorted(hit)[0]
                where = "%s line %d uses `%s`" % (module, statement.line, name)
                if conftest:
                    closures.setdefault(module, "conftest.py mentions `%s` (%s)" % (name, where))
                    continue
                if is_test and statement.kind != "import":
                    # pytest reads module names itself (`pytestmark`, parametrize lists): the whole file runs.
                    whole_files.setdefault(module, name)
                    continue
                if statement.kind not in ("bind", "import", "doc", "def", "class") or statement.decorated \
                        or hit & statement.risky:
                    closures.setdefault(module, "module-level code that runs at import uses a changed name (%s)" % where)
                if statement.imported is not None:  # only what it imports under a changed name
                    binds = {bound for imported, bound in statement.imported.items() if imported in names.globals}
                elif not names.hit(statement.mentions.code, owner):
                    continue  # only a string mentions it (`__slots__ = ("name",)`): what it binds is unchanged
                elif statement.kind == "class":
                    binds = _class_binds(statement.node, names)
                else:
                    binds = statement.binds
                for bound in sorted(binds):
                    member = owner is not None and bound != owner
                    if names.add(owner + "." + bound if member else bound):
                        grew = True
            for block, node, mentions, at_import in functions[module]:
                hit = names.hit(mentions)  # a method body reaches its class's members through `self.`
                if not hit:
                    continue
                name = sorted(hit)[0]
                if conftest:
                    closures.setdefault(module, "conftest.py mentions `%s` in `%s`" % (name, block))
                elif not is_test:
                    blocks.setdefault(module, {})[block] = name
                    if at_import and names.add(block):
                        grew = True
                elif block.rsplit(".", 1)[-1].startswith("test"):
                    selected.setdefault(module, {})[block.split("#")[0].replace(".", "::")] = name
                else:
                    whole_files.setdefault(module, name)
    for module, name in whole_files.items():
        selected[module] = {"*": name}
    return {"names": sorted(names.all()), "blocks": blocks, "tests": selected, "closures": closures}


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
            answer[key] = flow(change, files, tests, local, unreadable, request.get("signature_readers", []))
        except Fallback as why:
            answer[key] = {"fallback": str(why)}
    json.dump(answer, sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
