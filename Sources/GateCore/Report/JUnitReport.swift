import Foundation

/// A run's results as one JUnit XML file: a `<testsuite>` per suite and pushed commit, each test named by its runner
/// id. `<failure>` (an assertion) and `<error>` (anything else) stay apart as the runner reported them, a skip is
/// `<skipped/>`, a flaky test passes with a `<flakyFailure>` holding its first failure, and a suite that could not be
/// judged at all gets one `<error>` case named after the suite. The file validates against the junit-10.xsd Jenkins'
/// xunit plugin uses, which has no attribute for a test's file and line: they open the failure's text instead
/// (`tests/test_x.py:12`).
public enum JUnitReport {
    public static func render(_ report: RunReport) -> String {
        var suites: [String] = []
        var totals = (tests: 0, failures: 0, errors: 0, time: 0.0)
        for target in report.targets {
            for result in target.results {
                let name = report.targets.count > 1 ? "\(result.suite) (\(target.commit.short))" : result.suite
                let element = suite(result, name: name, target: target, time: report.time)
                suites.append(element.xml)
                totals.tests += element.tests
                totals.failures += result.failed
                totals.errors += element.errors
                totals.time += result.duration
            }
        }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"\(XMLText.attribute("gate run \(report.run)"))\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\""
            + " errors=\"\(totals.errors)\" time=\"\(seconds(totals.time))\">\n"
        xml += suites.joined()
        return xml + "</testsuites>\n"
    }

    /// Writes the file atomically, creating its directory.
    public static func write(_ report: RunReport, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(render(report).utf8).write(to: url, options: .atomic)
    }

    static func suite(_ result: SuiteResult, name: String, target: RunReport.Target, time: String) -> (xml: String, tests: Int, errors: Int) {
        var cases = result.cases.map { testCase($0, suite: result.suite) }
        var errors = result.errored
        if let problem = result.suiteError {
            cases.append("    <testcase name=\"\(XMLText.attribute(result.suite))\" classname=\"\(XMLText.attribute(result.suite))\" time=\"\(seconds(result.duration))\">\n"
                + "      <error type=\"suite\" message=\"\(XMLText.attribute(firstLine(problem)))\">\(XMLText.content(problem))</error>\n    </testcase>\n")
            errors += 1
        }
        var xml = "  <testsuite name=\"\(XMLText.attribute(name))\" tests=\"\(cases.count)\" failures=\"\(result.failed)\" errors=\"\(errors)\""
            + " skipped=\"\(result.skipped)\" time=\"\(seconds(result.duration))\" timestamp=\"\(XMLText.attribute(time))\">\n"
        xml += "    <properties>\n"
        for (key, value) in [("runner", result.runner.rawValue), ("commit", target.commit.hex)] + (result.logPath.map { [("log", $0)] } ?? []) {
            xml += "      <property name=\"\(key)\" value=\"\(XMLText.attribute(value))\"/>\n"
        }
        xml += "    </properties>\n" + cases.joined() + "  </testsuite>\n"
        return (xml, cases.count, errors)
    }

    static func testCase(_ item: TestCaseResult, suite: String) -> String {
        var xml = "    <testcase name=\"\(XMLText.attribute(item.name))\" classname=\"\(XMLText.attribute(suite))\""
        if let duration = item.duration { xml += " time=\"\(seconds(duration))\"" }
        let body = [location(item), item.trace ?? item.message].compactMap { $0 }.joined(separator: "\n")
        let message = item.message.map { " message=\"\(XMLText.attribute($0))\"" } ?? ""
        switch item.status {
        case .passed where item.flaky == true:
            xml += ">\n      <flakyFailure type=\"flaky\"\(message)><stackTrace>\(XMLText.content(body))</stackTrace></flakyFailure>\n    </testcase>\n"
        case .passed:
            xml += "/>\n"
        case .failed:
            xml += ">\n      <failure type=\"failure\"\(message)>\(XMLText.content(body))</failure>\n    </testcase>\n"
        case .errored:
            xml += ">\n      <error type=\"error\"\(message)>\(XMLText.content(body))</error>\n    </testcase>\n"
        case .skipped:
            xml += ">\n      <skipped\(message)/>\n    </testcase>\n"
        }
        return xml
    }

    /// `file:line`, `file`, or nil.
    static func location(_ item: TestCaseResult) -> String? {
        guard let file = item.file else { return nil }
        return item.line.map { "\(file):\($0)" } ?? file
    }

    /// Seconds with three decimals, the form junit-10.xsd's `SUREFIRE_TIME` accepts.
    static func seconds(_ value: Double) -> String {
        String(format: "%.3f", value.isFinite ? max(0, value) : 0)
    }

    static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", maxSplits: 1).first ?? "")
    }
}
