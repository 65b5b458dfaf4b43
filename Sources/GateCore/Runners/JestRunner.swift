import Foundation

/// Runs the project's Jest as its users have it (`node_modules/.bin/jest` first, then `jest` on PATH; see
/// `ToolEnvironment`), with the project's own configuration (transforms such as ts-jest or babel included: gate only
/// picks the files): `jest --ci --json --outputFile <scratch> [--runTestsByPath <files>]`.
///
/// Filter ids are test files relative to the working directory. Ids: `<file relative to the repository root> >
/// <describe path> > <test name>` (`RepoRelativeTestID`); classification is `JestReportReader`'s. Without a report
/// (Jest crashed before writing it) the suite errors with the log's tail.
public struct JestRunner: TestRunner {
    public init() {}

    public var kind: RunnerKind { .jest }

    public var requiredTools: [(name: String, installHint: String)] {
        [("jest", ToolInstallHints.hint(for: "jest") ?? "")]
    }

    public func run(
        _ suite: SuiteDefinition, root: String, filter: TestFilter?, logPath: String,
        environment: [String: String], onOutput: (@Sendable ([UInt8]) -> Void)?
    ) throws -> SuiteResult {
        if filter?.ids.isEmpty == true { return .nothingSelected(suite) }
        let execution = try SuiteExecution(suite: suite, runner: self, root: root, logPath: logPath, environment: environment)
        defer { execution.cleanUp() }
        let reportPath = execution.scratchFile("jest.json")
        var arguments = ["--ci", "--json", "--outputFile", reportPath]
        if let ids = filter?.ids { arguments += ["--runTestsByPath"] + ids }
        let outcome = try execution.run("jest", arguments, onOutput: onOutput)

        var cases: [TestCaseResult] = []
        var notes: [String] = []
        var reportError: String?
        do {
            let report = try JestReportReader(workingDirectory: execution.workingDirectory).read(reportPath)
            cases = execution.repoRelative(report.cases)
            // gate takes every script under test/ for a test; Jest runs only what its testMatch accepts, and says nothing.
            let skipped = (filter?.ids ?? []).filter { !Set(report.files).contains($0) }
            if !skipped.isEmpty {
                notes.append("jest did not run \(skipped.count) selected file(s) its configuration does not take for tests: "
                    + skipped.prefix(5).joined(separator: ", ") + (skipped.count > 5 ? ", …" : ""))
            }
        } catch {
            if !outcome.timedOut {
                reportError = "jest \(SuiteExecution.describe(outcome)) without results (\(error)); last output:\n\(execution.logTail())"
            }
        }
        return execution.result(outcome: outcome, cases: cases, reportError: reportError, notes: notes)
    }
}
