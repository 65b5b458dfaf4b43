import Foundation

/// `gate stats --format html`: one self-contained page (the shared `HTMLPage` shell) with inline SVG charts of push
/// outcomes and run time over time, flake rates and the slowest tests, and the numbers in tables. Every number a
/// reader (or a test) looks for carries an `id`.
public enum StatsHTML {
    public static func render(_ report: StatsReport, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let subtitle = "\(report.pushes.checked) pushes recorded since \(StatsText.day(report.since)), from .git/gate/history.sqlite"
        return try HTMLPage(title: "gate stats", subtitle: subtitle, body: body(report)).render(environment: environment)
    }

    static func body(_ report: StatsReport) -> String {
        var html = summary(report)
        let labels = report.timeline.map { StatsText.day($0.time) }
        var counts: [Verdict: Double] = [:]
        let outcomes: [(Verdict, ChartTone)] = [(.passed, .pass), (.blocked, .fail), (.fixed, .error)]
        var series = outcomes.map { SVGLineChart.Series(name: $0.0.rawValue, tone: $0.1, values: []) }
        for point in report.timeline {
            counts[point.verdict, default: 0] += 1
            for (index, outcome) in outcomes.enumerated() { series[index].values.append(counts[outcome.0] ?? 0) }
        }
        html += section("Push outcomes over time (cumulative)", SVGLineChart(title: "push outcomes, cumulative", xLabels: labels, series: series,
                                                                            format: { String(format: "%.0f", $0) }).render())
        html += section("Run time per push", SVGLineChart(title: "wall time per push", xLabels: labels, series: [
            SVGLineChart.Series(name: "wall time (s)", tone: .neutral, values: report.timeline.map(\.wallTime)),
        ], format: { StatsText.seconds($0) }).render())
        html += section("Flake rates", SVGBarChart(title: "flake rate per test", bars: report.flakiestTests.map {
            SVGBarChart.Bar(label: "\($0.suite): \($0.test)", value: $0.rate * 100, tone: .fail)
        }, format: { String(format: "%.0f%%", $0) }).render() + table(["test", "flake rate", "flaky failures", "runs"], report.flakiestTests.enumerated().map { index, rate in
            [text("\(rate.suite): \(rate.test)"), cell("flake-rate-\(index)", StatsText.percent(rate.rate)), text("\(rate.flakyFailures)"), text("\(rate.runs)")]
        }))
        html += section("Slowest tests (median)", SVGBarChart(title: "median duration per test", bars: report.slowestTests.map {
            SVGBarChart.Bar(label: "\($0.suite): \($0.test)", value: $0.medianSeconds)
        }, format: { StatsText.seconds($0) }).render())
        html += section("AI fixes by provider and model", table(["provider/model", "fixed", "attempts", "success", "input tokens", "output tokens"],
                                                               report.fixes.map {
            [text("\($0.provider)/\($0.model)"), text("\($0.fixed)"), text("\($0.attempts)"), text(StatsText.percent($0.successRate)),
             text("\($0.inputTokens)"), text("\($0.outputTokens)")]
        }))
        html += section("Most frequent failure messages", table(["count", "tests", "message"], report.failureMessages.map {
            [text("\($0.count)"), text("\($0.tests)"), "<code>" + text($0.message) + "</code>"]
        }))
        return html
    }

    private static func summary(_ report: StatsReport) -> String {
        let pushes = report.pushes, selection = report.selection
        let share = selection.fullSuiteTests == 0 ? 0 : Double(selection.testsRun) / Double(selection.fullSuiteTests)
        let rows: [[String]] = [
            [text("pushes checked"), cell("pushes-checked", "\(pushes.checked)")],
            [text("passed"), cell("pushes-passed", "\(pushes.passed)")],
            [text("blocked"), cell("pushes-blocked", "\(pushes.blocked)")],
            [text("fixed"), cell("pushes-fixed", "\(pushes.fixed)")],
            [text("median push time"), cell("median-push", StatsText.seconds(pushes.medianSeconds ?? 0))],
            [text("tests run / full suites"), cell("tests-run", "\(selection.testsRun)") + " / " + cell("full-suite", "\(selection.fullSuiteTests)")
                + " (" + StatsText.percent(share) + ")"],
            [text("time saved by selection"), cell("time-saved", StatsText.seconds(selection.secondsSaved))
                + " <span class=\"muted\">(sum of the recorded median durations of the known tests each push did not run)</span>"],
        ]
        return section("Summary", table(["", ""], rows))
    }

    private static func cell(_ id: String, _ text: String) -> String { "<span id=\"\(id)\">\(HTMLText.escape(text))</span>" }

    private static func section(_ title: String, _ content: String) -> String {
        "<section><h2>\(HTMLText.escape(title))</h2>\(content)</section>\n"
    }

    private static func text(_ plain: String) -> String { HTMLText.escape(plain) }

    /// Rows of cells, each markup built here from escaped text (`text`, `cell`).
    private static func table(_ header: [String], _ rows: [[String]]) -> String {
        guard !rows.isEmpty else { return "<p class=\"muted\">none</p>" }
        var html = "<table><tr>" + header.map { "<th>\(HTMLText.escape($0))</th>" }.joined() + "</tr>"
        for row in rows {
            html += "<tr>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>"
        }
        return html + "</table>"
    }
}
