import Testing

@testable import GateCore

@Suite struct SelectionRulesTests {
    static let suites = [
        SuiteScope(name: "py", runner: .pytest),
        SuiteScope(name: "lint", runner: .command, workingDirectory: "pkg"),
    ]

    private func select(_ changed: [String], rules: SelectionRules) throws -> Selection {
        let index = try InMemoryRepository(PythonSelectionTests.tree).index()
        return TestSelector.select(changed: changed, index: index, suites: Self.suites, rules: rules)
    }

    @Test func alwaysGlobSelectsEverythingAndSaysWhy() throws {
        let selection = try select(["ci/deploy.sh", "pkg/sub/leaf.py"], rules: SelectionRules(always: ["ci/**"]))
        #expect(selection.mode == .all)
        #expect(selection.reason == "ci/deploy.sh changed: it matches the always glob 'ci/**'")
        #expect(selection.ids.contains("lint"))
        #expect(selection.tests.count == 5)
        #expect(selection.tests.allSatisfy { $0.because == ["ci/deploy.sh"] })
    }

    @Test func ignoreGlobWinsOverEverything() throws {
        let selection = try select(["assets/big.bin", "pyproject.toml"], rules: SelectionRules(ignore: ["assets/", "pyproject.toml"]))
        #expect(selection.mode == .none)
    }

    @Test func commandSuiteRunsWholeForChangesInItsDirectory() throws {
        let inside = try select(["pkg/sub/leaf.py"], rules: SelectionRules())
        #expect(inside.tests.map { "\($0.suite):\($0.id)" } == ["lint:lint", "py:tests/test_leaf.py"])
        let outside = try select(["tests/test_api.py"], rules: SelectionRules())
        #expect(outside.tests.map(\.suite) == ["py"])
        #expect(try select(["pkg/README.md"], rules: SelectionRules()).mode == .none)
    }

    @Test func changedTestSelectsItselfAndNoChangeSelectsNone() throws {
        let selection = try select(["tests/test_api.py"], rules: SelectionRules())
        #expect(selection.tests.first?.because == ["tests/test_api.py"])
        #expect(try select([], rules: SelectionRules()).reason == "no files changed")
    }

    @Test func globalFilesAndDocumentationAreRecognised() {
        for path in ["Package.resolved", "requirements-dev.txt", "sub/package.json", "jest.config.ts", "go.work", ".gate.yml", "conftest.py"] {
            #expect(GlobalFileRule.reason(for: path) != nil, "\(path)")
        }
        #expect(GlobalFileRule.reason(for: "tests/conftest.py") == nil)
        // Hosted CI configuration: on pyflakes' history a workflow edit ran every test in 3 of 14 commits.
        for path in ["README.md", "docs/conf.py", "LICENSE", ".gitignore", "img/logo.png", ".github/workflows/test.yml",
                     ".gitlab-ci.yml", ".circleci/config.yml"] {
            #expect(DocumentationRule.isDocumentation(path), "\(path)")
        }
        // Configuration of services and hooks that run outside any test (sqlparse 31903e09db ran every test for a
        // `.pre-commit-hooks.yaml` edit); a package's `py.typed` marker is not among them (a packaging test can read it).
        for path in [".pre-commit-config.yaml", ".pre-commit-hooks.yaml", ".readthedocs.yaml", ".readthedocs.yml", "codecov.yml",
                     ".codecov.yml", ".git-blame-ignore-revs"] {
            #expect(DocumentationRule.isDocumentation(path), "\(path)")
        }
        #expect(!DocumentationRule.isDocumentation("sqlparse/py.typed"))
        #expect(!DocumentationRule.isDocumentation("tests/.pre-commit-config.yaml"))
        // Plain text can be data a test reads, so it is not documentation.
        #expect(!DocumentationRule.isDocumentation("notes.txt"))
        #expect(!DocumentationRule.isDocumentation("tests/data/expected.txt"))
        // Only at the root: a package's own `.github` directory name elsewhere is code or data.
        #expect(!DocumentationRule.isDocumentation("src/.github/x.py"))
    }
}
