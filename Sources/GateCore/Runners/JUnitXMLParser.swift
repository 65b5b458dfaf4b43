import Foundation

/// Reads JUnit/XUnit XML reports as written by pytest, node, swift test, and most other tools.
///
/// Handles `<testsuites>` or a lone `<testsuite>` as root, nested test suites, test cases
/// directly under `<testsuites>` (node), the `file`/`line`/`classname` attributes, and keeps
/// `<failure>` (an assertion did not hold) apart from `<error>` (the test could not run).
public enum JUnitXMLParser {
    public struct ParseError: Error, CustomStringConvertible {
        public var description: String
    }

    /// All test cases in the report, in document order.
    public static func parse(_ data: Data) throws -> [JUnitTestCase] {
        var collector = Collector()
        var reader = XMLEventReader(Array(data))
        do {
            try reader.read { event in
                switch event {
                case .start(let name, let attributes): collector.start(name, attributes)
                case .end(let name): collector.end(name)
                case .text(let text): collector.text?.append(text)
                }
            }
        } catch let failure as XMLEventReader.Failure {
            throw ParseError(description: "invalid or truncated JUnit XML at \(failure)")
        }
        if !collector.sawRoot { throw ParseError(description: "not a JUnit report: no <testsuites> or <testsuite> element") }
        return collector.cases
    }

    /// Parses the report at `path`.
    public static func parse(contentsOf path: String) throws -> [JUnitTestCase] {
        try parse(Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

/// Builds the cases from the reader's events.
private struct Collector {
    var cases: [JUnitTestCase] = []
    var sawRoot = false
    private var suites: [String] = []
    private var current: JUnitTestCase?
    private var messages: [String] = []
    private var traces: [String] = []
    /// Text collected inside a failure, error or skipped element.
    var text: String?

    mutating func start(_ element: String, _ attributes: [String: String]) {
        switch element {
        case "testsuites":
            sawRoot = true
        case "testsuite":
            sawRoot = true
            suites.append(attributes["name"] ?? "")
        case "testcase":
            messages = []
            traces = []
            current = JUnitTestCase(
                suitePath: suites, className: attributes["classname"] ?? "", name: attributes["name"] ?? "",
                file: attributes["file"].flatMap { $0.isEmpty ? nil : $0 }, line: attributes["line"].flatMap { Int($0) })
            current?.duration = attributes["time"].flatMap { Double($0.replacingOccurrences(of: ",", with: "")) }
        case "failure", "error", "skipped":
            guard var testCase = current else { return }
            let status: TestStatus = element == "failure" ? .failed : element == "error" ? .errored : .skipped
            if Self.rank(status) > Self.rank(testCase.status) {
                testCase.status = status
                if status != .skipped { testCase.failureType = attributes["type"] }
            }
            if let message = attributes["message"], !message.isEmpty { messages.append(message) }
            current = testCase
            text = ""
        default:
            break
        }
    }

    mutating func end(_ element: String) {
        switch element {
        case "testsuite":
            _ = suites.popLast()
        case "failure", "error", "skipped":
            if let body = text?.trimmingCharacters(in: .whitespacesAndNewlines), !body.isEmpty { traces.append(body) }
            text = nil
        case "testcase":
            guard var testCase = current else { return }
            if testCase.status != .passed {
                let firstTraceLine = traces.first?.split(separator: "\n").first.map(String.init)
                testCase.message = messages.isEmpty ? firstTraceLine : messages.joined(separator: "\n")
                testCase.trace = traces.isEmpty ? nil : traces.joined(separator: "\n\n")
            }
            cases.append(testCase)
            current = nil
        default:
            break
        }
    }

    private static func rank(_ status: TestStatus) -> Int {
        switch status {
        case .passed: return 0
        case .skipped: return 1
        case .failed: return 2
        case .errored: return 3
        }
    }
}
