/// Which files a fix may change: default deny. Only code under test may change: files the dependency index knows as
/// non-test source in a known language (Python, JS/TS, Go, Swift). A file the index does not know may be created only as
/// non-test source next to source of its language the index knows. An explicit deny list (tests and their support,
/// runner configuration, files interpreters load implicitly, manifests, lockfiles, CI, hooks, gate's own
/// configuration, hidden files) is checked first, as defence in depth. Without an index every edit is refused.
public struct EditPolicy: Sendable {
    /// Why a path may not be edited; each reads as an instruction to the model.
    public enum Refusal: Sendable, Equatable {
        /// The dependency index could not be loaded, so nothing is known to be source.
        case indexUnavailable(String)
        /// On the deny list: `rule` names the glob or the rule it matched.
        case denied(rule: String)
        /// A test the index knows (or one by naming convention).
        case testFile
        /// `__init__.py` of a directory that holds tests.
        case testPackage
        /// Tracked, but not source in a language gate knows.
        case notSource
        /// A new file outside the directories that hold source of its language.
        case outsideSourceRoots(directory: String)
    }

    /// Denied whatever the index says. Globs without `/` match one path component at any depth.
    public static let deniedGlobs: [String] = [
        // Tests and test support: the tests are correct, the code under test is what changes.
        "conftest.py", "test_*.py", "*_test.py", "*_test.go", "*.test.*", "*.spec.*", "*.snap",
        "*_test.*", "*-test.*", "test-*.*", "test.*", "setupTests.*", "LinuxMain.swift",
        "tests", "test", "Tests", "__tests__", "__snapshots__", "snapshots", "testdata", "fixtures", "Fixtures", "spec", "specs",
        // Runner configuration.
        "pytest.ini", "tox.ini", "setup.cfg", "pyproject.toml", "setup.py", "noxfile.py", "jest.config.*", "jest.setup.*", "vitest.setup.*",
        "vitest.config.*", "vitest.workspace.*", "vite.config.*", ".mocharc*", "karma.conf.*", "playwright.config.*",
        "cypress.config.*", "babel.config.*", ".babelrc*", "tsconfig*.json", "jsconfig.json", "Package.swift", "Package@swift-*.swift",
        // What Python and node load without being asked.
        "sitecustomize.py", "usercustomize.py", "*.pth", "site-packages", "node_modules", ".noderc*", ".npmrc", ".yarnrc*",
        ".pnp.*", ".env", ".env.*",
        // Manifests and lockfiles.
        "Package.resolved", "requirements*.txt", "constraints*.txt", "Pipfile", "Pipfile.lock", "poetry.lock", "uv.lock",
        "package.json", "package-lock.json", "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "pnpm-workspace.yaml",
        "go.mod", "go.sum", "go.work", "go.work.sum", "Cargo.toml", "Cargo.lock", "Gemfile", "Gemfile.lock", "Makefile",
        // CI configuration and hooks.
        "/.github/**", ".gitlab-ci.yml", "/.ci/**", "/.circleci/**", ".travis.yml", "azure-pipelines.yml", "Jenkinsfile",
        "/.githooks/**", "/.husky/**", ".pre-commit-config.yaml",
        // gate's own configuration.
        ".gate.yml", "/.gate/**",
    ]

    private let index: DependencyIndex?
    private let unavailableReason: String
    /// The deny list as written, and each pattern lowercased: matched against the lowercased path, because on a
    /// case-insensitive file system `CONFTEST.PY` is the conftest.py pytest loads.
    private let denied: [(pattern: String, glob: GlobPattern)]
    /// Directories that hold non-test source the index knows, per language: where a new file may go.
    private let sourceDirectories: [SourceLanguage: Set<String>]
    /// Directories that directly hold a test the index knows.
    private let testDirectories: Set<String>
    /// Files the test runners reported tests in (a runner configured to collect other names than the index knows).
    private let reportedTestFiles: Set<String>

    /// The policy for the tree `index` describes; `extraDeniedGlobs` are `fix.protected`, `reportedTestFiles` the
    /// repo paths the test runs named as holding tests.
    public init(index: DependencyIndex, extraDeniedGlobs: [String] = [], reportedTestFiles: Set<String> = []) {
        self.index = index
        self.unavailableReason = ""
        self.denied = Self.denyList(extraDeniedGlobs)
        var sources: [SourceLanguage: Set<String>] = [:]
        var tests = Set<String>()
        for (path, entry) in index.files {
            if entry.isTest {
                tests.insert(RepoPath.directory(path))
            } else if Self.refusal(of: entry, swiftTargetsKnown: !index.swiftTargets.isEmpty) == nil {
                sources[entry.language, default: []].insert(RepoPath.directory(path))
            }
        }
        self.sourceDirectories = sources
        self.testDirectories = tests.union(reportedTestFiles.map(RepoPath.directory))
        self.reportedTestFiles = reportedTestFiles
    }

    /// A policy that refuses every edit, because the index could not be loaded; `reason` says why.
    public init(unavailable reason: String, extraDeniedGlobs: [String] = []) {
        self.index = nil
        self.unavailableReason = reason
        self.denied = Self.denyList(extraDeniedGlobs)
        self.sourceDirectories = [:]
        self.testDirectories = []
        self.reportedTestFiles = []
    }

    /// The deny list, for the prompt.
    public var deniedDescriptions: [String] { denied.map(\.pattern) }

    private static func denyList(_ extra: [String]) -> [(pattern: String, glob: GlobPattern)] {
        (deniedGlobs + extra).map { ($0, GlobPattern($0.lowercased())) }
    }

    /// Why the deny list alone refuses `path` (hidden files and directories included); nil when it does not.
    public func deniedRule(_ path: String) -> Refusal? {
        let folded = path.lowercased()
        if let rule = denied.first(where: { $0.glob.matches(folded) }) { return .denied(rule: "matches `\(rule.pattern)`") }
        if let hidden = path.split(separator: "/").first(where: { $0.hasPrefix(".") }) {
            return .denied(rule: "`\(hidden)` is a hidden file or directory")
        }
        return nil
    }

    /// Why `path` (normalized, relative to the root) may not be edited or created; nil when it may.
    public func refusal(for path: String) -> Refusal? {
        if let rule = deniedRule(path) { return rule }
        guard let index else { return .indexUnavailable(unavailableReason) }
        let language = SourceLanguage(path: path)
        if reportedTestFiles.contains(path) { return .testFile }
        if RepoPath.fileName(path) == "__init__.py", testDirectories.contains(RepoPath.directory(path)) { return .testPackage }
        if let entry = index.files[path] {
            return Self.refusal(of: entry, swiftTargetsKnown: !index.swiftTargets.isEmpty)
        }
        guard language != .other else { return .notSource }
        if Self.isTestByName(path, language) { return .testFile }
        let directory = RepoPath.directory(path)
        guard sourceDirectories[language]?.contains(directory) == true else { return .outsideSourceRoots(directory: directory) }
        return nil
    }

    /// Why a file the index knows is no code under test; nil when it is.
    private static func refusal(of entry: IndexEntry, swiftTargetsKnown: Bool) -> Refusal? {
        if entry.isTest { return .testFile }
        if entry.language == .other { return .notSource }
        // A Swift file outside every target is no code the tests build.
        if entry.language == .swift, swiftTargetsKnown, entry.owner == nil { return .notSource }
        return nil
    }

    private static func isTestByName(_ path: String, _ language: SourceLanguage) -> Bool {
        switch language {
        case .python: TestFileConvention.isPythonTest(path)
        case .javascript: TestFileConvention.isJavaScriptTest(path)
        case .go: TestFileConvention.isGoTest(path)
        case .swift, .other: TestFileConvention.testDirectory(containing: path) != nil
        }
    }
}

extension EditPolicy.Refusal {
    /// The refusal phrased for the model and the user.
    public var explanation: String {
        switch self {
        case .indexUnavailable(let why):
            return "gate's dependency index could not be loaded (\(why)), so no file is known to be code under test and every edit is refused; run `gate index build` and push again."
        case .denied(let rule):
            return "the path is protected (\(rule)); the tests and their configuration are correct, do not change them: change the code under test instead."
        case .testFile:
            return "the file is a test; the tests are correct, do not change them: change the code under test instead."
        case .testPackage:
            return "the file is the `__init__.py` of a test package; do not change test support: change the code under test instead."
        case .notSource:
            return "only source code under test may change, and this file is not source in a language gate knows (Python, JS/TS, Go, Swift)."
        case .outsideSourceRoots(let directory):
            return "a new file may only be source placed next to existing source of its language, and `\(directory.isEmpty ? "." : directory)` holds none."
        }
    }
}
