import Foundation

/// Runs an arbitrary shell command line with `/bin/sh -c`.
///
/// `{tests}` in the command is replaced by the filter ids, each shell-quoted and separated
/// by spaces, or removed when there is no filter. With `junitPath` the report is parsed
/// (a stale report is deleted before the run, and a missing one afterwards is a suite
/// error); without it the verdict is the exit status alone, as one case named after the
/// suite whose message on failure is the last 20 lines of output.
public struct CommandRunner: TestRunner {
    public init() {}

    public var kind: RunnerKind { .command }

    public var requiredTools: [(name: String, installHint: String)] {
        [("/bin/sh", ToolInstallHints.hint(for: "sh") ?? "")]
    }

    public func run(
        _ suite: SuiteDefinition, root: String, filter: TestFilter?, logPath: String,
        environment: [String: String], onOutput: (@Sendable ([UInt8]) -> Void)?
    ) throws -> SuiteResult {
        if filter?.ids.isEmpty == true { return .nothingSelected(suite) }
        let execution = try SuiteExecution(suite: suite, runner: self, root: root, logPath: logPath, environment: environment)
        defer { execution.cleanUp() }
        guard let template = suite.command, !template.trimmingCharacters(in: .whitespaces).isEmpty else {
            return SuiteResult(suite: suite.name, runner: kind, cases: [],
                               suiteError: "suite '\(suite.name)' has no command", logPath: logPath)
        }
        var notes: [String] = []
        if filter != nil && !template.contains("{tests}") {
            notes.append("the command has no {tests} placeholder, so the whole suite ran")
        }
        let command = Self.expand(template, filter: filter)
        let reportPath = suite.junitPath.map { (execution.workingDirectory as NSString).appendingPathComponent($0) }
        if let reportPath { try? FileManager.default.removeItem(atPath: reportPath) }
        let outcome = try execution.run("/bin/sh", ["-c", command], onOutput: onOutput)

        guard let reportPath else {
            let passed = outcome.succeeded
            let tail = execution.logTail(20)
            let failure = TestCaseResult(
                name: suite.name, status: passed ? .passed : .failed,
                message: passed ? nil : (tail.isEmpty ? "no output" : tail),
                trace: passed ? nil : "sh -c \(ShellQuoting.quote(command)) \(SuiteExecution.describe(outcome))")
            return execution.result(outcome: outcome, cases: outcome.timedOut ? [] : [failure], notes: notes)
        }
        var cases: [TestCaseResult] = []
        var reportError: String?
        do {
            cases = try JUnitXMLParser.parse(contentsOf: reportPath).map(\.result)
        } catch {
            reportError = "the command \(SuiteExecution.describe(outcome)) but its JUnit report \(suite.junitPath ?? "") "
                + "could not be read (\(error)); last output:\n\(execution.logTail())"
        }
        return execution.result(outcome: outcome, cases: cases, reportError: reportError, notes: notes)
    }

    /// Replaces `{tests}` with the quoted ids (or nothing).
    static func expand(_ template: String, filter: TestFilter?) -> String {
        let tests = (filter?.ids ?? []).map(ShellQuoting.quote).joined(separator: " ")
        return template.replacingOccurrences(of: "{tests}", with: tests)
    }
}
