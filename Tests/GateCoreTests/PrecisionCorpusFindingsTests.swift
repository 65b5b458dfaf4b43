import Foundation
import Testing

@testable import GateCore

/// Found by Benchmarks/precision_corpus.sh on marshmallow (commit 0a7d543): its pyproject.toml sets
/// `norecursedirs = "... tests/mypy_test_cases"`, so pytest never collects `tests/mypy_test_cases/test_*.py` (files for
/// mypy, not pytest). gate selected such a file anyway and handed it to pytest by name, which collects it (an explicit
/// argument overrides norecursedirs). marshmallow's `tests/mypy_test_cases/test_validation_error.py` raises TypeError at
/// import on every tree, so the run stopped at collection and every push reaching marshmallow's code was blocked.
/// Fixed: `PytestCollection` prunes the directories `norecursedirs` (or pytest's default) names.
@Suite(.enabled(if: GitSandbox.hasTool("python3 -c 'import pytest'")))
struct PytestNorecursedirsTests {
    static let tree: [String: String] = [
        ".gate.yml": "version: 1\nsuites:\n  - name: py\n    runner: pytest\n    timeout: 300\n"
            + "    env: {PYTHONPATH: src}\nfix:\n  provider: none\n",
        ".gitignore": "__pycache__/\n",
        "pyproject.toml": "[project]\nname = \"lib\"\nversion = \"1\"\n[tool.pytest.ini_options]\n"
            + "norecursedirs = \".git docs tests/mypy_test_cases\"\n",
        "src/lib/__init__.py": "",
        "src/lib/core.py": "X = 1\n",
        "tests/test_core.py": "from lib.core import X\n\n\ndef test_x():\n    assert X > 0\n",
        // Like marshmallow's: for mypy, fails at import under pytest.
        "tests/mypy_test_cases/test_types.py": "from lib.core import X\n\nraise TypeError(X)\n",
    ]

    @Test func aTestFileInANorecursedirsDirectoryIsNotSelectedAndDoesNotBlockThePush() throws {
        let repo = try SelectionRepo(Self.tree, name: "gate-norecurse")
        try repo.install()
        try repo.commit("bump", write: ["src/lib/core.py": "X = 2\n"])
        let report = try repo.affectedByLastCommit()
        #expect(report.ids == ["tests/test_core.py"], "\(report.reason)")
        let push = try repo.push(expect: 0)
        #expect(try repo.remoteHead() == repo.box.rev("HEAD", in: "work"), "\(push.output)")
    }

    @Test func withoutTheSettingPytestsDefaultDirectoriesArePruned() throws {
        let configured = try InMemoryRepository(Self.tree).index()
        #expect(configured.pytestNorecursedirs == ["": [".git", "docs", "tests/mypy_test_cases"]])
        #expect(try DependencyIndexCodec.decode(DependencyIndexCodec.encode(configured)) == configured)
        var tree = Self.tree.filter { $0.key.hasPrefix("src/") || $0.key == "tests/test_core.py" }
        for path in ["build/test_b.py", ".tox/py3/test_t.py", "venv/lib/test_v.py", "lib.egg/test_e.py", "docs/test_d.py"] {
            tree[path] = "from lib.core import X\n"
        }
        let index = try InMemoryRepository(tree).index()
        let ids = TestSelector.select(changed: ["src/lib/core.py"], index: index,
                                      suites: [SuiteScope(name: "py", runner: .pytest)], rules: SelectionRules()).tests.map(\.id)
        #expect(ids.sorted() == ["docs/test_d.py", "tests/test_core.py"])
    }

    @Test func patternsMatchLikePytestsFnmatchEx() {
        #expect(PytestCollection.matches("tests/mypy_test_cases", directory: "tests/mypy_test_cases"))
        #expect(PytestCollection.matches("tests/mypy_test_cases", directory: "pkg/tests/mypy_test_cases"))
        #expect(!PytestCollection.matches("tests/mypy_test_cases", directory: "mypy_test_cases"))
        #expect(PytestCollection.matches(".*", directory: "a/.tox"))
        #expect(PytestCollection.matches("*.egg", directory: "lib.egg"))
        #expect(PytestCollection.matches("{arch}", directory: "x/{arch}"))
        #expect(!PytestCollection.matches("build", directory: "build/sub"))
        #expect(PytestConfiguration.read(fileName: "setup.cfg", contents: Array("[tool:pytest]\nnorecursedirs = a b*\n".utf8))?
            .norecursedirs == ["a", "b*"])
        #expect(PytestConfiguration.read(fileName: "pyproject.toml",
                                         contents: Array("[tool.pytest.ini_options]\nnorecursedirs = [\"a\", 'b']\n".utf8))?
            .norecursedirs == ["a", "b"])
        #expect(PytestConfiguration.read(fileName: "pytest.ini", contents: Array("[pytest]\n".utf8))?.norecursedirs == nil)
    }
}

/// Found by Benchmarks/precision_corpus.sh on pyflakes (commits 9228d60, 87051d2, cadcd60, b1f8362): a function whose
/// first statement is a decorated `def` (pyflakes' `in_annotation`, called at run time by `Checker.handleStringAnnotation`)
/// gets a block that starts at the nested `def` line (`statement.body[0].lineno`), so the decorator line above it,
/// which runs on every call of the outer function, is owned by no function and read as module-level code. The coverage
/// plugin then records `<module>` of pyflakes/checker.py as executed inside two tests, and the name flow reads every
/// changed function those tests ran as "ran while the test imported pyflakes/checker.py" → the import closure (all 11
/// test files). Fixed: a function's block covers every line of its body, decorators of nested statements included.
@Suite(.enabled(if: GitSandbox.hasTool("python3 -c 'import ast'")))
struct DecoratedFirstStatementBlockTests {
    @Test func theDecoratorOfAFunctionsFirstStatementBelongsToTheFunction() throws {
        let sandbox = try GitSandbox()
        let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Templates").path
        try sandbox.write("check.py", """
            import sys
            sys.path.insert(0, sys.argv[1])
            import gate_blocks
            source = "import functools\\n\\ndef in_annotation(func):\\n    @functools.wraps(func)\\n    def inner(*a):\\n        return func(*a)\\n    return inner\\n"
            print(gate_blocks.line_owners(gate_blocks.block_table(source)).get(4, "<module>"))
            """)
        let owner = try sandbox.sh("python3 check.py '\(templates)'").output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(owner == "in_annotation")
    }
}
