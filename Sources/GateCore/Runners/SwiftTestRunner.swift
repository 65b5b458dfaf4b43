import Foundation

/// Runs `swift test --parallel --xunit-output <scratch>/results.xml [--filter '^(A\.|B\.C/t(/|$))']`.
///
/// Tests are named by the runner's own ids, as `swift test list` prints them (`SwiftTestID`):
/// `Module.Class/testName` (XCTest), `Module.Suite/function()` or `Module.function()` (Swift
/// Testing). A filter holds test target names, test ids, or both.
///
/// What Swift 6.3.1 on Linux really writes (verified): the XCTest report goes to the given
/// path only with `--parallel` (without it the file is silently not written), and Swift
/// Testing writes its own report next to it as `results-swift-testing.xml`. Every `.xml` in
/// the scratch directory is therefore parsed and merged. The parallel XCTest report only
/// says "failure", and Swift Testing's gives no location, so messages, file names and
/// `file:line` traces are recovered from the log (`XCTestFailureLines`,
/// `SwiftTestingIssueLines`); files are made relative to the suite's working directory.
/// Nothing is written on a build failure: a missing report with a nonzero exit is a suite
/// error carrying the end of the log (the compiler error). When a test crashes, Swift
/// Testing leaves a truncated report, which is also a suite error; so is a filter that ran no test.
public struct SwiftTestRunner: TestRunner {
    public init() {}

    public var kind: RunnerKind { .swift }

    public var requiredTools: [(name: String, installHint: String)] {
        [("swift", ToolInstallHints.hint(for: "swift") ?? "")]
    }

    public func run(
        _ suite: SuiteDefinition, root: String, filter: TestFilter?, logPath: String,
        environment: [String: String], onOutput: (@Sendable ([UInt8]) -> Void)?
    ) throws -> SuiteResult {
        if filter?.ids.isEmpty == true { return .nothingSelected(suite) }
        let execution = try SuiteExecution(suite: suite, runner: self, root: root, logPath: logPath, environment: environment)
        defer { execution.cleanUp() }
        var arguments = ["test", "--parallel", "--xunit-output", execution.scratchFile("results.xml")]
        let expression = filter.map { SwiftTestID.filterExpression($0.ids) }
        if let expression { arguments += ["--filter", expression] }
        let coverage = execution.environment[LineCoverageRequest.fileVariable].map { SwiftCoverageExport(workingDirectory: execution.workingDirectory, destination: $0) }
        if let coverage { arguments.append(coverage.prepare()) }
        let outcome = try execution.run("swift", arguments, onOutput: onOutput)
        coverage?.collect()

        let reports = ((try? FileManager.default.contentsOfDirectory(atPath: execution.scratchDirectory)) ?? [])
            .filter { $0.hasSuffix(".xml") }.sorted()
        var cases: [TestCaseResult] = []
        var reportError: String?
        for report in reports {
            do {
                cases += try JUnitXMLParser.parse(contentsOf: execution.scratchFile(report)).map(Self.result)
            } catch {
                // Swift Testing leaves a truncated report behind when the test process crashes.
                reportError = "unreadable test report \(report) (\(error)); the test process probably crashed "
                    + "(swift test \(SuiteExecution.describe(outcome))); last output:\n\(execution.logTail())"
            }
        }
        // The whole log (bounded by `run.log_limit`): a failure line is often followed by far more output.
        let log = String(decoding: FileManager.default.contents(atPath: logPath) ?? Data(), as: UTF8.self)
        let files = SwiftTestFiles(workingDirectory: execution.workingDirectory)
        cases = XCTestFailureLines.enrich(cases, log: log, relativeFile: files.relative)
        cases = SwiftTestingIssueLines.enrich(cases, log: log, resolveFile: files.resolve)
        if reports.isEmpty && !outcome.succeeded {
            reportError = "swift test \(SuiteExecution.describe(outcome)) without writing a test report "
                + "(build failure or crash); last output:\n\(execution.logTail())"
        }
        if let expression, cases.isEmpty, reportError == nil {
            // `--filter` that matches nothing exits 0: a selection that ran no test checked nothing.
            reportError = "swift test ran no test for the selected tests (--filter '\(expression)' matched none), so "
                + "nothing was checked; compare `swift test list` with `gate affected --explain` and report it as a gate bug"
        }
        return execution.result(outcome: outcome, cases: cases, reportError: reportError)
    }

    /// The case named by the runner's id.
    static func result(_ testCase: JUnitTestCase) -> TestCaseResult {
        var result = testCase.result
        result.name = SwiftTestID.id(className: testCase.className, name: testCase.name)
        return result
    }
}
