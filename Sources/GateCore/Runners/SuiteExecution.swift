import Foundation

/// The run of one suite's command, shared by all runners: resolves the working directory
/// and environment, checks the required tools, provides a private scratch directory for
/// report files, runs the process with the suite's timeout and assembles the `SuiteResult`.
struct SuiteExecution {
    let suite: SuiteDefinition
    let runner: RunnerKind
    let logPath: String
    let workingDirectory: String
    var environment: [String: String]
    /// A fresh directory for report files, so a stale report can never be read.
    let scratchDirectory: String

    /// Prepares a run, throwing `ProcessError.toolNotFound` for the first missing tool.
    init(
        suite: SuiteDefinition,
        runner: some TestRunner,
        root: String,
        logPath: String,
        environment: [String: String]
    ) throws {
        self.suite = suite
        self.runner = runner.kind
        self.logPath = logPath
        self.workingDirectory = suite.workingDirectory.map { (root as NSString).appendingPathComponent($0) } ?? root
        self.environment = environment.merging(suite.environment) { _, suiteValue in suiteValue }
        for tool in runner.requiredTools where ChildProcess.locate(tool.name, environment: self.environment) == nil {
            throw ProcessError.toolNotFound(tool.name)
        }
        scratchDirectory = NSTemporaryDirectory() + "gate-\(runner.kind.rawValue)-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: scratchDirectory, withIntermediateDirectories: true)
    }

    /// A path inside the scratch directory.
    func scratchFile(_ name: String) -> String {
        (scratchDirectory as NSString).appendingPathComponent(name)
    }

    /// Runs the tool in the working directory with the suite's timeout, logging everything.
    func run(
        _ executable: String,
        _ arguments: [String],
        captureLimit: Int = 16 << 20,
        onOutput: (@Sendable ([UInt8]) -> Void)?
    ) throws -> ProcessOutcome {
        let spec = ProcessSpec(
            executable: executable,
            arguments: arguments,
            environment: environment,
            workingDirectory: workingDirectory,
            timeout: suite.effectiveTimeout
        )
        return try ChildProcess.run(spec, captureLimit: captureLimit, logPath: logPath, onOutput: onOutput)
    }

    /// The last lines of the log, for error messages.
    func logTail(_ lines: Int = 20) -> String {
        LogTail.lastLines(lines, ofFile: logPath)
    }

    /// Assembles the result. A timeout always becomes the suite error; otherwise `reportError`
    /// (e.g. a missing report) is used; and a nonzero exit without any failing or erroring
    /// case is never taken as a pass.
    func result(
        outcome: ProcessOutcome,
        cases: [TestCaseResult],
        reportError: String? = nil,
        notes: [String] = []
    ) -> SuiteResult {
        var error = reportError
        if outcome.timedOut {
            error = "timed out after \(Self.format(suite.effectiveTimeout)) s"
        } else if error == nil && !outcome.succeeded
            && !cases.contains(where: { $0.status == .failed || $0.status == .errored }) {
            let tail = logTail()
            error = "\(Self.describe(outcome)) but no failing test was reported" + (tail.isEmpty ? "" : "; last output:\n\(tail)")
        }
        return SuiteResult(
            suite: suite.name,
            runner: runner,
            cases: cases,
            suiteError: error,
            timedOut: outcome.timedOut,
            duration: outcome.duration,
            logPath: logPath,
            exitCode: outcome.exitCode,
            notes: notes
        )
    }

    /// The cases named by repository-relative ids (`RepoRelativeTestID`), for runners whose ids are paths.
    func repoRelative(_ cases: [TestCaseResult]) -> [TestCaseResult] {
        let directory = RepoPath.cleanDirectory(suite.workingDirectory)
        return cases.map { item in
            var shown = item
            shown.name = RepoRelativeTestID.shown(item.name, directory: directory)
            return shown
        }
    }

    /// Removes the scratch directory.
    func cleanUp() {
        try? FileManager.default.removeItem(atPath: scratchDirectory)
    }

    /// "exited with status 2" or "was killed by signal 11".
    static func describe(_ outcome: ProcessOutcome) -> String {
        if let signal = outcome.signal { return "was killed by signal \(signal)" }
        return "exited with status \(outcome.exitCode)"
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
