import Foundation

/// Runs the project's mocha (`node_modules/.bin/mocha` first, then PATH; see `ToolEnvironment`) with the project's own
/// `.mocharc*`, and gate's reporter `Templates/gate_mocha_report.js` loaded both as `--require` and as `--reporter`:
/// mocha's `spec` output goes to the log, one JSON line per test to a scratch file.
///
/// Filter ids are test files relative to the working directory: they are passed on the command line and in
/// `GATE_MOCHA_FILES`, so only they load (mocha alone would add them to the configuration's `spec`). Ids:
/// `<file relative to the repository root> > <describe path> > <test title>` (`RepoRelativeTestID`).
///
/// Classification (done by the reporter): an `AssertionError` is `failed`; any other thrown error, a timeout, a
/// failing hook, or a test file that fails to load is `errored`. Without a results file (mocha crashed before its
/// reporter started) the suite errors with the log's tail.
public struct MochaRunner: TestRunner {
    public init() {}

    static let reporterFile = "gate_mocha_report.js"

    public var kind: RunnerKind { .mocha }

    public var requiredTools: [(name: String, installHint: String)] {
        [("mocha", ToolInstallHints.hint(for: "mocha") ?? "")]
    }

    public func run(
        _ suite: SuiteDefinition, root: String, filter: TestFilter?, logPath: String,
        environment: [String: String], onOutput: (@Sendable ([UInt8]) -> Void)?
    ) throws -> SuiteResult {
        if filter?.ids.isEmpty == true { return .nothingSelected(suite) }
        var execution = try SuiteExecution(suite: suite, runner: self, root: root, logPath: logPath, environment: environment)
        defer { execution.cleanUp() }
        guard let reporter = SupportFiles.template(Self.reporterFile) else {
            return .missingTemplate(Self.reporterFile, suite: suite, runner: kind, logPath: logPath)
        }
        let reportPath = execution.scratchFile("results.jsonl")
        execution.environment["GATE_MOCHA_RESULTS"] = reportPath
        if let ids = filter?.ids {
            let list = try JSONSerialization.data(withJSONObject: ids)
            execution.environment["GATE_MOCHA_FILES"] = String(decoding: list, as: UTF8.self)
        }
        let arguments = ["--require", reporter, "--reporter", reporter, "--no-parallel"] + (filter?.ids ?? [])
        let outcome = try execution.run("mocha", arguments, onOutput: onOutput)

        var cases: [TestCaseResult] = []
        var reportError: String?
        do {
            cases = execution.repoRelative(try ResultLinesReader.read(reportPath, requireSession: false).cases)
        } catch {
            if !outcome.timedOut {
                reportError = "mocha \(SuiteExecution.describe(outcome)) without results (\(error)); last output:\n\(execution.logTail())"
            }
        }
        return execution.result(outcome: outcome, cases: cases, reportError: reportError)
    }
}
