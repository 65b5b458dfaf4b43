"""Writes a Python project with a real pytest suite and a history, for selection.sh and testmon.sh.

    python3 gen_pyfixture.py OUT MODULES TESTS_PER_MODULE COMMITS PLAN.json [WORK_MS]

OUT becomes a git repository: package `calc/` of MODULES modules in 5 layers (each imports 1-3 modules of lower layers,
some with `from calc import mNN`, some with `from calc.mNN import fK`), `tests/test_mNN.py` with TESTS_PER_MODULE tests
each (every test asserts exact values of one function of its module, which calls down the import graph), then COMMITS
commits that each touch 1-3 modules with behaviour-preserving edits (comments, renamed locals, new helpers; now and then
a new test). Every commit is green. Some modules cache a function with functools.lru_cache; every module has a
module-level table read by one function.

PLAN.json lists the commits and, for each, a mutation that breaks a function the commit touched: {"sha", "touched",
"mutation": {"path", "kind", "function", "old", "new"}} where kind is return (a negated return value), cached (the same
in an lru_cache'd function) or module (a changed entry of a module-level table). Apply it with text.replace(old, new, 1).
WORK_MS (default 5): each test also spins for that many milliseconds, a stand-in for real test work.
"""
import functools
import json
import os
import random
import subprocess
import sys

out, modules_n, per_module, commits_n, plan_path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
work_ms = int(sys.argv[6]) if len(sys.argv) > 6 else 5
rng = random.Random(11)
LAYERS = 5
FUNCS = 4
layer = [i * LAYERS // modules_n for i in range(modules_n)]


class Function:
    def __init__(self, mod, k):
        self.mod, self.k = mod, k
        self.a, self.b = rng.randint(1, 9), rng.randint(1, 50)
        lower = mod.deps
        # calls 0-2 functions of the module's dependencies
        self.calls = [(rng.choice(lower), rng.randrange(FUNCS)) for _ in range(rng.randint(1, 2))] if lower else []
        self.cached = mod.cached and k == 2
        self.uses_table = k == 1
        self.var = "base"
        self.comments = []

    def value(self, x):
        v = x * self.a + self.b
        if self.uses_table:
            v += self.mod.table[x % len(self.mod.table)]
        for dep, j in self.calls:
            v += modules[dep].funcs[j].value(x)
        return v

    def call_text(self, dep, j):
        style = self.mod.import_style[dep]
        return f"m{dep:02d}.f{j}(x)" if style == "module" else f"m{dep:02d}_f{j}(x)"

    def render(self, negate=False):
        lines = []
        if self.cached:
            lines.append("@functools.lru_cache(maxsize=None)")
        lines.append(f"def f{self.k}(x):")
        lines.append(f'    """Function {self.k} of module {self.mod.index}."""')
        lines += [f"    # {c}" for c in self.comments]
        expr = f"x * {self.a} + {self.b}"
        if self.uses_table:
            expr += " + TABLE[x % len(TABLE)]"
        lines.append(f"    {self.var} = {expr}")
        ret = " + ".join([self.var] + [self.call_text(d, j) for d, j in self.calls])
        lines.append(f"    return -({ret})" if negate else f"    return {ret}")
        return "\n".join(lines) + "\n"


class Module:
    def __init__(self, index):
        self.index = index
        lower = [j for j in range(modules_n) if layer[j] < layer[index]]
        self.deps = sorted(rng.sample(lower, min(len(lower), rng.randint(1, 3)))) if lower else []
        self.import_style = {d: rng.choice(["module", "function"]) for d in self.deps}
        self.cached = rng.random() < 0.5
        self.table = [rng.randint(1, 20) for _ in range(5)]
        self.funcs = [Function(self, k) for k in range(FUNCS)]
        self.helpers = []
        self.tests = []  # (function k, x)

    @property
    def path(self):
        return f"calc/m{self.index:02d}.py"

    def table_text(self, table=None):
        return "TABLE = (" + ", ".join(str(v) for v in (table or self.table)) + ")\n"

    def render(self):
        text = f'"""Module {self.index} (layer {layer[self.index]})."""\nimport functools\n'
        for d in self.deps:
            if self.import_style[d] == "module":
                text += f"from calc import m{d:02d}\n"
            else:
                used = sorted({j for f in self.funcs for dd, j in f.calls if dd == d}) or [0]
                text += "".join(f"from calc.m{d:02d} import f{j} as m{d:02d}_f{j}\n" for j in used)
        text += "\n" + self.table_text() + "\n\n"
        text += "\n\n".join(f.render() for f in self.funcs)
        for h in self.helpers:
            text += f"\n\ndef helper_{h}(values):\n    return sorted(values)[:{h % 7 + 1}]\n"
        return text

    def render_tests(self):
        text = f"from calc import m{self.index:02d}\nfrom tests.helpers import spin\n"
        for n, (k, x) in enumerate(self.tests):
            text += f"\n\ndef test_m{self.index:02d}_f{k}_{n}():\n    spin()\n"
            text += f"    assert m{self.index:02d}.f{k}({x}) == {self.funcs[k].value(x)}\n"
        return text


modules = []
for i in range(modules_n):
    modules.append(Module(i))
for m in modules:
    for n in range(per_module):
        m.tests.append((n % FUNCS, rng.randint(1, 9)))


def write(path, text):
    full = os.path.join(out, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as handle:
        handle.write(text)


def git(*args):
    return subprocess.run(["git", "-C", out, *args], check=True, capture_output=True, text=True).stdout.strip()


os.makedirs(out, exist_ok=True)
git("init", "-q")
write("pyproject.toml", '[project]\nname = "calc"\nversion = "0"\n\n[tool.pytest.ini_options]\npythonpath = ["."]\ntestpaths = ["tests"]\n')
write(".gate.yml", "version: 1\nsuites:\n  - name: unit\n    runner: pytest\n")
write(".gitignore", ".testmondata*\n__pycache__/\n")
write("README.md", "# calc\n")
write("calc/__init__.py", '"""Benchmark fixture."""\n')
write("tests/__init__.py", "")
write("tests/helpers.py", f"import time\n\n\ndef spin(ms={work_ms}):\n    \"\"\"Stands in for real test work.\"\"\"\n"
      "    end = time.perf_counter() + ms / 1000\n    while time.perf_counter() < end:\n        pass\n")
for m in modules:
    write(m.path, m.render())
    write(f"tests/test_m{m.index:02d}.py", m.render_tests())
git("add", "-A")
git("commit", "-qm", "calc: initial import")

plan = []
kinds_forced = {commits_n - 12: "cached", commits_n - 8: "module", commits_n - 4: "cached", commits_n - 2: "module"}
for c in range(commits_n):
    kind = kinds_forced.get(c, "return")
    eligible = [m for m in modules if m.cached] if kind == "cached" else modules
    touched = rng.sample(eligible, 1) + rng.sample(modules, rng.randint(0, 2))
    touched = list(dict.fromkeys(touched))
    for m in touched:
        edit = rng.choice(["comment", "rename", "helper"])
        f = rng.choice(m.funcs)
        if edit == "comment":
            f.comments.append(rng.choice(["keep the arithmetic exact", "see the design notes", "cheap enough to call often"]))
        elif edit == "rename":
            f.var = rng.choice(["total", "acc", "value", "base"])
        else:
            m.helpers.append(rng.randint(1, 999))
        write(m.path, m.render())
    if rng.random() < 0.3:
        m = touched[0]
        m.tests.append((rng.randrange(FUNCS), rng.randint(1, 9)))
        write(f"tests/test_m{m.index:02d}.py", m.render_tests())
    git("commit", "-qam", f"calc: touch {', '.join(m.path for m in touched)}")
    target = touched[0]
    if kind == "module":
        f = target.funcs[1]
        changed = list(target.table)
        changed = [v + 1 for v in changed]  # every entry, so every test of f1 sees it
        mutation = {"path": target.path, "kind": "module", "function": "TABLE",
                    "old": target.table_text(), "new": target.table_text(changed)}
    else:
        f = target.funcs[2] if kind == "cached" else rng.choice(target.funcs)
        mutation = {"path": target.path, "kind": kind, "function": f"f{f.k}", "old": f.render(), "new": f.render(negate=True)}
    plan.append({"sha": git("rev-parse", "HEAD"), "touched": [m.path for m in touched], "mutation": mutation})

with open(plan_path, "w") as handle:
    json.dump(plan, handle, indent=1)
print(f"{modules_n} modules, {sum(len(m.tests) for m in modules)} tests, {commits_n + 1} commits")
