import Foundation

/// Asks a plan's suites for line coverage: each measurable suite gets `GATE_LINE_COVERAGE` (the file its runner
/// writes: pytest → gate's JSON, go → a cover profile, node → lcov, swift → llvm-cov export JSON). pytest also gets
/// the files to analyse even when never imported (`GATE_LINE_COVERAGE_FILES`): the changed files and, for
/// `coverage.min`, every Python file of the pushed tree (coverage.py alone would miss a never-imported module of a
/// directory without `__init__.py`, such as `src/`).
public enum LineCoverageRequest {
    public static let fileVariable = "GATE_LINE_COVERAGE"
    public static let filesVariable = "GATE_LINE_COVERAGE_FILES"

    /// The runners that can measure line coverage.
    public static let measurable: Set<RunnerKind> = [.pytest, .go, .node, .swift]

    /// `entries` with coverage asked for, and the file each measurable suite will write (by suite name).
    static func requesting(_ entries: [TestPlan.Entry], directory: String, files listed: [String])
        throws -> (entries: [TestPlan.Entry], files: [String: String]) {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let list = directory + "/changed-files.txt"
        try Data(listed.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: list))
        var files: [String: String] = [:]
        let requested = entries.map { entry -> TestPlan.Entry in
            guard measurable.contains(entry.suite.runner) else { return entry }
            var suite = entry.suite
            let file = directory + "/" + SuiteExecutor.safeFileName(suite.name) + "." + entry.suite.runner.rawValue + ".coverage"
            try? FileManager.default.removeItem(atPath: file)
            suite.environment[fileVariable] = file
            if suite.runner == .pytest {
                suite.environment[filesVariable] = list
                suite.environment["GATE_COVERAGE_PREFIX"] = RepoPath.cleanDirectory(suite.workingDirectory)
            }
            files[suite.name] = file
            return TestPlan.Entry(suite: suite, filter: entry.filter)
        }
        return (requested, files)
    }
}
