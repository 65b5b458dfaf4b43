import Foundation

/// Runs `python3 -m pytest -q --junitxml=<scratch>/results.xml -o junit_family=xunit1
/// -p no:cacheprovider [node ids]` (xunit1 adds `file` and `line` attributes). When the plan turned coverage recording
/// on (`CoverageRecording`), `-p gate_coverage_plugin` is added.
///
/// Classification. pytest's JUnit report uses `<error>` for problems outside the test body
/// (fixture setup/teardown, collection errors) and `<failure>` for anything raised inside
/// the test, assertion or not. gate refines the latter: a `<failure>` whose exception is an
/// `AssertionError` (including rewritten `assert` statements) or pytest's `Failed`
/// (`pytest.fail`, `pytest.raises` that did not raise, strict XPASS) is `failed`; any other
/// exception type (e.g. `ValueError`, `TypeError`) is `errored`. Errors are `errored`.
///
/// Exit status 5 ("no tests collected"): with a filter it means the selected files contain
/// no tests, which is an empty, passing result (the selection simply had nothing to run);
/// without a filter the suite is misconfigured, which is a suite error. Collection errors
/// (exit 2) produce `<error>` cases and are therefore errors. A missing pytest module is
/// reported as `ProcessError.toolNotFound("pytest")`.
public struct PytestRunner: TestRunner {
    public init() {}

    public var kind: RunnerKind { .pytest }

    public var requiredTools: [(name: String, installHint: String)] {
        [("python3", ToolInstallHints.hint(for: "python3") ?? "")]
    }

    public func run(
        _ suite: SuiteDefinition, root: String, filter: TestFilter?, logPath: String,
        environment: [String: String], onOutput: (@Sendable ([UInt8]) -> Void)?
    ) throws -> SuiteResult {
        if filter?.ids.isEmpty == true { return .nothingSelected(suite) }
        let (suite, recording) = CoverageRecording.pytestSetup(suite, environment: environment)
        let execution = try SuiteExecution(suite: suite, runner: self, root: root, logPath: logPath, environment: environment)
        defer { execution.cleanUp() }
        let reportPath = execution.scratchFile("results.xml")
        let arguments = ["-m", "pytest", "-q", "--junitxml=\(reportPath)", "-o", "junit_family=xunit1", "-p", "no:cacheprovider"]
            + recording + (filter?.ids ?? [])
        let outcome = try execution.run("python3", arguments, onOutput: onOutput)

        if outcome.exitCode == 1, String(decoding: outcome.standardError, as: UTF8.self).contains("No module named pytest") {
            throw ProcessError.toolNotFound("pytest")
        }
        var cases: [TestCaseResult] = []
        var reportError: String?
        do {
            cases = try JUnitXMLParser.parse(contentsOf: reportPath).map(Self.classify)
        } catch {
            if !outcome.timedOut {
                reportError = "pytest \(SuiteExecution.describe(outcome)) without a readable JUnit report (\(error)); "
                    + "last output:\n\(execution.logTail())"
            }
        }
        var notes: [String] = []
        if outcome.exitCode == 5 && !outcome.timedOut {
            if filter != nil {
                notes.append("pytest collected no tests for the selected ids")
                var result = execution.result(outcome: outcome, cases: cases, notes: notes)
                result.suiteError = nil
                return result
            }
            reportError = "pytest collected no tests"
        }
        return execution.result(outcome: outcome, cases: cases, reportError: reportError, notes: notes)
    }

    /// Applies the failure/error policy described on the type.
    static func classify(_ testCase: JUnitTestCase) -> TestCaseResult {
        var result = testCase.result
        if testCase.status == .failed && !isAssertion(testCase) { result.status = .errored }
        return result
    }

    /// True when the exception behind a `<failure>` is an assertion.
    static func isAssertion(_ testCase: JUnitTestCase) -> Bool {
        let message = testCase.message ?? ""
        if message.hasPrefix("assert") || message.hasPrefix("AssertionError") || message.hasPrefix("Failed")
            || message.hasPrefix("[XPASS(strict)]") {
            return true
        }
        // pytest ends the trace with "path.py:LINE: ExceptionType".
        let lastLine = testCase.trace?.split(separator: "\n").last.map(String.init) ?? ""
        let exceptionType = lastLine.split(separator: " ").last.map(String.init) ?? ""
        return ["AssertionError", "Failed"].contains(exceptionType)
    }
}
