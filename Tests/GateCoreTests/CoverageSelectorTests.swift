import Foundation
import Testing

@testable import GateCore

/// `CoverageSelector` on in-memory trees with hand-made records; block tables come from the real
/// `Templates/gate_blocks.py`.
@Suite(.enabled(if: GitSandbox.hasTool("python3 -c 'import ast'")))
struct CoverageSelectorTests {
    static let before: [String: String] = [
        "pkg/__init__.py": "",
        "pkg/util.py": "def helper():\n    return 1\n\n\ndef counter():\n    global COUNT\n    COUNT = 1\n",
        "pkg/api.py": "from pkg.util import helper\n\n\ndef api():\n    return helper()\n",
        "tests/test_api.py": "from pkg.api import api\n\n\ndef test_api():\n    assert api() == 1\n\n\ndef test_other():\n    pass\n",
        "tests/test_util.py": "from pkg.util import counter\n\n\ndef test_counter():\n    counter()\n",
    ]
    static let suites = [SuiteScope(name: "py", runner: .pytest)]

    /// A selector for `after` whose records were made on `before`.
    func selector(after: [String: String], records: [String: (file: String, failed: Bool, executed: [String: [String]])],
                  dropTables: Set<String> = []) throws -> CoverageSelector {
        let old = InMemoryRepository(Self.before)
        let new = InMemoryRepository(after)
        let both = InMemoryRepository(Self.before.merging(after.map { ("new/" + $0.key, $0.value) }) { $1 })
        let reader = BlockTableReader(source: both, environment: ProcessInfo.processInfo.environment)
        let oldBlobs = Dictionary(uniqueKeysWithValues: old.files.map { ($0.path, $0.blobID) })
        var data = CoverageData()
        data.tables = try reader.tables(of: Set(oldBlobs.filter { $0.key.hasSuffix(".py") && !dropTables.contains($0.key) }.values))
        for (key, record) in records {
            data.tests[key] = TestCoverage(
                file: record.file, fileBlob: oldBlobs[record.file]!, failed: record.failed, executed: [:])
            for (path, blocks) in record.executed {
                data.tests[key]!.executed[path] = TestCoverage.Executed(blob: oldBlobs[path]!, blocks: blocks)
            }
        }
        return CoverageSelector(data: data, index: try new.index(), suites: Self.suites, rules: SelectionRules(),
                                caching: CachingDecorators(), computeTables: { try reader.tables(of: $0) })
    }

    static let records: [String: (file: String, failed: Bool, executed: [String: [String]])] = [
        "tests/test_api.py::test_api": ("tests/test_api.py", false, ["pkg/api.py": ["api"], "pkg/util.py": ["helper"]]),
        "tests/test_api.py::test_other": ("tests/test_api.py", false, [:]),
        "tests/test_util.py::test_counter": ("tests/test_util.py", false, ["pkg/util.py": ["counter"]]),
    ]

    func modified(_ path: String) -> [FileChange] { [FileChange(kind: .modified, oldPath: path, newPath: path)] }

    @Test func changedFunctionSelectsTheTestsThatExecutedIt() throws {
        var after = Self.before
        after["pkg/util.py"] = after["pkg/util.py"]!.replacingOccurrences(of: "return 1", with: "return 2")
        let selection = try selector(after: after, records: Self.records).select(changes: modified("pkg/util.py"))
        #expect(selection.tests.map(\.id) == ["tests/test_api.py::test_api"])
        #expect(selection.tests.first?.note == "executed `helper` in pkg/util.py")
    }

    @Test func statefulFunctionFallsBackToTheImportClosure() throws {
        var after = Self.before
        after["pkg/util.py"] = after["pkg/util.py"]!.replacingOccurrences(of: "COUNT = 1", with: "COUNT = 2")
        let selection = try selector(after: after, records: Self.records).select(changes: modified("pkg/util.py"))
        #expect(selection.tests.map(\.id) == ["tests/test_api.py", "tests/test_util.py"])
        #expect(selection.tests.first?.note == "`counter` in pkg/util.py keeps global state → import closure")
    }

    @Test func missingBlockTableFallsBackToTheImportClosure() throws {
        var after = Self.before
        after["pkg/util.py"] = after["pkg/util.py"]!.replacingOccurrences(of: "return 1", with: "return 2")
        let selection = try selector(after: after, records: Self.records, dropTables: ["pkg/util.py"]).select(changes: modified("pkg/util.py"))
        #expect(selection.tests.map(\.id) == ["tests/test_api.py", "tests/test_util.py"])
        #expect(selection.tests.first?.note == "the coverage data for pkg/util.py is missing → import closure")
    }

    @Test func unexecutedFileFallsBackAndFailedTestsAlwaysRun() throws {
        var after = Self.before
        after["pkg/__init__.py"] = "def hello():\n    return 0\n"
        var records = Self.records
        records["tests/test_util.py::test_counter"]!.failed = true
        let selection = try selector(after: after, records: records).select(changes: modified("pkg/__init__.py"))
        // pkg/__init__.py had no function: a new one changes its module block; either way it goes to the closure.
        #expect(selection.tests.map(\.id) == ["tests/test_api.py", "tests/test_util.py"])
        var onlyBody = Self.before
        onlyBody["pkg/api.py"] = onlyBody["pkg/api.py"]!.replacingOccurrences(of: "return helper()", with: "return helper() + 0")
        let body = try selector(after: onlyBody, records: records).select(changes: modified("pkg/api.py"))
        #expect(body.tests.map(\.id) == ["tests/test_api.py::test_api", "tests/test_util.py::test_counter"])
        #expect(body.tests.last?.note == "failed last time")
    }

    @Test func staleRecordOfAFileOutsideThePushSelectsItsTest() throws {
        var after = Self.before
        // helper changed earlier without a recorded run; this push changes api only.
        after["pkg/util.py"] = after["pkg/util.py"]!.replacingOccurrences(of: "return 1", with: "return 3")
        after["pkg/api.py"] = after["pkg/api.py"]!.replacingOccurrences(of: "return helper()", with: "return helper() + 0")
        var records = Self.records
        records["tests/test_api.py::test_other"]!.executed = ["pkg/util.py": ["helper"]]
        let selection = try selector(after: after, records: records).select(changes: modified("pkg/api.py"))
        #expect(selection.tests.map(\.id) == ["tests/test_api.py::test_api", "tests/test_api.py::test_other"])
        #expect(selection.tests.first?.note == "executed `api` in pkg/api.py")
        #expect(selection.tests.last?.note == "executed `helper` in pkg/util.py, changed since it was recorded")
    }

    @Test func wholeTestFileMakesItsSingleTestsRedundant() {
        let tests = [
            SelectedTest(suite: "py", runner: .pytest, id: "tests/test_a.py::test_x", because: []),
            SelectedTest(suite: "py", runner: .pytest, id: "tests/test_a.py", because: []),
            SelectedTest(suite: "py", runner: .pytest, id: "tests/test_b.py::test_y", because: []),
            SelectedTest(suite: "py", runner: .pytest, id: "tests/test_b.py::test_y", because: []),
        ]
        #expect(CoverageSelector.merge(tests).map(\.id) == ["tests/test_a.py", "tests/test_b.py::test_y"])
    }

    @Test func blockTablesIgnoreFormattingAndCountMovesRenamesAndDecorators() throws {
        let sources = [
            "a": "import functools\n\n\ndef f():\n    return 1\n\n\ndef g():\n    return 2\n",
            "comment": "import functools\n\n\ndef f():  # one\n    return (1)\n\n\ndef g():\n    return 2\n",
            "moved": "import functools\n\n\ndef g():\n    return 2\n\n\ndef f():\n    return 1\n",
            "renamed": "import functools\n\n\ndef h():\n    return 1\n\n\ndef g():\n    return 2\n",
            "decorated": "import functools\n\n\n@functools.lru_cache\ndef f():\n    return 1\n\n\ndef g():\n    return 2\n",
            "broken": "def f(:\n",
        ]
        let repo = InMemoryRepository(sources)
        let ids = Dictionary(uniqueKeysWithValues: repo.files.map { ($0.path, $0.blobID) })
        let tables = try BlockTableReader(source: repo, environment: ProcessInfo.processInfo.environment).tables(of: Set(ids.values))
        let a = try #require(tables[ids["a"]!])
        #expect(a.changedBlocks(comparedTo: tables[ids["comment"]!]!) == [])
        #expect(a.changedBlocks(comparedTo: tables[ids["moved"]!]!) == ["<module>"])
        #expect(a.changedBlocks(comparedTo: tables[ids["renamed"]!]!) == ["<module>", "f", "h"])
        let decorated = try #require(tables[ids["decorated"]!])
        #expect(a.changedBlocks(comparedTo: decorated) == ["<module>", "f"])
        #expect(CachingDecorators().caching(decorated.blocks["f"]!.decorators) == "functools.lru_cache")
        #expect(CachingDecorators(configured: ["memo"]).caching(["mylib.memo"]) == "mylib.memo")
        #expect(tables[ids["broken"]!]?.error != nil)
    }
}
