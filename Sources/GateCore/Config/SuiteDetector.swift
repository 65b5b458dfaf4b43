/// Guesses the suites of a tree from its files, for repositories without `.gate.yml`.
public enum SuiteDetector {
    public static func detect(paths: [String]) -> [SuiteDefinition] {
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
        if rootFiles.contains("package.json") && paths.contains(where: isNodeTestFile) {
            suites.append(SuiteDefinition(name: "node", runner: .node))
        }
        return suites
    }

    /// The detected suites for a console line, each with where it was found: `pytest (tests/), go (go.mod)`.
    public static func describe(_ suites: [SuiteDefinition], paths: [String]) -> String {
        suites.map { suite in
            let evidence: [String]
            switch suite.runner {
            case .swift: evidence = ["Package.swift"]
            case .go: evidence = ["go.mod"]
            case .pytest: evidence = directories(of: paths.filter(isPythonTestFile))
            case .node: evidence = directories(of: paths.filter(isNodeTestFile))
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

    static func isNodeTestFile(_ path: String) -> Bool {
        guard !path.hasPrefix("node_modules/"), !path.contains("/node_modules/") else { return false }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let extensions = [".js", ".mjs", ".cjs"]
        return extensions.contains { ext in name.hasSuffix(".test" + ext) || name.hasSuffix(".spec" + ext) }
            || (path.hasPrefix("test/") && extensions.contains { name.hasSuffix($0) })
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
            lines.append("    timeout: 600")
        }
        lines += ["selection:", "  always: []", "  ignore: []", "fix:", "  provider: none   # openai | anthropic | ollama | command | none", ""]
        return lines.joined(separator: "\n")
    }
}
