"""Writes the generated Python project of precision.sh (and recording.sh) into the current directory.

    python3 gen_pyproject.py MODULES TESTS_PER_MODULE [WORK]

A hub module `lib/core.py` every module imports (a cached function, module constants, a class), MODULES modules
`lib/mNN.py` that also import their predecessor, and TESTS_PER_MODULE tests per module in `tests/test_mNN.py`, each
one assert on a value computed here. WORK > 0 makes the tests heavier: `lib/core.py` gets a `work(n)`
function (a loop over the hub's functions and class, all in measured code) and every test calls `core.work(WORK)`
before its assert, a stand-in for tests that exercise the code under test.
"""
import importlib
import os
import sys

modules, per = int(sys.argv[1]), int(sys.argv[2])
work = int(sys.argv[3]) if len(sys.argv) > 3 else 0
os.makedirs("lib", exist_ok=True)
os.makedirs("tests", exist_ok=True)
open("lib/__init__.py", "w").write("")
core = '''import functools

SCALE = 3
LIMIT = 10000


def clamp(x, lo, hi):
    return max(lo, min(hi, x))


def norm(text):
    return text.strip().lower()


@functools.lru_cache(maxsize=None)
def table(n):
    return tuple(i * i + 1 for i in range(n))


class Money:
    def __init__(self, cents):
        self.cents = cents

    def add(self, other):
        return Money(self.cents + other.cents)

    def fmt(self):
        return "%d.%02d" % divmod(self.cents * SCALE, 100)
'''
if work:
    core += '''

def work(n):
    total = Money(0)
    for i in range(n):
        total = total.add(Money(clamp(i * 7, 0, LIMIT)))
        if norm(" X%d " % i).endswith("7"):
            total = total.add(Money(table(8)[i % 8]))
    return total.fmt()
'''
open("lib/core.py", "w").write(core)
for i in range(modules):
    prev = "from lib.m%02d import f0 as previous\n" % (i - 1) if i else "def previous(x):\n    return 0\n"
    body = ["from lib import core\n", prev, "OFFSET = %d\n" % (i % 7)]
    for k in range(6):
        if k == 3:
            expr = "core.table(6)[x %% 6] + %d" % i
        elif k == 4:
            expr = "core.Money(x).add(core.Money(%d)).fmt()" % i
        elif k == 5:
            expr = "core.norm('  Name%d_%%d ' %% x)" % i
        else:
            expr = "core.clamp(x * %d + %d, 0, core.LIMIT) + OFFSET + previous(x) %% 7" % (k + 1, i)
        body.append("\n\ndef f%d(x):\n    return %s\n" % (k, expr))
    open("lib/m%02d.py" % i, "w").write("".join(body))
sys.path.insert(0, os.getcwd())
for i in range(modules):
    m = importlib.import_module("lib.m%02d" % i)
    lines = ["from lib import m%02d\n" % i]
    if work:
        lines.append("from lib import core\n")
    for j in range(per):
        k = j % 6
        value = getattr(m, "f%d" % k)(j + 1)
        call = "    core.work(%d)\n" % work if work else ""
        lines.append("\n\ndef test_m%02d_%02d():\n%s    assert m%02d.f%d(%d) == %r\n" % (i, j, call, i, k, j + 1, value))
    open("tests/test_m%02d.py" % i, "w").write("".join(lines))
