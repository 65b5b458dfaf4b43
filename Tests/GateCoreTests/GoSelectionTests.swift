import Testing

@testable import GateCore

@Suite struct GoSelectionTests {
    static let tree: [String: String] = [
        "go.mod": "module example.com/m\n\ngo 1.22\n",
        "go.sum": "",
        "pkg/a/a.go": "package a\n",
        "pkg/a/a_test.go": "package a\n\nimport \"testing\"\n",
        "pkg/a/testdata/input.txt": "golden\n",
        "pkg/b/b.go": "package b\n\nimport \"example.com/m/pkg/a\"\n",
        "pkg/b/b_test.go": "package b_test\n\nimport (\n\t\"testing\"\n\n\t\"example.com/m/pkg/b\"\n)\n",
        "pkg/c/c.go": "//go:build linux\n\npackage c\n\nimport alias \"example.com/m/pkg/b\"\n",
        "pkg/c/c_test.go": "package c\n",
        "pkg/d/d.go": "package d\n",
        "pkg/d/d_test.go": "package d\n",
        "cmd/tool/main.go": "package main\n\nimport \"example.com/m/pkg/b\"\n",
    ]
    static let suites = [SuiteScope(name: "go", runner: .go)]

    private func select(_ changed: [String], tree: [String: String] = tree) throws -> Selection {
        TestSelector.select(
            changed: changed, index: try InMemoryRepository(tree).index(), suites: Self.suites, rules: SelectionRules())
    }

    @Test func resolvesInModuleImportsToPackageDirectories() throws {
        let index = try InMemoryRepository(Self.tree).index()
        #expect(index.files["pkg/b/b.go"]?.edges == ["pkg/a"])
        #expect(index.files["pkg/b/b.go"]?.owner == "pkg/b")
        #expect(index.files["pkg/b/b_test.go"]?.edges == ["pkg/b"])
        #expect(index.files["pkg/a/testdata/input.txt"]?.language == .other)
    }

    @Test func leafPackageChangeSelectsOnlyItself() throws {
        let selection = try select(["pkg/d/d.go"])
        #expect(selection.tests == [SelectedTest(suite: "go", runner: .go, id: "./pkg/d", because: ["pkg/d/d.go", "pkg/d"])])
    }

    @Test func sharedPackageSelectsDependentsThroughBuildTaggedFiles() throws {
        let selection = try select(["pkg/a/a.go"])
        #expect(selection.ids == ["./pkg/a", "./pkg/b", "./pkg/c"])
        #expect(selection.test("./pkg/c")?.because == ["pkg/a/a.go", "pkg/a", "pkg/b/b.go", "pkg/b", "pkg/c/c.go", "pkg/c"])
    }

    @Test func testdataSelectsOnlyItsPackageTests() throws {
        let selection = try select(["pkg/a/testdata/input.txt"])
        #expect(selection.tests == [
            SelectedTest(suite: "go", runner: .go, id: "./pkg/a", because: ["pkg/a/testdata/input.txt", "pkg/a"]),
        ])
    }

    @Test func moduleFilesSelectAll() throws {
        let selection = try select(["go.sum"])
        #expect(selection.mode == .all)
        #expect(selection.ids == ["./pkg/a", "./pkg/b", "./pkg/c", "./pkg/d"])
    }

    @Test func deletedPackageSelectsImporters() throws {
        var tree = Self.tree
        for path in ["pkg/a/a.go", "pkg/a/a_test.go", "pkg/a/testdata/input.txt"] { tree[path] = nil }
        let selection = try select(["pkg/a/a.go", "pkg/a/a_test.go"], tree: tree)
        #expect(selection.ids == ["./pkg/b", "./pkg/c"])
    }

    @Test func renamedFileSelectsBothPackages() throws {
        var tree = Self.tree
        tree["pkg/d/d.go"] = nil
        tree["pkg/a/d.go"] = "package a\n"
        #expect(try select(["pkg/d/d.go", "pkg/a/d.go"], tree: tree).ids == ["./pkg/a", "./pkg/b", "./pkg/c", "./pkg/d"])
    }

    @Test func unparseableFileStillSelectsItsPackageAndImporters() throws {
        var tree = Self.tree
        tree["pkg/a/broken.go"] = "package a\nimport (\n\"never closed\n"
        let selection = try select(["pkg/a/broken.go"], tree: tree)
        #expect(selection.ids == ["./pkg/a", "./pkg/b", "./pkg/c"])
    }

    /// Issue 13: pkg/b's external test imports pkg/b and pkg/d; pkg/c imports pkg/b. A change in pkg/d reaches the
    /// tests of pkg/b (and its own), not pkg/c through pkg/b.
    @Test func testFileImportsAreEdgesOfTheirPackagesTestsOnly() throws {
        var tree = Self.tree
        tree["pkg/b/b_test.go"] = "package b_test\n\nimport (\n\t\"testing\"\n\n\t\"example.com/m/pkg/b\"\n\t\"example.com/m/pkg/d\"\n)\n"
        let selection = try select(["pkg/d/d.go"], tree: tree)
        #expect(selection.ids == ["./pkg/b", "./pkg/d"])
        #expect(selection.test("./pkg/b")?.because == ["pkg/d/d.go", "pkg/d", "pkg/b/b_test.go", "pkg/b"])
        // A changed test file runs its own package's tests only.
        #expect(try select(["pkg/b/b_test.go"], tree: tree).ids == ["./pkg/b"])
    }

    @Test func suiteDirectoryMakesRelativePatterns() throws {
        let index = try InMemoryRepository(Self.tree).index()
        let selection = TestSelector.select(
            changed: ["pkg/d/d.go"], index: index, suites: [SuiteScope(name: "go", runner: .go, workingDirectory: "pkg/d")],
            rules: SelectionRules())
        #expect(selection.ids == ["."])
    }
}
