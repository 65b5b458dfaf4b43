import Testing

@testable import GateCore

/// Found by Benchmarks/precision_corpus.sh on marshmallow (commit 0a7d543): its pyproject.toml sets
/// `norecursedirs = "... tests/mypy_test_cases"`, so pytest never collects `tests/mypy_test_cases/test_*.py` (files for
/// mypy, not pytest). gate selects such a file anyway and hands it to pytest by name, which collects it (an explicit
/// argument overrides norecursedirs): a collection error there interrupts the whole run, so no selected test runs.
/// A reproduction, not a fix: the selection should leave out what the project's pytest configuration never collects.
@Suite struct PytestNorecursedirsTests {
    static let tree: [String: String] = [
        "pyproject.toml": "[project]\nname = \"lib\"\n[tool.pytest.ini_options]\n"
            + "norecursedirs = \".git docs tests/mypy_test_cases\"\n",
        "src/lib/__init__.py": "",
        "src/lib/core.py": "X = 1\n",
        "tests/test_core.py": "from lib.core import X\n",
        "tests/mypy_test_cases/test_types.py": "from lib.core import X\nx: str = X  # type: ignore\n",
    ]

    @Test func aTestFileInANorecursedirsDirectoryIsNotSelected() throws {
        let index = try InMemoryRepository(Self.tree).index()
        let ids = TestSelector.select(changed: ["src/lib/core.py"], index: index,
                                      suites: [SuiteScope(name: "py", runner: .pytest)], rules: SelectionRules())
            .tests.map(\.id)
        #expect(ids.contains("tests/test_core.py"))
        withKnownIssue("gate does not read pytest's norecursedirs (found by precision_corpus.sh on marshmallow)") {
            #expect(!ids.contains("tests/mypy_test_cases/test_types.py"))
        }
    }
}
