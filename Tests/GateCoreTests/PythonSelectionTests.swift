import Testing

@testable import GateCore

@Suite struct PythonSelectionTests {
    static let tree: [String: String] = [
        "pyproject.toml": "[project]\nname = 'demo'\n",
        "README.md": "# demo\n",
        "docs/guide.md": "import pkg.util\n",
        "pkg/__init__.py": "",
        "pkg/util.py": "def helper():\n    return 1\n",
        "pkg/api.py": "from pkg.util import helper\n",
        "pkg/models.py": "from . import util\n",
        "pkg/sub/__init__.py": "",
        "pkg/sub/leaf.py": "VALUE = 1\n",
        "src/shop/__init__.py": "from .cart import Cart\n",
        "src/shop/cart.py": "from shop.prices import total\nclass Cart: pass\n",
        "src/shop/prices.py": "def total(): return 0\n",
        "tests/conftest.py": "import pytest\n",
        "tests/data/sample.json": "{}\n",
        "tests/test_api.py": "from pkg.api import helper\n",
        "tests/test_models.py": "import pkg.models\n",
        "tests/test_leaf.py": "from pkg.sub import leaf\n",
        "tests/test_shop.py": "from shop import Cart\n",
    ]
    static let suites = [SuiteScope(name: "py", runner: .pytest)]

    private func select(_ changed: [String], tree: [String: String] = tree) throws -> Selection {
        TestSelector.select(
            changed: changed, index: try InMemoryRepository(tree).index(), suites: Self.suites, rules: SelectionRules())
    }

    @Test func resolvesPackageChainsRootsAndReExports() throws {
        let index = try InMemoryRepository(Self.tree).index()
        #expect(index.files["tests/test_leaf.py"]?.edges == [
            "pkg/sub/__init__.py", "pkg/__init__.py", "pkg/sub/leaf.py", "tests/conftest.py",
        ])
        #expect(index.files["src/shop/__init__.py"]?.edges == ["src/shop/cart.py"])
        #expect(index.files["tests/test_shop.py"]?.edges.first == "src/shop/__init__.py")
        #expect(index.pythonRoots.contains("src"))
        #expect(index.files["tests/test_api.py"]?.isTest == true)
        #expect(index.files["tests/conftest.py"]?.isTest == false)
    }

    @Test func leafChangeSelectsOnlyItsTest() throws {
        let selection = try select(["pkg/sub/leaf.py"])
        #expect(selection.mode == .selected)
        #expect(selection.tests == [
            SelectedTest(suite: "py", runner: .pytest, id: "tests/test_leaf.py", because: ["pkg/sub/leaf.py", "tests/test_leaf.py"]),
        ])
    }

    @Test func sharedModuleSelectsAllItsDependents() throws {
        let selection = try select(["pkg/util.py"])
        #expect(selection.ids == ["tests/test_api.py", "tests/test_models.py"])
        #expect(selection.test("tests/test_api.py")?.because == ["pkg/util.py", "pkg/api.py", "tests/test_api.py"])
    }

    @Test func reExportingInitIsAnEdge() throws {
        let selection = try select(["src/shop/prices.py"])
        #expect(selection.tests.map(\.because) == [
            ["src/shop/prices.py", "src/shop/cart.py", "src/shop/__init__.py", "tests/test_shop.py"],
        ])
    }

    @Test func manifestSelectsAll() throws {
        let selection = try select(["pyproject.toml", "README.md"])
        #expect(selection.mode == .all)
        #expect(selection.reason.hasPrefix("pyproject.toml changed: a manifest"))
        #expect(selection.ids.count == 4)
    }

    @Test func docsOnlySelectNone() throws {
        let selection = try select(["README.md", "docs/guide.md"])
        #expect(selection.mode == .none)
        #expect(selection.tests.isEmpty)
        #expect(selection.reason == "2 files changed, none affects a test: README.md, docs/guide.md")
    }

    @Test func conftestAndTestDataSelectTheirDirectory() throws {
        #expect(try select(["tests/conftest.py"]).ids.count == 4)
        let data = try select(["tests/data/sample.json"])
        #expect(data.mode == .selected)
        #expect(data.ids.count == 4)
        #expect(data.test("tests/test_api.py")?.because == ["tests/data/sample.json", "tests/test_api.py"])
    }

    @Test func deletedModuleSelectsItsImporters() throws {
        var tree = Self.tree
        tree["pkg/util.py"] = nil
        let selection = try select(["pkg/util.py"], tree: tree)
        #expect(selection.ids == ["tests/test_api.py", "tests/test_models.py"])
        #expect(selection.test("tests/test_api.py")?.because == ["pkg/util.py", "pkg/api.py", "tests/test_api.py"])
    }

    @Test func renameCountsBothPaths() throws {
        var tree = Self.tree
        tree["pkg/sub/leaf.py"] = nil
        tree["pkg/sub/renamed.py"] = "VALUE = 1\n"
        let selection = try select(["pkg/sub/leaf.py", "pkg/sub/renamed.py"], tree: tree)
        #expect(selection.ids == ["tests/test_leaf.py"])
    }

    @Test func unparseableFileSelectsItsDependentsAndIsReachedByAnyPythonChange() throws {
        var tree = Self.tree
        tree["pkg/broken.py"] = "x = 'never closed\nimport pkg.sub.leaf\n"
        tree["tests/test_broken.py"] = "import pkg.broken\n"
        let index = try InMemoryRepository(tree).index()
        #expect(index.files["pkg/broken.py"]?.unparseable == true)

        let own = TestSelector.select(changed: ["pkg/broken.py"], index: index, suites: Self.suites, rules: SelectionRules())
        #expect(own.ids == ["tests/test_broken.py"])

        let other = TestSelector.select(changed: ["pkg/sub/leaf.py"], index: index, suites: Self.suites, rules: SelectionRules())
        #expect(other.ids == ["tests/test_broken.py", "tests/test_leaf.py"])
        #expect(other.test("tests/test_broken.py")?.because == ["pkg/sub/leaf.py", "pkg/broken.py", "tests/test_broken.py"])
    }

    @Test func unknownFileSelectsAllAndIsNamed() throws {
        let selection = try select(["assets/model.bin"])
        #expect(selection.mode == .all)
        #expect(selection.reason.hasPrefix("assets/model.bin changed:"))
    }

    @Test func idsAreRelativeToTheSuiteDirectory() throws {
        let index = try InMemoryRepository(Self.tree).index()
        let suites = [SuiteScope(name: "all", runner: .pytest), SuiteScope(name: "unit", runner: .pytest, workingDirectory: "tests")]
        let selection = TestSelector.select(changed: ["pkg/sub/leaf.py"], index: index, suites: suites, rules: SelectionRules())
        #expect(selection.tests.map { "\($0.suite) \($0.id)" } == ["unit test_leaf.py"])
    }
}
