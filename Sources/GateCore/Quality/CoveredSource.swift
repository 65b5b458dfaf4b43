/// Which files diff coverage judges: code in a language gate measures, tests and test support excluded (tests are
/// what measure coverage; a changed test line is never "uncovered").
enum CoveredSource {
    static let testDirectories: Set<String> = ["tests", "test", "Tests", "__tests__", "testdata", "fixtures", "Fixtures"]

    static func language(of path: String) -> SourceLanguage? {
        let language = SourceLanguage(path: path)
        return language == .other || isTest(path, language) ? nil : language
    }

    static func isTest(_ path: String, _ language: SourceLanguage) -> Bool {
        if RepoPath.ancestors(path).contains(where: { testDirectories.contains(RepoPath.fileName($0)) }) { return true }
        switch language {
        case .python: return TestFileConvention.isPythonTest(path) || RepoPath.fileName(path) == "conftest.py"
        case .javascript: return TestFileConvention.isJavaScriptTest(path)
        case .go: return TestFileConvention.isGoTest(path)
        case .swift, .other: return false
        }
    }

    /// Whether the tool's count of `language` needs comment and blank lines dropped (`CodeLines`).
    static func countsNonCode(_ language: SourceLanguage) -> Bool { language != .python }
}
