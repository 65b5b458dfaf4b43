import Foundation
import Testing

@testable import GateCore

/// Following changed names (`Templates/gate_name_flow.py` through `CoverageSelector`) on in-memory trees with
/// hand-made records: module constants, cached and import-time functions, and every case that must fall back to
/// the import closure.
@Suite(.enabled(if: GitSandbox.hasTool("python3 -c 'import ast'")))
struct NameFlowTests {
    static let core = """
        import functools
        import json

        SCALE = 3
        LIMIT = SCALE * 100


        def clamp(x):
            return min(x, LIMIT)


        def fmt(cents):
            return "%d.%02d" % divmod(cents * SCALE, 100)


        @functools.lru_cache(maxsize=None)
        def table():
            return (1, 2, 3)


        def build():
            return {"a": 1}


        REGISTRY = build()


        def dump(value):
            return json.dumps(value)

        """

    static let before: [String: String] = [
        "lib/__init__.py": "",
        "lib/core.py": core,
        "lib/shop.py": """
            from lib import core
            from lib.core import SCALE as FACTOR


            def price(x):
                return core.clamp(x) * FACTOR


            def first():
                return core.table()[0]


            def lookup(key):
                return core.REGISTRY[key]


            def plain():
                return 1

            """,
        "tests/test_core.py": "from lib import core\n\n\ndef test_fmt():\n    assert core.fmt(100) == \"3.00\"\n\n\ndef test_dump():\n    assert core.dump(1) == \"1\"\n",
        "tests/test_shop.py": """
            from lib import shop


            def test_price():
                assert shop.price(1) == 3


            def test_first():
                assert shop.first() == 1


            def test_lookup():
                assert shop.lookup("a") == 1


            def test_plain():
                assert shop.plain() == 1

            """,
        "tests/test_patch.py": """
            from unittest import mock
            from lib import shop


            def test_patched():
                with mock.patch("lib.core.table", lambda: (9,)):
                    assert shop.first() == 9

            """,
    ]

    static let records: [String: (file: String, executed: [String: [String]])] = [
        "tests/test_core.py::test_fmt": ("tests/test_core.py", ["lib/core.py": ["fmt"]]),
        "tests/test_core.py::test_dump": ("tests/test_core.py", ["lib/core.py": ["dump"]]),
        "tests/test_shop.py::test_price": ("tests/test_shop.py", ["lib/shop.py": ["price"], "lib/core.py": ["clamp"]]),
        "tests/test_shop.py::test_first": ("tests/test_shop.py", ["lib/shop.py": ["first"], "lib/core.py": ["table"]]),
        "tests/test_shop.py::test_lookup": ("tests/test_shop.py", ["lib/shop.py": ["lookup"]]),
        "tests/test_shop.py::test_plain": ("tests/test_shop.py", ["lib/shop.py": ["plain"]]),
        "tests/test_patch.py::test_patched": ("tests/test_patch.py", ["lib/shop.py": ["first"]]),
    ]

    /// The selection for changing `lib/core.py` (or `path`) from `before` to `after`, with records made on `before`.
    func select(_ after: [String: String], before: [String: String] = NameFlowTests.before,
                paths: [String] = ["lib/core.py"], extraRecords: [String: (file: String, executed: [String: [String]])] = [:]) throws -> Selection {
        let trim = { (tree: [String: String]) in tree.mapValues { $0.isEmpty || $0.hasSuffix("\n") ? $0 : $0 + "\n" } }
        let old = InMemoryRepository(trim(before))
        let new = InMemoryRepository(trim(after))
        let both = InMemoryRepository(trim(before).merging(trim(after).map { ("new/" + $0.key, $0.value) }) { $1 })
        let environment = ProcessInfo.processInfo.environment
        let tables = BlockTableReader(source: both, environment: environment)
        let flows = NameFlowReader(source: both, environment: environment)
        let oldBlobs = Dictionary(uniqueKeysWithValues: old.files.map { ($0.path, $0.blobID) })
        var data = CoverageData()
        data.tables = try tables.tables(of: Set(oldBlobs.filter { $0.key.hasSuffix(".py") }.values))
        for (key, record) in Self.records.merging(extraRecords, uniquingKeysWith: { $1 }) {
            data.tests[key] = TestCoverage(file: record.file, fileBlob: oldBlobs[record.file]!, failed: false, executed: [:])
            for (file, blocks) in record.executed {
                data.tests[key]!.executed[file] = TestCoverage.Executed(blob: oldBlobs[file]!, blocks: blocks)
            }
        }
        let selector = CoverageSelector(
            data: data, index: try new.index(), suites: [SuiteScope(name: "py", runner: .pytest)], rules: SelectionRules(),
            caching: CachingDecorators(), computeTables: { try tables.tables(of: $0) }, computeFlows: { try flows.flows($0) })
        return selector.select(changes: paths.map { FileChange(kind: .modified, oldPath: $0, newPath: $0) })
    }

    func edited(_ old: String, _ new: String, path: String = "lib/core.py", in tree: [String: String] = NameFlowTests.before) -> [String: String] {
        var tree = tree
        #expect(tree[path]!.contains(old), "\(path) has no \(old.debugDescription)")
        tree[path] = tree[path]!.replacingOccurrences(of: old, with: new)
        return tree
    }

    func notes(_ selection: Selection) -> [String] { selection.tests.map { "\($0.id): \($0.note ?? "")" } }

    @Test func constantSelectsTheTestsThatExecutedCodeUsingItOrWhatDerivesFromIt() throws {
        let selection = try select(edited("SCALE = 3", "SCALE = 4"))
        // fmt uses SCALE, clamp uses LIMIT = SCALE * 100, shop.price uses FACTOR, imported as SCALE.
        #expect(selection.tests.map(\.id) == ["tests/test_core.py::test_fmt", "tests/test_shop.py::test_price"], "\(notes(selection))")
        #expect(notes(selection).contains("tests/test_core.py::test_fmt: executed `fmt` in lib/core.py, which uses `SCALE`, changed by module-level change in lib/core.py"))
        #expect(selection.reason.contains("1 followed by name"))
    }

    @Test func cachedFunctionSelectsItsCallersAndTheTestsThatMentionIt() throws {
        let selection = try select(edited("return (1, 2, 3)", "return (2, 3)"))
        #expect(selection.tests.map(\.id) == ["tests/test_patch.py::test_patched", "tests/test_shop.py::test_first"], "\(notes(selection))")
        #expect(notes(selection).contains { $0.contains("changed by `table` in lib/core.py is cached by @functools.lru_cache") })
    }

    @Test func importTimeFunctionFollowsWhatItsResultIsBoundTo() throws {
        let selection = try select(edited("return {\"a\": 1}", "return {\"a\": 2}"))
        #expect(selection.tests.map(\.id) == ["tests/test_shop.py::test_lookup"], "\(notes(selection))")
        #expect(notes(selection).first?.contains("which uses `REGISTRY`, changed by `build` in lib/core.py runs at import time") == true)
    }

    @Test func unusedImportOfALibrarySelectsNothingButAProjectImportFallsBack() throws {
        let library = try select(edited("import json\n", "import json\nimport os\n"))
        #expect(library.mode == .none, "\(notes(library))")
        let project = try select(edited("import json\n", "import json\nimport lib\n"))
        #expect(project.tests.map(\.id) == ["tests/test_core.py", "tests/test_patch.py", "tests/test_shop.py"])
        #expect(notes(project).allSatisfy { $0.contains("an import of a project module changed (lib/core.py line") })
    }

    @Test func changedOrUsingModuleLevelStatementsFallBack() throws {
        let call = try select(edited("LIMIT = SCALE * 100\n", "LIMIT = SCALE * 100\nprint(LIMIT)\n"))
        #expect(call.tests.count == 3 && notes(call).allSatisfy { $0.contains("a module-level statement changed (lib/core.py line 6)") }, "\(notes(call))")
        // An importer's module-level code that runs a changed name at import time.
        let importer = edited("from lib.core import SCALE as FACTOR\n", "from lib.core import SCALE as FACTOR\nassert FACTOR > 0\n", path: "lib/shop.py")
        let uses = try select(edited("SCALE = 3", "SCALE = 4", in: importer), before: importer)
        // Only shop.py's own import closure runs for it (issue 13 class 5); fmt still selects by coverage.
        #expect(uses.tests.map(\.id) == ["tests/test_core.py::test_fmt", "tests/test_patch.py", "tests/test_shop.py"], "\(notes(uses))")
        #expect(notes(uses).filter { $0.contains("module-level code that runs at import uses a changed name (lib/shop.py line 3 uses `FACTOR`) → import closure of lib/shop.py") }.count == 2, "\(notes(uses))")
        // A decorator that only wraps (lru_cache) passes the change on to the function's callers...
        let wrapping = edited("@functools.lru_cache(maxsize=None)", "@functools.lru_cache(maxsize=LIMIT)")
        let cached = try select(edited("SCALE = 3", "SCALE = 4", in: wrapping), before: wrapping)
        #expect(cached.tests.map(\.id).contains("tests/test_shop.py::test_first"), "\(notes(cached))")
        // ...any other decorator may register it somewhere at import time.
        let registering = edited("def dump(value):", "def label(value):\n    return lambda function: function\n\n\n@label(LIMIT)\ndef dump(value):")
        let labelled = try select(edited("SCALE = 3", "SCALE = 4", in: registering), before: registering)
        #expect(labelled.tests.count == 3 && notes(labelled).allSatisfy { $0.contains("module-level code that runs at import uses a changed name") }, "\(notes(labelled))")
        // The same inside a class body: a method decorator that is not a plain wrapper, or a call.
        let method = edited("def dump(value):", "def label(value):\n    return lambda function: function\n\n\nclass Shelf:\n    @label(LIMIT)\n    def put(self):\n        pass\n\n\ndef dump(value):")
        let inClass = try select(edited("SCALE = 3", "SCALE = 4", in: method), before: method)
        #expect(notes(inClass).allSatisfy { $0.contains("module-level code that runs at import uses a changed name (lib/core.py line") } && inClass.tests.count == 3, "\(notes(inClass))")
        let property = edited("def dump(value):", "class Shelf:\n    @property\n    def size(self, limit=LIMIT):\n        return limit\n\n\ndef dump(value):")
        let plain = try select(edited("SCALE = 3", "SCALE = 4", in: property), before: property)
        #expect(plain.tests.map(\.id) == ["tests/test_core.py::test_fmt", "tests/test_shop.py::test_price"], "\(notes(plain))")
    }

    @Test func classBodiesAreFollowedByMemberUnlessSpecialDecoratedOrReregistering() throws {
        let withClass = edited("def dump(value):", """
            class Money:
                RATE = 1

                def total(self, x):
                    return x * self.RATE


            def dump(value):
            """)
        let records: [String: (file: String, executed: [String: [String]])] = [
            "tests/test_core.py::test_dump": ("tests/test_core.py", ["lib/core.py": ["dump", "Money.total"]]),
        ]
        let rate = try select(edited("RATE = 1", "RATE = 2", in: withClass), before: withClass, extraRecords: records)
        #expect(notes(rate) == ["tests/test_core.py::test_dump: executed `Money.total` in lib/core.py, which uses `RATE`, changed by class body of `Money` changed in lib/core.py"])
        // A new method nobody calls yet selects nothing.
        let added = try select(edited("    def total(self, x):", "    def half(self):\n        return 0\n\n    def total(self, x):", in: withClass), before: withClass, extraRecords: records)
        #expect(added.mode == .none, "\(notes(added))")
        let special = try select(edited("    def total(self, x):", "    def __eq__(self, other):\n        return True\n\n    def total(self, x):", in: withClass), before: withClass, extraRecords: records)
        #expect(notes(special).allSatisfy { $0.contains("special method `Money.__eq__` was added, removed or changed its signature") } && !special.tests.isEmpty, "\(notes(special))")
        let dataclass = edited("class Money:", "import dataclasses\n\n\n@dataclasses.dataclass\nclass Money:", in: withClass)
        let field = try select(edited("RATE = 1", "RATE = 2", in: dataclass), before: dataclass, extraRecords: records)
        #expect(notes(field).allSatisfy { $0.contains("the body of decorated class `Money` in lib/core.py changed") } && !field.tests.isEmpty, "\(notes(field))")
        let registry = edited("class Money:", "class Base:\n    def __init_subclass__(cls):\n        pass\n\n\nclass Money(Base):", in: withClass)
        let registered = try select(edited("RATE = 1", "RATE = 2", in: registry), before: registry, extraRecords: records)
        #expect(notes(registered).allSatisfy { $0.contains("a class changed and lib/core.py defines `__init_subclass__`") } && !registered.tests.isEmpty, "\(notes(registered))")
    }

    /// Issue 13 class 5: `__init_subclass__` or a metaclass can react only to the classes that derive from its class;
    /// a change to another class is followed by name.
    @Test func aRegistryReactsOnlyToItsOwnSubclasses() throws {
        let withClasses = edited("def dump(value):", """
            class Plugin:
                def __init_subclass__(cls):
                    pass


            class Meta(type):
                pass


            class Model(metaclass=Meta):
                pass


            class Money:
                RATE = 1

                def total(self, x):
                    return x * self.RATE


            class Euro(Money):
                RATE = 2


            def dump(value):
            """)
        let records: [String: (file: String, executed: [String: [String]])] = [
            "tests/test_core.py::test_dump": ("tests/test_core.py", ["lib/core.py": ["dump", "Money.total"]]),
        ]
        let rate = try select(edited("RATE = 1", "RATE = 3", in: withClasses), before: withClasses, extraRecords: records)
        #expect(notes(rate) == ["tests/test_core.py::test_dump: executed `Money.total` in lib/core.py, which uses `RATE`, changed by class body of `Money` changed in lib/core.py"], "\(notes(rate))")
        // Money now derives from Plugin (its header is unchanged; Plugin's subclass hook runs for it).
        let derived = edited("class Money:", "class Money(Plugin):", in: withClasses)
        let hooked = try select(edited("RATE = 1", "RATE = 3", in: derived), before: derived, extraRecords: records)
        #expect(notes(hooked).allSatisfy { $0.contains("a class changed and lib/core.py defines `__init_subclass__`") } && !hooked.tests.isEmpty, "\(notes(hooked))")
        let modelled = edited("class Money:", "class Money(Model):", in: withClasses)
        let meta = try select(edited("RATE = 1", "RATE = 3", in: modelled), before: modelled, extraRecords: records)
        #expect(notes(meta).allSatisfy { $0.contains("a class changed and lib/core.py uses a metaclass") } && !meta.tests.isEmpty, "\(notes(meta))")
    }

    @Test func moduleGetattrAndConftestFallBack() throws {
        let withGetattr = edited("def dump(value):", "def __getattr__(name):\n    return SCALE\n\n\ndef dump(value):")
        let getattr = try select(edited("SCALE = 3", "SCALE = 4", in: withGetattr), before: withGetattr)
        #expect(notes(getattr).allSatisfy { $0.contains("lib/core.py defines a module `__getattr__`") }, "\(notes(getattr))")
        var withConftest = Self.before
        withConftest["tests/conftest.py"] = "import pytest\nfrom lib import core\n\n\n@pytest.fixture\ndef scale():\n    return core.SCALE\n"
        let conftest = try select(edited("SCALE = 3", "SCALE = 4", in: withConftest), before: withConftest)
        #expect(notes(conftest).allSatisfy { $0.contains("conftest.py mentions `SCALE` in `scale`") }, "\(notes(conftest))")
    }

    @Test func testFilesMentioningANameRunThoseTestsOrWholeWhenItsModuleCodeUsesIt() throws {
        var tree = Self.before
        tree["tests/test_direct.py"] = "from lib.core import SCALE, fmt\n\n\ndef test_scale():\n    assert SCALE == 3\n\n\ndef test_other():\n    assert fmt(0) == \"0.00\"\n"
        tree["tests/test_marked.py"] = "import pytest\nfrom lib import core\n\npytestmark = pytest.mark.skipif(core.SCALE > 3, reason=\"big\")\n\n\ndef test_x():\n    pass\n"
        let records: [String: (file: String, executed: [String: [String]])] = [
            "tests/test_direct.py::test_scale": ("tests/test_direct.py", [:]),
            "tests/test_direct.py::test_other": ("tests/test_direct.py", ["lib/core.py": ["fmt"]]),
            "tests/test_marked.py::test_x": ("tests/test_marked.py", [:]),
        ]
        let selection = try select(edited("SCALE = 3", "SCALE = 4", in: tree), before: tree, extraRecords: records)
        let ids = selection.tests.map(\.id)
        #expect(ids.contains("tests/test_direct.py::test_scale") && ids.contains("tests/test_direct.py::test_other"), "\(ids)")
        #expect(ids.contains("tests/test_marked.py"), "\(ids)")
        #expect(!ids.contains("tests/test_shop.py::test_plain") && !ids.contains("tests/test_core.py::test_dump"), "\(ids)")
        #expect(notes(selection).contains("tests/test_direct.py::test_scale: mentions `SCALE`, changed by module-level change in lib/core.py"))
    }

    @Test func removedAndRenamedFunctionsSelectTheirCallers() throws {
        let removed = try select(edited("def plain():\n    return 1\n", "def simple():\n    return 1\n", path: "lib/shop.py"), paths: ["lib/shop.py"])
        #expect(removed.tests.map(\.id) == ["tests/test_shop.py::test_plain"], "\(notes(removed))")
        #expect(notes(removed) == ["tests/test_shop.py::test_plain: mentions `plain`, changed by module-level change in lib/shop.py"])
    }

    @Test func importTimeCallsInImportersAreFollowedAndStarImportsOfAllFallBack() throws {
        var tree = Self.before
        tree["lib/shop.py"]! += "\n\ndef scaled():\n    return FACTOR * 2\n\n\nDOUBLE = scaled()\n\n\ndef double():\n    return DOUBLE\n"
        tree["tests/test_double.py"] = "from lib import shop\n\n\ndef test_double():\n    assert shop.double() == 6\n"
        let records: [String: (file: String, executed: [String: [String]])] = [
            "tests/test_double.py::test_double": ("tests/test_double.py", ["lib/shop.py": ["double"]]),
        ]
        // scaled() uses FACTOR (= SCALE) at import, so DOUBLE changes, and double() returns it.
        let selection = try select(edited("SCALE = 3", "SCALE = 4", in: tree), before: tree, extraRecords: records)
        #expect(selection.tests.map(\.id).contains("tests/test_double.py::test_double"), "\(notes(selection))")
        #expect(notes(selection).contains("tests/test_double.py::test_double: executed `double` in lib/shop.py, which uses `DOUBLE`, changed by module-level change in lib/core.py"))

        var star = Self.before
        star["lib/core.py"]! += "\n__all__ = [\"fmt\", \"dump\"]\n"
        star["lib/reexport.py"] = "from lib.core import *\n"
        star["tests/test_reexport.py"] = "from lib import reexport\n\n\ndef test_reexport():\n    assert reexport.fmt(0) == \"0.00\"\n"
        let starred = try select(edited("__all__ = [\"fmt\", \"dump\"]", "__all__ = [\"dump\"]", in: star), before: star)
        #expect(notes(starred).allSatisfy { $0.contains("`__all__` changed in lib/core.py and a file imports it with `*`") }, "\(notes(starred))")
        #expect(starred.tests.map(\.id).contains("tests/test_reexport.py"))
    }

    @Test func twoFollowedFilesInOnePushSeeEachOthersCode() throws {
        let both = edited("from lib import core\n", "import os\nfrom lib import core\n", path: "lib/shop.py", in: edited("SCALE = 3", "SCALE = 4"))
        // As if test_price had not reached clamp (which uses LIMIT): only FACTOR leads to it.
        let selection = try select(both, paths: ["lib/core.py", "lib/shop.py"], extraRecords: [
            "tests/test_shop.py::test_price": ("tests/test_shop.py", ["lib/shop.py": ["price"]]),
        ])
        // FACTOR in shop.py is SCALE: price() must run although shop.py is followed too.
        #expect(selection.tests.map(\.id) == ["tests/test_core.py::test_fmt", "tests/test_shop.py::test_price"], "\(notes(selection))")
        #expect(selection.reason.contains("2 followed by name"))
    }

    @Test func nonlocalInANestedFunctionIsStateOfOneCallNotOfTheModule() throws {
        var tree = Self.before
        tree["lib/core.py"]! += "\n\ndef count(n):\n    total = 0\n\n    def add(k):\n        nonlocal total\n        total += k\n\n    for k in range(n):\n        add(k)\n    return total\n"
        let records: [String: (file: String, executed: [String: [String]])] = [
            "tests/test_core.py::test_dump": ("tests/test_core.py", ["lib/core.py": ["dump", "count"]]),
        ]
        let selection = try select(edited("        total += k", "        total += k + 1", in: tree), before: tree, extraRecords: records)
        #expect(notes(selection) == ["tests/test_core.py::test_dump: executed `count` in lib/core.py"])
    }

    /// Issue 13 class 1: code under `if __name__ == "__main__":` never runs under tests (nor at import).
    @Test func mainGuardIsNotModuleLevelCode() throws {
        let withMain = edited("def dump(value):\n    return json.dumps(value)\n",
                              "def dump(value):\n    return json.dumps(value)\n\n\nif __name__ == \"__main__\":\n    print(fmt(SCALE), dump(1))\n")
        // A constant the main block uses follows by name as if the block were not there.
        let constant = try select(edited("SCALE = 3", "SCALE = 4", in: withMain), before: withMain)
        #expect(constant.tests.map(\.id) == ["tests/test_core.py::test_fmt", "tests/test_shop.py::test_price"], "\(notes(constant))")
        // `dump` is not run at import by the main block: a change to it selects by coverage alone.
        let dumped = try select(edited("return json.dumps(value)", "return json.dumps(value, indent=1)", in: withMain), before: withMain)
        #expect(notes(dumped) == ["tests/test_core.py::test_dump: executed `dump` in lib/core.py"], "\(notes(dumped))")
        // A change inside the main block alone selects no test.
        let inside = try select(edited("print(fmt(SCALE), dump(1))", "print(fmt(SCALE + 1))", in: withMain), before: withMain)
        #expect(inside.mode == .none, "\(notes(inside))")
        // Its `else:` branch does run at import.
        let withElse = edited("    print(fmt(SCALE), dump(1))\n", "    print(fmt(SCALE), dump(1))\nelse:\n    print(LIMIT)\n", in: withMain)
        let elsewhere = try select(edited("SCALE = 3", "SCALE = 4", in: withElse), before: withElse)
        #expect(notes(elsewhere).contains { $0.contains("module-level code that runs at import uses a changed name (lib/core.py line") }, "\(notes(elsewhere))")
    }

    /// The body of `if TYPE_CHECKING:` (also `typing.TYPE_CHECKING`, `t.TYPE_CHECKING` after `import typing as t`) never
    /// runs, at import or under a test: like the main guard, it is not module-level code; its `else:` still runs.
    @Test func typeCheckingBlockIsNotModuleLevelCode() throws {
        for (importLine, test) in [("from typing import TYPE_CHECKING", "TYPE_CHECKING"), ("import typing", "typing.TYPE_CHECKING"),
                                   ("import typing as t", "t.TYPE_CHECKING")] {
            let guarded = edited("import json\n", "import json\n\(importLine)\n\nif \(test):\n    from lib.shop import plain\n    Scaled = list[SCALE]\n")
            // A type-only import of a project module or alias changed: no test runs it.
            let alias = try select(edited("Scaled = list[SCALE]", "Scaled = tuple[SCALE]", in: guarded), before: guarded)
            #expect(alias.mode == .none, "\(test): \(notes(alias))")
            let imported = try select(edited("from lib.shop import plain\n", "from lib.shop import plain, price\n", in: guarded), before: guarded)
            #expect(imported.mode == .none, "\(test): \(notes(imported))")
            // A constant used only there follows by name as if the block were not there.
            let constant = try select(edited("SCALE = 3", "SCALE = 4", in: guarded), before: guarded)
            #expect(constant.tests.map(\.id) == ["tests/test_core.py::test_fmt", "tests/test_shop.py::test_price"], "\(test): \(notes(constant))")
            // Its `else:` branch does run at import.
            let withElse = edited("    Scaled = list[SCALE]\n", "    Scaled = list[SCALE]\nelse:\n    print(LIMIT)\n", in: guarded)
            let elsewhere = try select(edited("SCALE = 3", "SCALE = 4", in: withElse), before: withElse)
            #expect(notes(elsewhere).contains { $0.contains("module-level code that runs at import uses a changed name (lib/core.py line") }, "\(test): \(notes(elsewhere))")
        }
    }

    /// Issue 13 class 3: a changed member is matched by scope: a field of the same name in another class's body
    /// (a binding there, not a use) or a local variable is not a use of it.
    @Test func namesAreResolvedToTheirScopeBeforeMatching() throws {
        let withClasses = edited("def dump(value):", """
            class Session:
                def __init__(self):
                    self.state = 1

                @functools.cached_property
                def is_open(self):
                    return self.state == 1


            @dataclasses.dataclass
            class Options:
                is_open: bool = False
                retries: int = SCALE


            def opened(session):
                return session.is_open


            def local(flag):
                is_open = flag
                return is_open


            class Record:
                __slots__ = ("is_open", "state")

                def describe(self):
                    return "record"


            def describe_all(records):
                return [r.describe() for r in records]


            def dump(value):
            """).mapValues { $0.replacingOccurrences(of: "import functools\n", with: "import dataclasses\nimport functools\n") }
        let records: [String: (file: String, executed: [String: [String]])] = [
            "tests/test_core.py::test_dump": ("tests/test_core.py", ["lib/core.py": ["dump", "local", "describe_all"]]),
            "tests/test_core.py::test_fmt": ("tests/test_core.py", ["lib/core.py": ["fmt", "opened"]]),
        ]
        // `__slots__ = ("is_open", ...)` names the member in a string: Record's value does not change with it, so
        // `describe` (and describe_all, which test_dump ran) is not changed either.
        let cached = try select(edited("return self.state == 1", "return self.state == 2", in: withClasses), before: withClasses, extraRecords: records)
        #expect(cached.tests.map(\.id) == ["tests/test_core.py::test_fmt"], "\(notes(cached))")
        #expect(!notes(cached).contains { $0.contains("import closure") }, "\(notes(cached))")
        // A new property of the same name as the other class's field.
        let added = edited("    @functools.cached_property\n    def is_open(self):\n        return self.state == 1\n", "    def check(self):\n        return self.state == 1\n", in: withClasses)
        let property = try select(withClasses, before: added, extraRecords: [
            "tests/test_core.py::test_dump": ("tests/test_core.py", ["lib/core.py": ["dump", "local"]]),
        ])
        #expect(!notes(property).contains { $0.contains("import closure") }, "\(notes(property))")
        #expect(!property.tests.map(\.id).contains("tests/test_core.py::test_dump"), "\(notes(property))")
        // A module-level name used by the decorated class still falls back (the dataclass reads it at import).
        let scale = try select(edited("SCALE = 3", "SCALE = 4", in: withClasses), before: withClasses, extraRecords: records)
        #expect(notes(scale).contains { $0.contains("module-level code that runs at import uses a changed name (lib/core.py line") }, "\(notes(scale))")
    }

    /// Issue 13 class 5: what cannot be followed falls back for the module that uses the name, not for the whole
    /// import closure of the changed file.
    @Test func aModuleThatCannotBeFollowedFallsBackAloneNotTheWholeClosure() throws {
        var tree = Self.before
        tree["lib/audit.py"] = "from lib.core import SCALE\n\nassert SCALE > 0\n\n\ndef audited():\n    return True\n"
        tree["tests/test_audit.py"] = "from lib import audit\n\n\ndef test_audit():\n    assert audit.audited()\n"
        let selection = try select(edited("SCALE = 3", "SCALE = 4", in: tree), before: tree)
        #expect(selection.tests.map(\.id) == ["tests/test_audit.py", "tests/test_core.py::test_fmt", "tests/test_shop.py::test_price"], "\(notes(selection))")
        #expect(notes(selection).contains("tests/test_audit.py: module-level change in lib/core.py: module-level code that runs at import uses a changed name (lib/audit.py line 3 uses `SCALE`) → import closure of lib/audit.py"), "\(notes(selection))")
    }

    @Test func onlyALazyImportThatReachesTheChangedFileFallsBack() throws {
        var tree = Self.before
        tree["lib/wrap.py"] = "import textwrap\n\nWIDTH = 70\n"
        tree["lib/lazy.py"] = "from lib import core\n\nTABLE = core.table()\n"
        let unrelated: [String: (file: String, executed: [String: [String]])] = [
            "tests/test_core.py::test_fmt": ("tests/test_core.py", ["lib/core.py": ["fmt"], "lib/wrap.py": ["<module>"]]),
        ]
        let change = edited("return \"%d.%02d\"", "return \"%d,%02d\"", in: tree)
        let fine = try select(change, before: tree, extraRecords: unrelated)
        #expect(notes(fine) == ["tests/test_core.py::test_fmt: executed `fmt` in lib/core.py"])
        let reaching: [String: (file: String, executed: [String: [String]])] = [
            "tests/test_core.py::test_fmt": ("tests/test_core.py", ["lib/core.py": ["fmt"], "lib/lazy.py": ["<module>"]]),
        ]
        let lazy = try select(change, before: tree, extraRecords: reaching)
        #expect(notes(lazy).allSatisfy { $0.contains("`fmt` in lib/core.py ran while tests/test_core.py::test_fmt imported lib/lazy.py → import closure") } && !lazy.tests.isEmpty, "\(notes(lazy))")
    }

    /// Issue 13 (marshmallow): a signature change that keeps every call binding as before (annotations that are never
    /// evaluated, a literal default for another literal) is seen only by the function's own runs, so coverage
    /// speaks for it even in a class a metaclass reads; anything else still falls back.
    @Test func signatureChangesThatKeepEveryCallBindingAreFollowedByCoverage() throws {
        let withMeta = edited("def dump(value):", """
            class Meta(type):
                pass


            class Money(metaclass=Meta):
                RATE = 1

                def __init__(self, amount: int = 0):
                    self.amount = amount

                def total(self, x: int) -> int:
                    return x * self.RATE


            def dump(value):
            """)
        let postponed = edited("import functools", "from __future__ import annotations\n\nimport functools", in: withMeta)
        let records: [String: (file: String, executed: [String: [String]])] = [
            "tests/test_core.py::test_dump": ("tests/test_core.py", ["lib/core.py": ["dump", "Money.total"]]),
            "tests/test_shop.py::test_plain": ("tests/test_shop.py", ["lib/shop.py": ["plain"], "lib/core.py": ["Money.__init__"]]),
        ]
        let hints = try select(edited("def total(self, x: int) -> int:", "def total(self, x: float) -> float:", in: postponed),
                               before: postponed, extraRecords: records)
        #expect(notes(hints) == ["tests/test_core.py::test_dump: executed `Money.total` in lib/core.py"], "\(notes(hints))")
        let defaults = try select(edited("amount: int = 0", "amount: int | None = None", in: postponed),
                                  before: postponed, extraRecords: records)
        #expect(notes(defaults) == ["tests/test_shop.py::test_plain: executed `Money.__init__` in lib/core.py"], "\(notes(defaults))")

        let fallsBack = { (selection: Selection, why: String) in
            #expect(!selection.tests.isEmpty && notes(selection).allSatisfy { $0.contains(why) }, "\(notes(selection))")
        }
        let decorated = "the body of decorated class `Money` in lib/core.py changed"
        // Without `from __future__ import annotations` an annotation is evaluated when the class is defined.
        fallsBack(try select(edited("x: int) -> int:", "x: float) -> int:", in: withMeta), before: withMeta, extraRecords: records), decorated)
        // A default that is not a literal is evaluated at import too; a renamed parameter breaks keyword calls.
        fallsBack(try select(edited("amount: int = 0", "amount: int = SCALE", in: postponed), before: postponed, extraRecords: records), decorated)
        fallsBack(try select(edited("amount: int = 0", "cents: int = 0", in: postponed), before: postponed, extraRecords: records), decorated)
        // A project file that reads signatures can see any of it.
        var reading = postponed
        reading["lib/forms.py"] = "import typing\n\n\ndef hints(function):\n    return typing.get_type_hints(function)\n"
        fallsBack(try select(edited("def total(self, x: int) -> int:", "def total(self, x: float) -> float:", in: reading),
                             before: reading, extraRecords: records), decorated)
    }

    /// A method wrapped by `contextlib.contextmanager` registers nothing: adding one is followed by name (pyflakes 33bbb82664).
    @Test func aContextManagerMethodIsFollowedByName() throws {
        let withClass = edited("def dump(value):", """
            import contextlib


            class Scope:
                def total(self, x):
                    return x


            def dump(value):
            """)
        let added = try select(edited("    def total(self, x):", "    @contextlib.contextmanager\n    def entered(self):\n        yield self\n\n    def total(self, x):", in: withClass),
                               before: withClass)
        #expect(added.mode == .none, "\(notes(added))")
    }

    /// A class with a docstring whose member uses a changed name is followed (gate_name_flow.py crashed on the
    /// docstring, and the change fell back: marshmallow c914b2a9f5).
    @Test func aDocumentedClassUsingAChangedNameIsFollowed() throws {
        let withClass = edited("def dump(value):", """
            class Money:
                \"\"\"An amount.\"\"\"

                RATE = SCALE

                def total(self, x):
                    return x * self.RATE


            def dump(value):
            """)
        let records: [String: (file: String, executed: [String: [String]])] = [
            "tests/test_core.py::test_dump": ("tests/test_core.py", ["lib/core.py": ["dump", "Money.total"]]),
        ]
        let scale = try select(edited("SCALE = 3", "SCALE = 4", in: withClass), before: withClass, extraRecords: records)
        #expect(notes(scale).contains("tests/test_core.py::test_dump: executed `Money.total` in lib/core.py, which uses `RATE`, changed by module-level change in lib/core.py"), "\(notes(scale))")
    }

    /// A function that runs at import (`REGISTRY = build()`) whose annotations alone changed computes the same: nothing
    /// is followed by name (marshmallow 457d9a7119: an annotation of `Nested.__init__`, which schemas run at import,
    /// sent every test that mentions `__init__` to the import closure). Its own runs still select, as any change does.
    @Test func anAnnotationOnlyChangeToAFunctionThatRunsAtImportIsNotFollowed() throws {
        let postponed = edited("import functools", "from __future__ import annotations\n\nimport functools")
        let records: [String: (file: String, executed: [String: [String]])] = [
            "tests/test_core.py::test_dump": ("tests/test_core.py", ["lib/core.py": ["dump", "build"]]),
        ]
        let hints = try select(edited("def build():", "def build() -> dict[str, int]:", in: postponed), before: postponed, extraRecords: records)
        #expect(notes(hints) == ["tests/test_core.py::test_dump: executed `build` in lib/core.py"], "\(notes(hints))")
        let local = try select(edited("    return {\"a\": 1}", "    table: dict[str, int] = {\"a\": 1}\n    return table", in: Self.before),
                               before: Self.before, extraRecords: records)
        #expect(notes(local).contains { $0.contains("uses `REGISTRY`") }, "a changed body is still followed: \(notes(local))")
        // Without the future import the annotation is evaluated at import: it is followed as before.
        let evaluated = try select(edited("def build():", "def build() -> dict:"), extraRecords: records)
        #expect(notes(evaluated).contains { $0.contains("uses `REGISTRY`") }, "\(notes(evaluated))")
    }

    /// A docstring, the class's own or a nested class's, is no member a metaclass builds on (marshmallow c8ce7e8702
    /// documented a `Meta` option); a project that reads `__doc__` keeps it significant.
    @Test func aDocstringInAClassAMetaclassReadsIsNotFollowed() throws {
        let withMeta = edited("def dump(value):", """
            class Meta(type):
                pass


            class Money(metaclass=Meta):
                \"\"\"An amount.\"\"\"

                class Options:
                    \"\"\"Options: none.\"\"\"

                def total(self, x):
                    return x


            def dump(value):
            """)
        let documented = edited("Options: none.", "Options: none yet.", in: edited("An amount.", "An amount of money.", in: withMeta))
        #expect(try select(documented, before: withMeta).mode == .none)
        var reading = withMeta
        reading["lib/help.py"] = "def usage(cls):\n    return cls.__doc__\n"
        var readingAfter = documented
        readingAfter["lib/help.py"] = reading["lib/help.py"]
        let read = try select(readingAfter, before: reading)
        #expect(!read.tests.isEmpty && notes(read).allSatisfy { $0.contains("the body of decorated class `Money`") }, "\(notes(read))")
    }

    /// A constructor added to or re-signed in a plain class changes what its construction sites get: they mention the
    /// class (or a subclass), so it is followed by the class's name; a `pass` that goes is no change (pyflakes
    /// 9228d609b3: `class ClassScope(Scope): pass` got an `__init__`). Other special methods still fall back.
    @Test func aConstructorOfAPlainClassIsFollowedByTheClassName() throws {
        let withClass = edited("def dump(value):", """
            class Scope:
                pass


            class Inner(Scope):
                pass


            def make():
                return Scope()


            def make_inner():
                return Inner()


            def dump(value):
            """)
        let records: [String: (file: String, executed: [String: [String]])] = [
            "tests/test_core.py::test_make": ("tests/test_core.py", ["lib/core.py": ["make"]]),
            "tests/test_core.py::test_inner": ("tests/test_core.py", ["lib/core.py": ["make_inner"]]),
        ]
        let constructed = try select(edited("class Scope:\n    pass", "class Scope:\n    def __init__(self):\n        self.names = {}", in: withClass),
                                     before: withClass, extraRecords: records)
        #expect(notes(constructed) == [
            "tests/test_core.py::test_inner: executed `make_inner` in lib/core.py, which uses `Inner`, changed by class body of `Scope` changed in lib/core.py",
            "tests/test_core.py::test_make: executed `make` in lib/core.py, which uses `Scope`, changed by class body of `Scope` changed in lib/core.py",
        ], "\(notes(constructed))")
        let equality = try select(edited("class Scope:\n    pass", "class Scope:\n    def __eq__(self, other):\n        return True", in: withClass),
                                  before: withClass, extraRecords: records)
        #expect(!equality.tests.isEmpty && notes(equality).allSatisfy { $0.contains("special method `Scope.__eq__`") }, "\(notes(equality))")
    }

    /// A module whose only recorded executors are in a test file that changed too (a feature pushed with its tests):
    /// that file runs whole, and the other importers, recorded as never running the module, do not (sqlparse
    /// 31903e09db ran all 477 tests: "no recorded test has executed sqlparse/cli.py").
    @Test func aModuleRecordedOnlyByAChangedTestFileSelectsThatFileNotItsImportClosure() throws {
        var tree = Self.before
        tree["lib/extra.py"] = "def shout(text):\n    return text.upper()\n"
        tree["tests/test_extra.py"] = "from lib import extra\n\n\ndef test_shout():\n    assert extra.shout(\"a\") == \"A\"\n"
        tree["tests/test_other.py"] = "from lib import extra\n\n\ndef test_other():\n    assert extra is not None\n"
        let records: [String: (file: String, executed: [String: [String]])] = [
            "tests/test_extra.py::test_shout": ("tests/test_extra.py", ["lib/extra.py": ["shout"]]),
            "tests/test_other.py::test_other": ("tests/test_other.py", [:]),
        ]
        var after = edited("text.upper()", "text.upper() + \"!\"", path: "lib/extra.py", in: tree)
        after["tests/test_extra.py"]! += "\n\ndef test_bang():\n    assert extra.shout(\"a\") == \"A!\"\n"
        let selection = try select(after, before: tree, paths: ["lib/extra.py", "tests/test_extra.py"], extraRecords: records)
        #expect(selection.tests.map(\.id) == ["tests/test_extra.py"], "\(notes(selection))")
    }
}
