import Foundation

/// Reads the report `jest --json --outputFile` writes into test cases named `<file> > <describe path> > <test name>`,
/// the file relative to the directory Jest ran in.
///
/// A failure whose error is an assertion (an `expect` matcher's, node's or chai's `AssertionError`) is `failed`; any
/// other thrown error, a timeout or a failing hook is `errored`. A test file that failed to run (a syntax error, a
/// module not found, a failing `afterAll`) is an `errored` case named by the file. Pending, skipped and todo tests are
/// `skipped`.
struct JestReportReader {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private struct Report: Decodable {
        var testResults: [FileResult]
    }

    private struct FileResult: Decodable {
        var name: String
        var status: String?
        var message: String?
        var testExecError: ExecError?
        var assertionResults: [Assertion]
    }

    private struct ExecError: Decodable {
        var message: String?
        var stack: String?
    }

    private struct Assertion: Decodable {
        var ancestorTitles: [String]
        var title: String
        var status: String
        var failureMessages: [String]?
        var failureDetails: [Detail]?
    }

    /// What the serialized error says about its kind: `matcherResult` only an `expect` failure carries.
    private struct Detail: Decodable {
        var hasMatcherResult: Bool
        var code: String?
        var name: String?

        private enum Keys: String, CodingKey { case matcherResult, code, name }

        init(from decoder: any Decoder) throws {
            let container = try? decoder.container(keyedBy: Keys.self)
            hasMatcherResult = container?.contains(.matcherResult) ?? false
            code = try? container?.decodeIfPresent(String.self, forKey: .code)
            name = try? container?.decodeIfPresent(String.self, forKey: .name)
        }
    }

    /// The directory Jest ran in: file names in the report are absolute.
    let workingDirectory: String

    /// The cases of the report at `path`, and the test files Jest ran (relative to the working directory).
    func read(_ path: String) throws -> (cases: [TestCaseResult], files: [String]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "no report file (Jest did not write --outputFile)")
        }
        let report: Report
        do {
            report = try JSONDecoder().decode(Report.self, from: data)
        } catch {
            throw Failure(description: "unreadable Jest report: \(error)")
        }
        return (report.testResults.flatMap(cases), report.testResults.map { relative($0.name) })
    }

    private func cases(of file: FileResult) -> [TestCaseResult] {
        let name = relative(file.name)
        var cases = file.assertionResults.map { assertion -> TestCaseResult in
            let id = ([name] + assertion.ancestorTitles + [assertion.title]).joined(separator: " > ")
            let status = Self.status(of: assertion)
            let trace = assertion.failureMessages?.joined(separator: "\n")
            let message = trace.map { Self.firstLine($0) }
            return TestCaseResult(name: id, status: status, message: status == .passed ? nil : message, trace: trace, file: name)
        }
        let anyFailed = cases.contains { $0.status == .failed || $0.status == .errored }
        if let error = file.testExecError {
            let message = error.message ?? "the test file failed to run"
            cases.append(TestCaseResult(name: name, status: .errored, message: "failed to run: " + Self.firstLine(message),
                                        trace: error.stack ?? file.message ?? message, file: name))
        } else if file.status == "failed" && !anyFailed {
            let message = file.message ?? "the test file failed"
            cases.append(TestCaseResult(name: name, status: .errored, message: "failed to run: " + Self.firstLine(message),
                                        trace: message, file: name))
        }
        return cases
    }

    private static func status(of assertion: Assertion) -> TestStatus {
        switch assertion.status {
        case "passed": return .passed
        case "failed":
            let text = assertion.failureMessages?.first ?? ""
            if text.contains("Exceeded timeout of") { return .errored }
            let details = assertion.failureDetails?.first
            let assertion = details?.hasMatcherResult == true || details?.code == "ERR_ASSERTION"
                || details?.name == "AssertionError" || text.hasPrefix("AssertionError") || isNodeAssertion(text)
            return assertion ? .failed : .errored
        default: return .skipped
        }
    }

    /// jest-circus rewrites node's `AssertionError` as `assert.strictEqual(received, expected)` or `assert(received)`.
    private static func isNodeAssertion(_ text: String) -> Bool {
        guard text.hasPrefix("assert") else { return false }
        let rest = text.dropFirst("assert".count)
        if rest.hasPrefix("(") { return true }
        guard rest.hasPrefix(".") else { return false }
        let name = rest.dropFirst().prefix { $0.isLetter }
        return !name.isEmpty && rest.dropFirst(1 + name.count).hasPrefix("(")
    }

    /// `path` relative to the working directory (Jest reports real paths, so symlinks in it are resolved too).
    private func relative(_ path: String) -> String {
        let resolved = URL(fileURLWithPath: workingDirectory).resolvingSymlinksInPath().path
        for base in [workingDirectory, resolved] where path.hasPrefix(base + "/") {
            return String(path.dropFirst(base.count + 1))
        }
        return path
    }

    private static func firstLine(_ text: String) -> String {
        let trimmed = text.drop { $0.isWhitespace || $0.isNewline }
        return String(trimmed.prefix { $0 != "\n" })
    }
}
