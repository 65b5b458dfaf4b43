import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

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
        let collector = Collector()
        let parser = XMLParser(data: data)
        parser.delegate = collector
        guard parser.parse() else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error"
            throw ParseError(description: "invalid JUnit XML at line \(parser.lineNumber): \(reason)")
        }
        if collector.openElements != 0 {
            throw ParseError(description: "truncated JUnit XML: \(collector.openElements) element(s) never closed")
        }
        if !collector.sawRoot { throw ParseError(description: "not a JUnit report: no <testsuites> or <testsuite> element") }
        return collector.cases
    }

    /// Parses the report at `path`.
    public static func parse(contentsOf path: String) throws -> [JUnitTestCase] {
        try parse(Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

/// The XMLParser delegate that builds the cases.
private final class Collector: NSObject, XMLParserDelegate {
    var cases: [JUnitTestCase] = []
    var sawRoot = false
    /// Elements opened but not yet closed; nonzero at the end means a truncated document.
    var openElements = 0
    private var suites: [String] = []
    private var current: JUnitTestCase?
    private var messages: [String] = []
    private var traces: [String] = []
    private var text: String?

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        openElements += 1
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

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text?.append(string)
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        text?.append(String(decoding: block, as: UTF8.self))
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        openElements -= 1
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
