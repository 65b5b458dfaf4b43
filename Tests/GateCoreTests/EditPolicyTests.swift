import Foundation
import Testing
@testable import GateCore

extension EditPolicy {
    /// The policy gate would use for `files`: built from their real dependency index.
    static func indexing(_ files: [String: String], extraDeniedGlobs: [String] = []) throws -> EditPolicy {
        let repository = InMemoryRepository(files)
        let (index, _) = try DependencyIndexBuilder.build(files: repository.files, source: repository, previous: nil, dumpManifest: nil)
        return EditPolicy(index: index, extraDeniedGlobs: extraDeniedGlobs)
    }

    /// The policy for the regular files now in `directory` (symlinks left out, as the index leaves them out).
    static func indexing(_ directory: TemporaryDirectory) throws -> EditPolicy {
        var files: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        while let relative = enumerator?.nextObject() as? String {
            let attributes = try FileManager.default.attributesOfItem(atPath: directory.path + "/" + relative)
            guard attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            files[relative] = (try? directory.read(relative)) ?? ""
        }
        return try indexing(files)
    }
}

/// Default deny: only code under test may change. One test per class of file the issue names.
@Suite struct EditPolicyTests {
    static let tree: [String: String] = [
        "calc.py": "def add(a, b):\n    return a + b\n",
        "test_calc.py": "from calc import add\n",
        "pkg/__init__.py": "",
        "pkg/util.py": "X = 1\n",
        "checks/__init__.py": "",
        "checks/test_util.py": "from pkg.util import X\n",
        "tests/__init__.py": "",
        "tests/helpers.py": "def make():\n    return 1\n",
        "tests/test_pkg.py": "from pkg.util import X\n",
        "tests/fixtures/data.json": "{}\n",
        "web/app.ts": "export const a = 1\n",
        "web/app.test.ts": "import { a } from './app'\n",
        "web/__snapshots__/app.test.ts.snap": "x\n",
        "web/jest.config.js": "module.exports = {}\n",
        "golib/lib.go": "package golib\n",
        "golib/lib_test.go": "package golib\n",
        "golib/testdata/in.txt": "x\n",
        "README.md": "# x\n",
        "Makefile": "all:\n",
        "data.csv": "a,b\n",
        "pytest.ini": "[pytest]\n",
    ]

    func refusal(_ path: String, extra: [String] = []) throws -> EditPolicy.Refusal? {
        try EditPolicy.indexing(Self.tree, extraDeniedGlobs: extra).refusal(for: path)
    }

    func denied(_ path: String) throws -> Bool {
        if case .denied = try refusal(path) { return true }
        return false
    }

    @Test func codeUnderTestMayChange() throws {
        for path in ["calc.py", "pkg/util.py", "pkg/__init__.py", "web/app.ts", "golib/lib.go"] {
            #expect(try refusal(path) == nil, "\(path)")
        }
    }

    @Test func testFilesAndTestSupportAreRefused() throws {
        #expect(try refusal("test_calc.py") == .denied(rule: "matches `test_*.py`"))
        #expect(try refusal("conftest.py") == .denied(rule: "matches `conftest.py`"))
        #expect(try refusal("pkg/deep/er/conftest.py") == .denied(rule: "matches `conftest.py`"))
        #expect(try refusal("tests/helpers.py") == .denied(rule: "matches `tests`"))
        #expect(try refusal("tests/__init__.py") == .denied(rule: "matches `tests`"))
        #expect(try refusal("tests/fixtures/data.json") == .denied(rule: "matches `tests`"))
        #expect(try refusal("web/__snapshots__/app.test.ts.snap") == .denied(rule: "matches `*.test.*`"))
        #expect(try refusal("web/app.test.ts") == .denied(rule: "matches `*.test.*`"))
        #expect(try refusal("golib/lib_test.go") == .denied(rule: "matches `*_test.go`"))
        #expect(try refusal("golib/testdata/in.txt") == .denied(rule: "matches `testdata`"))
        #expect(try refusal("src/fixtures/x.py") == .denied(rule: "matches `fixtures`"))
        #expect(try refusal("ui/x.snap") == .denied(rule: "matches `*.snap`"))
        // What `node --test` collects beyond the index's conventions, and CRA's implicit jest setup.
        for path in ["web/app-test.js", "web/app_test.mjs", "web/test-app.js", "web/test.js", "src/setupTests.ts"] {
            #expect(try denied(path), "\(path)")
        }
        // A test package under no conventional name: its __init__.py is test support.
        #expect(try refusal("checks/__init__.py") == .testPackage)
    }

    @Test func runnerConfigurationIsRefusedEvenWhenItIsSourceTheIndexKnows() throws {
        // jest.config.js is JavaScript the index knows as non-test: only the deny list stops it.
        #expect(try refusal("web/jest.config.js") == .denied(rule: "matches `jest.config.*`"))
        for path in ["pytest.ini", "tox.ini", "setup.cfg", "pyproject.toml", "setup.py", "vitest.config.ts", ".mocharc.yml",
                     ".mocharc.json", "karma.conf.js", "Package.swift", "web/tsconfig.json"] {
            #expect(try denied(path), "\(path)")
        }
    }

    @Test func filesPythonOrNodeLoadImplicitlyAreRefused() throws {
        for path in ["sitecustomize.py", "pkg/sitecustomize.py", "usercustomize.py", "pkg/evil.pth", "lib/site-packages/x.py",
                     ".noderc", ".npmrc", "node_modules/x/index.js", ".pnp.cjs", ".env"] {
            #expect(try denied(path), "\(path)")
        }
    }

    @Test func manifestsLockfilesCIHooksAndGateConfigAreRefused() throws {
        for path in ["package.json", "web/package-lock.json", "yarn.lock", "go.mod", "go.sum", "requirements.txt", "Pipfile.lock",
                     "poetry.lock", ".github/workflows/ci.yml", ".gitlab-ci.yml", ".githooks/pre-push", ".husky/pre-commit",
                     ".gate.yml", ".gate/prompt.md", ".pre-commit-config.yaml"] {
            #expect(try denied(path), "\(path)")
        }
        // Hidden files and directories are configuration, never code under test.
        #expect(try refusal(".config/x.py") == .denied(rule: "`.config` is a hidden file or directory"))
    }

    @Test func trackedFilesThatAreNotSourceAreRefused() throws {
        #expect(try refusal("README.md") == .notSource)
        #expect(try refusal("data.csv") == .notSource)
        #expect(try refusal("Makefile") == .denied(rule: "matches `Makefile`"))
    }

    @Test func newFilesOnlyAsSourceNextToSourceOfTheirLanguage() throws {
        #expect(try refusal("pkg/helpers.py") == nil)
        #expect(try refusal("new_module.py") == nil)
        #expect(try refusal("web/extra.js") == nil)
        #expect(try refusal("golib/more.go") == nil)
        #expect(try refusal("scripts/tool.py") == .outsideSourceRoots(directory: "scripts"))
        #expect(try refusal("pkg/sub/new.py") == .outsideSourceRoots(directory: "pkg/sub"))
        #expect(try refusal("pkg/lib.go") == .outsideSourceRoots(directory: "pkg"))
        #expect(try refusal("notes.txt") == .notSource)
        #expect(try refusal("pkg/check_test.py") == .denied(rule: "matches `*_test.py`"))
        #expect(try refusal("web/new.spec.js") == .denied(rule: "matches `*.spec.*`"))
    }

    /// pytest configured with `python_files = check_*.py`: the index takes the file for source, the runner named it a test.
    @Test func filesTheRunnersReportedTestsInAreRefused() throws {
        let tree = ["calc.py": "X = 1\n", "suite/check_calc.py": "from calc import X\n", "suite/__init__.py": ""]
        #expect(try EditPolicy.indexing(tree).refusal(for: "suite/check_calc.py") == nil)
        let repository = InMemoryRepository(tree)
        let (index, _) = try DependencyIndexBuilder.build(files: repository.files, source: repository, previous: nil, dumpManifest: nil)
        let policy = EditPolicy(index: index, reportedTestFiles: ["suite/check_calc.py"])
        #expect(policy.refusal(for: "suite/check_calc.py") == .testFile)
        #expect(policy.refusal(for: "suite/__init__.py") == .testPackage)
        #expect(policy.refusal(for: "calc.py") == nil)
    }

    @Test func reportedTestFilesAreRepoPathsUnderTheSuitesDirectory() {
        let suite = SuiteDefinition(name: "py", runner: .pytest, workingDirectory: "backend")
        let plan = TestPlan(mode: .all, reason: "", entries: [.init(suite: suite, filter: nil)])
        let result = SuiteResult(suite: "py", runner: .pytest, cases: [TestCaseResult(name: "t", status: .failed, file: "checks/check_a.py"),
                                                                       TestCaseResult(name: "u", status: .passed)])
        #expect(FixLoop.testFiles([result], plan: plan) == ["backend/checks/check_a.py"])
    }

    /// On a case-insensitive file system these are the files pytest and SwiftPM load.
    @Test func denyListIgnoresCase() throws {
        #expect(try refusal("CONFTEST.PY") == .denied(rule: "matches `conftest.py`"))
        #expect(try refusal("pkg/SiteCustomize.py") == .denied(rule: "matches `sitecustomize.py`"))
        #expect(try refusal("TESTS/x.py") == .denied(rule: "matches `tests`"))
        #expect(try refusal("package.SWIFT") == .denied(rule: "matches `Package.swift`"))
    }

    @Test func fixProtectedAddsToTheDenyList() throws {
        #expect(try refusal("pkg/util.py", extra: ["pkg/**"]) == .denied(rule: "matches `pkg/**`"))
    }

    @Test func withoutAnIndexEveryEditIsRefusedAndTheReasonSaysSo() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("calc.py", "x = 1\n")
        let policy = EditPolicy(unavailable: "index.bin is corrupt")
        #expect(policy.refusal(for: "calc.py") == .indexUnavailable("index.bin is corrupt"))
        let validator = EditValidator(root: directory.path, policy: policy)
        let error = try #require(#expect(throws: EditRejection.self) {
            try EditApplier(validator: validator).apply([FileEdit(path: "calc.py", search: "x = 1\n", replace: "x = 2\n")])
        })
        #expect(error.description.contains("index could not be loaded (index.bin is corrupt)"))
        #expect(error.description.contains("every edit is refused"))
        #expect(try directory.read("calc.py") == "x = 1\n")
    }
}
