import Foundation
import Testing
@testable import GateCore

/// The page shell and the SVG charts: hostile text stays text, the SVG is well-formed XML (checked by libxml2's
/// `xmllint`), and the page loads nothing from the network.
@Suite struct HTMLPageTests {
    static let hostile = "tests/t.py::test_<script>alert(1)</script>&\"'\u{1}\u{1B}[2J"

    @Test func barChartEscapesLabelsAndIsWellFormedSVG() throws {
        let chart = SVGBarChart(title: "durations", bars: [
            .init(label: Self.hostile, value: 2.5, tone: .fail),
            .init(label: "tests/t.py::test_ok", value: 0.25, tone: .pass),
        ], format: { String(format: "%.2f s", $0) }).render()
        #expect(!chart.contains("<script"))
        #expect(chart.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;&#39;"))
        #expect(!chart.unicodeScalars.contains { $0.value < 0x20 })
        #expect(chart.contains("2.50 s") && chart.contains("0.25 s"))
        // The longest bar spans the plot; the shorter one is scaled to a tenth of it.
        let widths = chart.matches(of: /<rect x="300" y="\d+" width="(\d+)"/).map { Int($0.1)! }
        #expect(widths.count == 2)
        #expect(widths[0] == 370 && widths[1] == 37)
        try Self.xmllint(chart)
    }

    @Test func lineChartBreaksAtMissingValuesAndIsWellFormedSVG() throws {
        let chart = SVGLineChart(title: "runs", xLabels: ["r1", "r2", "r3", Self.hostile], series: [
            .init(name: "duration", tone: .neutral, values: [1, nil, 3, 4]),
            .init(name: "failures <b>", tone: .fail, values: [0, 1, 0, 2]),
        ]).render()
        #expect(chart.matches(of: /<polyline/).count == 3)
        #expect(chart.matches(of: /<circle/).count == 7)
        #expect(chart.contains("failures &lt;b&gt;") && !chart.contains("<b>"))
        try Self.xmllint(chart)
    }

    @Test func pageShellIsSelfContainedAndEscapesItsTitle() throws {
        let body = "<section><h2>Chart</h2>" + SVGBarChart(title: "t", bars: [.init(label: "a", value: 1)]).render() + "</section>"
        let html = try HTMLPage(title: "gate <run>", subtitle: "sub & title", body: body).render()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<title>gate &lt;run&gt;</title>"))
        #expect(html.contains("sub &amp; title"))
        #expect(html.contains(body))
        #expect(html.contains("Content-Security-Policy"))
        #expect(html.range(of: #"(src|href)\s*=\s*["']?(https?:)?//"#, options: .regularExpression) == nil)
        #expect(!html.contains("<script"))
    }

    /// Fails when libxml2 finds the text not well-formed.
    static func xmllint(_ xml: String) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("chart.svg", xml)
        let outcome = try ChildProcess.run(ProcessSpec(executable: "/bin/sh", arguments: ["-c", "xmllint --noout chart.svg 2>&1"],
                                                       workingDirectory: directory.path, timeout: 60))
        #expect(outcome.exitCode == 0, "xmllint: \(String(decoding: outcome.standardOutput, as: UTF8.self))")
    }
}
