import Foundation

/// Runs `node --test` with two reporters: `spec` to stdout (readable log) and gate's own reporter,
/// `Templates/gate_node_report.mjs`, to a scratch file (JSON lines). Filter ids are test files; without a filter node
/// discovers test files itself.
///
/// Ids: `<file relative to the repository root> > <describe path> > <test name>` (`RepoRelativeTestID`), so two files
/// with a test of the same name never share an id (node's JUnit report names tests without their file). Filter ids
/// (test files) and `file` are relative to the working directory. Suites are not cases unless
/// they failed by themselves (a `before` hook).
///
/// Classification (done by the reporter): a `testCodeFailure` caused by an `AssertionError` is `failed`; other
/// exceptions thrown by a test, hook failures, timeouts and files that fail to load are `errored`.
public struct NodeTestRunner: TestRunner {
    public init() {}

    static let reporterFile = "gate_node_report.mjs"

    public var kind: RunnerKind { .node }

    public var requiredTools: [(name: String, installHint: String)] {
        [("node", ToolInstallHints.hint(for: "node") ?? "")]
    }

    public func run(
        _ suite: SuiteDefinition, root: String, filter: TestFilter?, logPath: String,
        environment: [String: String], onOutput: (@Sendable ([UInt8]) -> Void)?
    ) throws -> SuiteResult {
        if filter?.ids.isEmpty == true { return .nothingSelected(suite) }
        let execution = try SuiteExecution(suite: suite, runner: self, root: root, logPath: logPath, environment: environment)
        defer { execution.cleanUp() }
        guard let reporter = SupportFiles.template(Self.reporterFile) else {
            return .missingTemplate(Self.reporterFile, suite: suite, runner: kind, logPath: logPath)
        }
        let reportPath = execution.scratchFile("results.jsonl")
        let arguments = [
            "--test",
            "--test-reporter=spec", "--test-reporter-destination=stdout",
            "--test-reporter=\(reporter)", "--test-reporter-destination=\(reportPath)",
        ] + Self.coverageArguments(execution.environment) + (filter?.ids ?? [])
        let outcome = try execution.run("node", arguments, onOutput: onOutput)

        var cases: [TestCaseResult] = []
        var reportError: String?
        do {
            cases = execution.repoRelative(try ResultLinesReader.read(reportPath, requireSession: false).cases)
        } catch {
            if !outcome.timedOut {
                reportError = "node --test \(SuiteExecution.describe(outcome)) without results (\(error)); "
                    + "last output:\n\(execution.logTail())"
            }
        }
        return execution.result(outcome: outcome, cases: cases, reportError: reportError)
    }

    /// node's own coverage as an lcov file, when line coverage is asked for (`LineCoverageRequest`).
    static func coverageArguments(_ environment: [String: String]) -> [String] {
        guard let file = environment[LineCoverageRequest.fileVariable] else { return [] }
        return ["--experimental-test-coverage", "--test-reporter=lcov", "--test-reporter-destination=\(file)"]
    }
}
