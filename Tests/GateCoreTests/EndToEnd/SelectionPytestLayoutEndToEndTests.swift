import Foundation
import Testing
@testable import GateCore

/// Selection against how pytest is configured to run: modules reached only through the suite's import path
/// (`PYTHONPATH` in the suite's env, pytest's `pythonpath`, a `sys.path` change in conftest.py), and test files
/// outside pytest's `testpaths`. Real pushes through the installed hook, real pytest.
@Suite("selection end to end: pytest layout", .enabled(if: GitSandbox.hasTool("python3 -c 'import pytest'")))
struct SelectionPytestLayoutEndToEndTests {
    /// How `pkg/` gets onto the test's import path.
    enum ImportPath: String, CaseIterable, CustomTestStringConvertible {
        case suiteEnvironment, pytestPythonpath, conftestSysPath
        var testDescription: String { rawValue }
    }

    /// `pkg/cards.py` (no `__init__.py`) imports its sibling `deck`; the test does `import cards`.
    static func importPathFiles(_ way: ImportPath) -> [String: String] {
        let env = way == .suiteEnvironment ? "    env: {PYTHONPATH: pkg}\n" : ""
        var files = [
            ".gate.yml": "version: 1\nsuites:\n  - name: python\n    runner: pytest\n    timeout: 300\n\(env)fix:\n  provider: none\n",
            ".gitignore": "__pycache__/\n",
            "pkg/cards.py": "from deck import size\n\n\ndef hand(n):\n    return min(n, size())\n",
            "pkg/deck.py": "def size():\n    return 52\n",
            "tests/test_cards.py": "import cards\n\n\ndef test_hand():\n    assert cards.hand(5) == 5\n",
            "tests/test_other.py": "def test_other():\n    assert 1 + 1 == 2\n",
        ]
        switch way {
        case .suiteEnvironment: break
        case .pytestPythonpath: files["pytest.ini"] = "[pytest]\npythonpath = pkg\n"
        case .conftestSysPath:
            files["tests/conftest.py"] = "import os\nimport sys\n\n"
                + "sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'pkg'))\n"
        }
        return files
    }

    @Test(arguments: ImportPath.allCases)
    func moduleOnTheSuiteImportPathIsSelectedAndItsBugBlocksThePush(_ way: ImportPath) throws {
        let repo = try SelectionRepo(Self.importPathFiles(way), name: "gate-sel-path")
        try repo.install()
        // A module only the changed module imports, through the same path, reaches the test too.
        try repo.commit("shrink deck", write: ["pkg/deck.py": "def size():\n    return 3\n"])
        let deeper = try repo.affectedByLastCommit()
        #expect(deeper.ids == ["tests/test_cards.py"], "\(deeper.reason)")
        #expect(deeper.tests.first?.because == ["pkg/deck.py", "pkg/cards.py", "tests/test_cards.py"])

        try repo.box.sh("git reset -q --hard \(repo.base)", in: "work")
        let before = try repo.remoteHead()
        try repo.commit("break cards", write: ["pkg/cards.py": "from deck import size\n\n\ndef hand(n):\n    return min(n, size()) + 1\n"])
        let report = try repo.affectedByLastCommit()
        #expect(report.mode == .selected, "\(report.reason)")
        #expect(report.ids == ["tests/test_cards.py"])
        #expect(report.tests.first?.because == ["pkg/cards.py", "tests/test_cards.py"])
        let explain = try repo.box.gate("affected --from HEAD~1 --explain", in: "work").output
        #expect(explain.contains("tests/test_cards.py ← pkg/cards.py (changed): tests/test_cards.py imports `cards`"), "\(explain)")
        let push = try repo.push(expect: 1)
        #expect(push.output.contains("BLOCKED"))
        #expect(push.output.contains("test_hand"))
        #expect(try repo.remoteHead() == before)
    }

    /// Where the pytest configuration lives, each with `testpaths` limited to `tests`.
    enum IniFile: String, CaseIterable, CustomTestStringConvertible {
        case pyproject, pytestIni, toxIni, setupCfg
        var testDescription: String { rawValue }

        var files: [String: String] {
            switch self {
            case .pyproject:
                ["pyproject.toml": "[project]\nname = \"lib\"\nversion = \"1\"\n\n[tool.pytest.ini_options]\n"
                    + "testpaths = \"tests\"\naddopts = \"--strict-markers\"\n"]
            case .pytestIni: ["pytest.ini": "[pytest]\ntestpaths =\n    tests\naddopts = --strict-markers\n"]
            case .toxIni: ["tox.ini": "[tox]\nenvlist = py3\n\n[pytest]\ntestpaths = tests\naddopts = --strict-markers\n"]
            case .setupCfg: ["setup.cfg": "[metadata]\nname = lib\n\n[tool:pytest]\ntestpaths = tests\naddopts = --strict-markers\n"]
            }
        }
    }

    /// attrs' layout: `src/lib`, tests under `tests/`, and a benchmark outside `testpaths` that needs a plugin which
    /// is not installed (`asv_bench_plugin`, and its marker): handed to pytest, it cannot even be collected, and that
    /// collection error is all gate reported before (the real failure of `test_double` went unseen).
    static func testpathsFiles(_ ini: IniFile) -> [String: String] {
        ini.files.merging([
            ".gate.yml": "version: 1\nsuites:\n  - name: python\n    runner: pytest\n    timeout: 300\nfix:\n  provider: none\n",
            ".gitignore": "__pycache__/\n",
            "src/lib/__init__.py": "",
            "src/lib/core.py": "\"\"\"Core.\"\"\"\n\n\ndef double(x):\n    return x * 2\n",
            "tests/conftest.py": "import os\nimport sys\n\nsys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'src'))\n",
            "tests/test_core.py": "from lib.core import double\n\n\ndef test_double():\n    assert double(2) == 4\n",
            "bench/test_benchmarks.py": "import asv_bench_plugin  # noqa: F401\nimport pytest\n\nfrom lib.core import double\n\n\n"
                + "@pytest.mark.asv_bench(group='core')\ndef test_bench_double():\n    assert double(3) == 6\n",
        ]) { $1 }
    }

    @Test(arguments: IniFile.allCases)
    func testFilesOutsideTestpathsAreNotSelected(_ ini: IniFile) throws {
        let repo = try SelectionRepo(Self.testpathsFiles(ini), name: "gate-sel-testpaths")
        try repo.install()
        // A harmless docstring edit: only the collected tests run, and the push goes through.
        try repo.commit("docstring", write: ["src/lib/core.py": try repo.text("src/lib/core.py").replacingOccurrences(of: "Core.", with: "Core helpers.")])
        let harmless = try repo.affectedByLastCommit()
        #expect(harmless.ids == ["tests/test_core.py"], "\(harmless.reason)")
        let passed = try repo.push()
        #expect(passed.output.contains("1 passed, 0 failed, 0 errors"), "\(passed.output)")

        // A real bug: the failing test is reported (not a collection error of the benchmark).
        let before = try repo.remoteHead()
        try repo.commit("break double", write: ["src/lib/core.py": "\"\"\"Core.\"\"\"\n\n\ndef double(x):\n    return x * 3\n"])
        // The first push recorded coverage, so the test may be chosen by its node id now.
        let broken = try repo.affectedByLastCommit()
        #expect(Set(broken.ids.map { $0.components(separatedBy: "::")[0] }) == ["tests/test_core.py"], "\(broken.ids)")
        let blocked = try repo.push(expect: 1)
        #expect(blocked.output.contains("test_double"), "\(blocked.output)")
        #expect(!blocked.output.contains("test_benchmarks"), "\(blocked.output)")
        #expect(try repo.remoteHead() == before)

        // The benchmark itself is not a test of the suite: changing it selects nothing.
        try repo.box.sh("git reset -q --hard \(before)", in: "work")
        try repo.commit("tune bench", write: ["bench/test_benchmarks.py": try repo.text("bench/test_benchmarks.py") + "\n# tuned\n"])
        let bench = try repo.affectedByLastCommit()
        #expect(bench.mode == .none, "\(bench.reason)")
        #expect(bench.ids.isEmpty)
    }

    /// Test modules named by `python_files` (`check_*.py`) are tests: a bug their test catches blocks the push.
    @Test func testModulesNamedByPythonFilesAreSelectedAndRun() throws {
        let repo = try SelectionRepo([
            ".gate.yml": "version: 1\nsuites:\n  - name: python\n    runner: pytest\n    timeout: 300\nfix:\n  provider: none\n",
            ".gitignore": "__pycache__/\n",
            "setup.cfg": "[metadata]\nname = lib\n\n[tool:pytest]\npython_files = check_*.py\n",
            "lib.py": "def double(x):\n    return x * 2\n",
            "checks/check_lib.py": "from lib import double\n\n\ndef test_double():\n    assert double(2) == 4\n",
        ], name: "gate-sel-pyfiles")
        try repo.install()
        let before = try repo.remoteHead()
        try repo.commit("break double", write: ["lib.py": "def double(x):\n    return x * 3\n"])
        let report = try repo.affectedByLastCommit()
        #expect(report.ids == ["checks/check_lib.py"], "\(report.reason)")
        let push = try repo.push(expect: 1)
        #expect(push.output.contains("checks/check_lib.py::test_double"), "\(push.output)")
        #expect(try repo.remoteHead() == before)
    }

    /// `testpaths` apply only when pytest runs from the directory of its configuration file: a suite running in
    /// `bench/` collects the benchmark whatever the root's `testpaths` say.
    @Test func testpathsDoNotNarrowASuiteRunningElsewhere() throws {
        var files = Self.testpathsFiles(.pytestIni)
        files["pytest.ini"] = "[pytest]\ntestpaths = tests\n"
        files["bench/test_benchmarks.py"] = "from lib.core import double\n\n\ndef test_bench_double():\n    assert double(3) == 6\n"
        files["bench/conftest.py"] = "import os\nimport sys\n\nsys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', 'src'))\n"
        files[".gate.yml"] = "version: 1\nsuites:\n  - name: python\n    runner: pytest\n  - name: bench\n    runner: pytest\n"
            + "    working_directory: bench\nfix:\n  provider: none\n"
        let repo = try SelectionRepo(files, name: "gate-sel-testpaths-wd")
        try repo.commit("docstring", write: ["src/lib/core.py": try repo.text("src/lib/core.py").replacingOccurrences(of: "Core.", with: "Core helpers.")])
        let report = try repo.affectedByLastCommit()
        #expect(Set(report.tests.map { "\($0.suite):\($0.id)" }) == ["python:tests/test_core.py", "bench:test_benchmarks.py"])
    }
}
