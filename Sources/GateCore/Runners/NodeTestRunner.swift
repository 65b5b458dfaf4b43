import Foundation

/// Runs `node --test` with two reporters: `spec` to stdout (readable log) and `junit` to a
/// scratch file (`--test-reporter=junit --test-reporter-destination=<file>`, supported since
/// Node 20; verified on 20.20). Filter ids are test files; without a filter node discovers
/// test files itself.
///
/// Classification: node marks every problem as `<failure>`; its `failureType` is kept apart.
/// A `testCodeFailure` caused by an `AssertionError` is `failed`; other exceptions thrown by
/// a test, hook failures, timeouts and files that fail to load are `errored`.
public struct NodeTestRunner: TestRunner {
    public init() {}

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
        let reportPath = execution.scratchFile("results.xml")
        let arguments = [
            "--test",
            "--test-reporter=spec", "--test-reporter-destination=stdout",
            "--test-reporter=junit", "--test-reporter-destination=\(reportPath)",
        ] + (filter?.ids ?? [])
        let outcome = try execution.run("node", arguments, onOutput: onOutput)

        var cases: [TestCaseResult] = []
        var reportError: String?
        do {
            cases = try JUnitXMLParser.parse(contentsOf: reportPath).map(Self.classify)
        } catch {
            if !outcome.timedOut {
                reportError = "node --test \(SuiteExecution.describe(outcome)) without a readable JUnit report (\(error)); "
                    + "last output:\n\(execution.logTail())"
            }
        }
        return execution.result(outcome: outcome, cases: cases, reportError: reportError)
    }

    /// Names the case by its `describe` path and applies the failure/error policy.
    static func classify(_ testCase: JUnitTestCase) -> TestCaseResult {
        var result = testCase.result
        result.name = (testCase.suitePath.filter { !$0.isEmpty } + [testCase.name]).joined(separator: " > ")
        if testCase.status == .failed {
            let trace = testCase.trace ?? ""
            let isAssertion = (testCase.failureType ?? "testCodeFailure") == "testCodeFailure"
                && (trace.contains("AssertionError") || trace.contains("ERR_ASSERTION"))
            if !isAssertion { result.status = .errored }
        }
        return result
    }
}
