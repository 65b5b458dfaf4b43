/// Naming conventions that make a file a test, and the directories that hold tests and their fixtures.
enum TestFileConvention {
    /// Directory names whose content is tests or test fixtures.
    static let testDirectoryNames: Set<String> = ["tests", "test", "__tests__", "testdata", "Tests", "fixtures", "Fixtures"]

    /// pytest's default collection: `test_*.py` or `*_test.py`.
    /// Other `.py` files under `tests/` are helpers: they are imported by tests, not collected.
    static func isPythonTest(_ path: String) -> Bool {
        let name = RepoPath.fileName(path)
        guard name.hasSuffix(".py") else { return false }
        return name.hasPrefix("test_") || name.hasSuffix("_test.py")
    }

    /// `*.test.*`, `*.spec.*`, or any script under `test/`, `tests/`, `__tests__/`.
    static func isJavaScriptTest(_ path: String) -> Bool {
        let name = RepoPath.fileName(path)
        if name.contains(".test.") || name.contains(".spec.") { return true }
        return RepoPath.ancestors(path).contains { ["test", "tests", "__tests__"].contains(RepoPath.fileName($0)) }
    }

    static func isGoTest(_ path: String) -> Bool {
        path.hasSuffix("_test.go")
    }

    /// The outermost test directory containing `path`, if any (its tests are the ones its data affects).
    static func testDirectory(containing path: String) -> String? {
        RepoPath.ancestors(path).first { testDirectoryNames.contains(RepoPath.fileName($0)) }
    }
}
