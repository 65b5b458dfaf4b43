/// Guesses the suites of a tree from its files, for repositories without `.gate.yml`.
///
/// JavaScript/TypeScript: the runner comes from package.json and config files (`JavaScriptRunnerChoice`); in an
/// npm/yarn/pnpm workspace each member package with tests gets a suite of its own, run in its directory. Vitest is
/// not supported yet: it gets no suite, and `unsupported` says so (never a silent `node --test`).
public enum SuiteDetector {
    /// `read` gives a tracked file's contents (package.json, pnpm-workspace.yaml); without it every JS suite is `node`.
    public static func detect(paths: [String], read: (String) -> [UInt8]? = { _ in nil }) -> [SuiteDefinition] {
        let rootFiles = Set(paths.filter { !$0.contains("/") })
        var suites: [SuiteDefinition] = []
        if rootFiles.contains("Package.swift") {
            suites.append(SuiteDefinition(name: "swift", runner: .swift))
        }
        let pythonMarkers: Set<String> = ["pytest.ini", "conftest.py", "tox.ini", "setup.cfg", "pyproject.toml", "setup.py"]
        let hasPythonTests = paths.contains(where: isPythonTestFile)
        if hasPythonTests && (!rootFiles.isDisjoint(with: pythonMarkers) || hasPythonTests) {
            suites.append(SuiteDefinition(name: "python", runner: .pytest))
        }
        if rootFiles.contains("go.mod") {
            suites.append(SuiteDefinition(name: "go", runner: .go))
        }
        suites += javaScriptSuites(paths: paths, read: read).compactMap { item in
            guard case .runner(let kind, _) = item.choice else { return nil }
            return item.directory.isEmpty ? SuiteDefinition(name: kind.rawValue, runner: kind)
                : SuiteDefinition(name: item.directory, runner: kind, workingDirectory: item.directory)
        }
        return suites
    }

    /// What detection found but cannot run, each as a sentence with what to do meanwhile.
    public static func unsupported(paths: [String], read: (String) -> [UInt8]?) -> [String] {
        javaScriptSuites(paths: paths, read: read).compactMap { item in
            guard case .vitest(let evidence) = item.choice else { return nil }
            let place = item.directory.isEmpty ? "" : " in \(item.directory)"
            let directory = item.directory.isEmpty ? "" : ", working_directory: \(item.directory)"
            return "vitest\(place) (\(evidence)) is not supported yet, so its tests are NOT run; meanwhile add a command "
                + "suite to .gate.yml: {name: vitest, runner: command, command: \"npx vitest run {tests}\"\(directory)}"
        }
    }

    /// The JS/TS test directories (the root, and each workspace package holding tests) with the runner each uses.
    static func javaScriptSuites(paths: [String], read: (String) -> [UInt8]?) -> [(directory: String, choice: JavaScriptRunnerChoice)] {
        let tests = paths.filter(isNodeTestFile)
        guard !tests.isEmpty, paths.contains("package.json") else { return [] }
        let workspace = JavaScriptWorkspace(paths: paths, read: read)
        let rootChoice = JavaScriptRunnerChoice.choose(package: workspace.root, directory: "", paths: paths)
        var found: [(directory: String, choice: JavaScriptRunnerChoice)] = []
        var claimed: [String] = []
        for package in workspace.packages.sorted(by: { $0.directory.utf8.count > $1.directory.utf8.count }) {
            let mine = tests.filter { test in
                RepoPath.isInside(test, directory: package.directory) && !claimed.contains { RepoPath.isInside(test, directory: $0) }
            }
            claimed.append(package.directory)
            guard !mine.isEmpty else { continue }
            var choice = JavaScriptRunnerChoice.choose(package: package, directory: package.directory, paths: paths)
            if choice == .runner(.node, evidence: "test files") { choice = rootChoice }
            found.append((package.directory, choice))
        }
        if tests.contains(where: { test in !claimed.contains { RepoPath.isInside(test, directory: $0) } }) {
            found.append(("", rootChoice))
        }
        return found.sorted { $0.directory < $1.directory }
    }

    /// The detected suites for a console line, each with where it was found: `pytest (tests/), go (go.mod)`.
    public static func describe(_ suites: [SuiteDefinition], paths: [String]) -> String {
        suites.map { suite in
            let evidence: [String]
            switch suite.runner {
            case .swift: evidence = ["Package.swift"]
            case .go: evidence = ["go.mod"]
            case .pytest: evidence = directories(of: paths.filter(isPythonTestFile))
            case .node, .mocha, .jest:
                let directory = RepoPath.cleanDirectory(suite.workingDirectory)
                evidence = directory.isEmpty ? directories(of: paths.filter(isNodeTestFile)) : [directory + "/"]
            case .command: evidence = []
            }
            return suite.runner.rawValue + (evidence.isEmpty ? "" : " (\(evidence.joined(separator: ", ")))")
        }.joined(separator: ", ")
    }

    /// The distinct top-level directories of `paths` (`./` for files at the root), at most three and a count.
    private static func directories(of paths: [String]) -> [String] {
        let tops = Array(Set(paths.map { path in path.split(separator: "/").count > 1 ? String(path.split(separator: "/")[0]) + "/" : "./" })).sorted()
        return tops.count > 3 ? Array(tops.prefix(3)) + ["\(tops.count - 3) more"] : tops
    }

    static func isPythonTestFile(_ path: String) -> Bool {
        guard path.hasSuffix(".py") else { return false }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasPrefix("test_") || name.hasSuffix("_test.py")
    }

    /// A JS/TS test file by the index's convention (`*.test.*`, `*.spec.*`, `test/`, `tests/`, `__tests__/`), outside
    /// node_modules.
    static func isNodeTestFile(_ path: String) -> Bool {
        guard !JavaScriptWorkspace.isVendored(path),
              JavaScriptModuleResolver.extensions.contains(RepoPath.fileExtension(path)) else { return false }
        return TestFileConvention.isJavaScriptTest(path)
    }

    /// The `.gate.yml` text `gate init` writes for these suites.
    public static func configText(for suites: [SuiteDefinition]) -> String {
        var lines = ["# gate configuration. Reference: README.md, section Configuration.", "version: 1", "suites:"]
        if suites.isEmpty {
            lines.append("  []  # no test suite detected: add one, e.g. {name: unit, runner: command, command: \"make test\"}")
        }
        for suite in suites {
            lines.append("  - name: \(suite.name)")
            lines.append("    runner: \(suite.runner.rawValue)")
            if let directory = suite.workingDirectory { lines.append("    working_directory: \(directory)") }
            lines.append("    timeout: 600")
        }
        lines += ["selection:", "  always: []", "  ignore: []", "fix:", "  provider: none   # openai | anthropic | ollama | command | none", ""]
        return lines.joined(separator: "\n")
    }
}
