import Testing

@testable import GateCore

/// pytest configuration as selection reads it (`PytestConfiguration`, `PytestCollection`) and the import-path rule
/// (`PythonImportPathRule`), on in-memory trees.
@Suite struct PytestLayoutSelectionTests {
    private func testpaths(_ name: String, _ text: String) -> [String]? {
        PytestConfiguration.read(fileName: name, contents: Array(text.utf8))?.testpaths
    }

    @Test func readsTestpathsFromEveryConfigurationFile() {
        #expect(testpaths("pytest.ini", "[pytest]\ntestpaths =\n    tests\n    integration\naddopts = -q\n") == ["tests", "integration"])
        #expect(testpaths(".pytest.ini", "[pytest]\ntestpaths: tests\n") == ["tests"])
        #expect(testpaths("tox.ini", "[tox]\nenvlist = py3\n\n[pytest]\n# comment\ntestpaths = tests docs\n") == ["tests", "docs"])
        #expect(testpaths("setup.cfg", "[metadata]\nname = x\n[tool:pytest]\ntestpaths = tests\n[flake8]\ntestpaths = no\n") == ["tests"])
        #expect(testpaths("pyproject.toml", "[tool.pytest.ini_options]\ntestpaths = \"tests\"\n") == ["tests"])
        #expect(testpaths("pyproject.toml", "[tool.pytest.ini_options]\ntestpaths = [\n  \"tests\",  # unit\n  'it',\n]\n[tool.x]\n")
            == ["tests", "it"])
        #expect(testpaths("pyproject.toml", "[tool.pytest]\ntestpaths = [\"t\"]\n") == ["t"])
    }

    @Test func aFileWithoutAPytestSectionIsNoConfigurationButPytestIniAlwaysIs() {
        #expect(testpaths("tox.ini", "[tox]\nenvlist = py3\n") == nil)
        #expect(testpaths("setup.cfg", "[metadata]\nname = x\n") == nil)
        #expect(testpaths("pyproject.toml", "[project]\nname = \"x\"\n[tool.ruff]\ntestpaths = [\"no\"]\n") == nil)
        #expect(testpaths("pytest.ini", "") == [])
        #expect(testpaths("pyproject.toml", "[tool.pytest.ini_options]\naddopts = \"-q\"\n") == [])
        // A value gate cannot read restricts nothing.
        #expect(testpaths("pyproject.toml", "[tool.pytest.ini_options]\ntestpaths = TESTS\n") == [])
    }

    static let tree: [String: String] = [
        "pyproject.toml": "[project]\nname = \"lib\"\n[tool.pytest.ini_options]\ntestpaths = [\"tests\", \"it*\"]\n",
        "tox.ini": "[pytest]\ntestpaths = other\n",
        "src/lib/__init__.py": "",
        "src/lib/core.py": "X = 1\n",
        "tests/test_core.py": "from lib.core import X\n",
        "it_db/test_db.py": "from lib.core import X\n",
        "bench/test_bench.py": "from lib.core import X\n",
        "sub/pytest.ini": "[pytest]\n",
        "sub/test_sub.py": "from lib.core import X\n",
    ]

    private func ids(_ tree: [String: String], suites: [SuiteScope]) throws -> [String] {
        let index = try InMemoryRepository(tree).index()
        return TestSelector.select(changed: ["src/lib/core.py"], index: index, suites: suites, rules: SelectionRules())
            .tests.map { "\($0.suite):\($0.id)" }
    }

    @Test func aSuiteAtTheConfigurationsDirectoryRunsOnlyItsTestpaths() throws {
        let index = try InMemoryRepository(Self.tree).index()
        // pyproject.toml wins over tox.ini in the same directory; sub/ has its own (empty) configuration.
        #expect(index.pytestTestpaths == ["": ["tests", "it*"], "sub": []])
        let root = [SuiteScope(name: "py", runner: .pytest)]
        #expect(try ids(Self.tree, suites: root) == ["py:it_db/test_db.py", "py:tests/test_core.py"])
        // A suite elsewhere collects its whole directory (testpaths apply only from the rootdir).
        let bench = root + [SuiteScope(name: "bench", runner: .pytest, workingDirectory: "bench")]
        #expect(try ids(Self.tree, suites: bench) == ["bench:test_bench.py", "py:it_db/test_db.py", "py:tests/test_core.py"])
        // A suite at sub/ uses sub/pytest.ini, which has no testpaths.
        let sub = root + [SuiteScope(name: "sub", runner: .pytest, workingDirectory: "sub")]
        #expect(try ids(Self.tree, suites: sub).contains("sub:test_sub.py"))
    }

    @Test func anIncrementalBuildRereadsAChangedOrRemovedConfiguration() throws {
        var tree = Self.tree
        let first = InMemoryRepository(tree)
        let (index, _) = try DependencyIndexBuilder.build(files: first.files, source: first, previous: nil, dumpManifest: nil)
        tree["pyproject.toml"] = "[tool.pytest.ini_options]\ntestpaths = \"bench\"\n"
        let changed = InMemoryRepository(tree)
        let (second, _) = try DependencyIndexBuilder.build(files: changed.files, source: changed, previous: index, dumpManifest: nil)
        #expect(second.pytestTestpaths == ["": ["bench"], "sub": []])
        tree["pyproject.toml"] = nil
        let removed = InMemoryRepository(tree)
        let (third, _) = try DependencyIndexBuilder.build(files: removed.files, source: removed, previous: second, dumpManifest: nil)
        #expect(third.pytestTestpaths == ["": ["other"], "sub": []])
        // Stored and loaded, the configurations come back as they were.
        #expect(try DependencyIndexCodec.decode(DependencyIndexCodec.encode(third)) == third)
    }

    @Test func pythonFilesMakeMoreFilesTestsAndAChangeToThemReflagsEveryFile() throws {
        #expect(PytestConfiguration.read(fileName: "pyproject.toml", contents: Array(
            "[tool.pytest.ini_options]\npython_files = [\"check_*.py\", \"test_*.py\"]\n".utf8))?.pythonFiles == ["check_*.py", "test_*.py"])
        var tree = [
            "setup.cfg": "[tool:pytest]\npython_files = check_*.py\n",
            "lib.py": "X = 1\n",
            "tests/check_lib.py": "from lib import X\n",
            "tests/test_lib.py": "from lib import X\n",
        ]
        let first = InMemoryRepository(tree)
        let (index, _) = try DependencyIndexBuilder.build(files: first.files, source: first, previous: nil, dumpManifest: nil)
        #expect(index.files["tests/check_lib.py"]?.isTest == true)
        // pytest's default names stay tests too (which configuration a run uses depends on where it runs).
        #expect(index.files["tests/test_lib.py"]?.isTest == true)
        let selection = TestSelector.select(
            changed: ["lib.py"], index: index, suites: [SuiteScope(name: "py", runner: .pytest)], rules: SelectionRules())
        #expect(selection.tests.map(\.id) == ["tests/check_lib.py", "tests/test_lib.py"])
        tree["setup.cfg"] = "[tool:pytest]\naddopts = -q\n"
        let second = InMemoryRepository(tree)
        let (updated, _) = try DependencyIndexBuilder.build(files: second.files, source: second, previous: index, dumpManifest: nil)
        #expect(updated.files["tests/check_lib.py"]?.isTest == false)
        #expect(updated == (try second.index()))
    }

    @Test func testpathsThatHoldNoTestRestrictNothing() throws {
        var tree = Self.tree
        tree["pyproject.toml"] = "[tool.pytest.ini_options]\ntestpaths = [\"missing\"]\n"
        #expect(try ids(tree, suites: [SuiteScope(name: "py", runner: .pytest)]).count == 4)
        tree["pyproject.toml"] = "[tool.pytest.ini_options]\ntestpaths = [\"../elsewhere\", \"tests\"]\n"
        #expect(try ids(tree, suites: [SuiteScope(name: "py", runner: .pytest)]).count == 4)
    }

    @Test func aModuleIsReachableByEveryDottedSuffixOfItsPath() throws {
        #expect(PythonImportPathRule.suffixes(ofModule: "x/sub/cards.py") == ["x.sub.cards", "sub.cards", "cards"])
        #expect(PythonImportPathRule.suffixes(ofModule: "x/sub/__init__.py") == ["x.sub", "sub"])
        let tree = [
            "lib/__init__.py": "",
            "lib/x/__init__.py": "",
            "lib/x/sub/__init__.py": "",
            "lib/x/sub/cards.py": "V = 1\n",
            "lib/x/sub/cards.pyi": "V: int\n",
            "lib/x/other.py": "V = 1\n",
            "tests/test_a.py": "from sub.cards import V\nimport json\n",
            "tests/test_b.py": "import cards.V\n",
            "tests/test_c.py": "from lib.x.other import V\n",
        ]
        let index = try InMemoryRepository(tree).index()
        let select = { (path: String) in
            TestSelector.select(changed: [path], index: index, suites: [SuiteScope(name: "py", runner: .pytest)], rules: SelectionRules())
        }
        let cards = select("lib/x/sub/cards.py")
        #expect(cards.tests.map(\.id) == ["tests/test_a.py", "tests/test_b.py"])
        #expect(cards.tests.first?.note?.contains("tests/test_a.py imports `sub.cards`") == true)
        // The package's __init__.py runs for `sub.cards` too; the stub of a .py module is never imported.
        #expect(select("lib/x/sub/__init__.py").tests.map(\.id) == ["tests/test_a.py"])
        #expect(select("lib/x/sub/cards.pyi").tests.isEmpty)
        // A statically resolved import carries no note.
        #expect(select("lib/x/other.py").tests.map(\.id) == ["tests/test_c.py"])
        #expect(select("lib/x/other.py").tests.first?.note == nil)
        // A deleted module still reaches the importers that named it by a suffix.
        let deleted = try InMemoryRepository(tree.filter { $0.key != "lib/x/sub/cards.py" && $0.key != "lib/x/sub/cards.pyi" }).index()
        let gone = TestSelector.select(
            changed: ["lib/x/sub/cards.py"], index: deleted, suites: [SuiteScope(name: "py", runner: .pytest)], rules: SelectionRules())
        #expect(gone.tests.map(\.id) == ["tests/test_a.py", "tests/test_b.py"])
    }
}
