import Foundation

/// `gate stats --format text`.
public enum StatsText {
    public static func render(_ report: StatsReport) -> [String] {
        let pushes = report.pushes
        let days = Int(((report.generated - report.since) / 86_400).rounded())
        var lines = ["gate stats: \(pushes.checked) pushes recorded since \(day(report.since)) (\(days) days)"]
        guard pushes.checked > 0 else {
            return lines + ["  nothing recorded yet: the history (.git/gate/history.sqlite) fills as pushes run tests."]
        }
        lines.append("pushes      \(pushes.checked) checked: \(pushes.passed) passed, \(pushes.blocked) blocked, \(pushes.fixed) fixed"
                     + (pushes.other > 0 ? ", \(pushes.other) other" : "") + "; median push \(seconds(pushes.medianSeconds ?? 0))")
        let selection = report.selection
        lines.append("selection   \(selection.testsRun) of \(selection.fullSuiteTests) tests run over \(selection.pushes) pushes that ran tests (\(percent(selection.fullSuiteTests == 0 ? 0 : Double(selection.testsRun) / Double(selection.fullSuiteTests))))")
        lines.append("            time saved by selection: \(seconds(selection.secondsSaved)), the sum of the recorded median durations of the known tests each push did not run"
                     + (selection.unselectedWithoutDuration > 0 ? " (\(selection.unselectedWithoutDuration) unselected test runs had no recorded duration and count 0)" : ""))
        let coverages = report.timeline.compactMap(\.diffCoverage)
        if !coverages.isEmpty {
            lines.append(String(format: "diff coverage median %.1f%%, lowest %.1f%%, over %d measured pushes (latest %.1f%%)",
                                TestHistory.median(coverages), coverages.min() ?? 0, coverages.count, coverages.last ?? 0))
        }
        lines.append("slowest tests (median duration)")
        lines += report.slowestTests.map { "  \(pad(seconds($0.medianSeconds), 8))  \($0.suite): \($0.test) (\($0.runs) runs)" }
        if report.slowestTests.isEmpty { lines.append("  none with a recorded duration") }
        lines.append("flakiest tests (failed on a tree where they also passed)")
        lines += report.flakiestTests.map {
            "  \(pad(percent($0.rate), 5))  \($0.suite): \($0.test) (\($0.flakyFailures) of \($0.runs) runs, on \($0.flippedTrees) tree\($0.flippedTrees == 1 ? "" : "s"))"
        }
        if report.flakiestTests.isEmpty { lines.append("  none") }
        lines.append("AI fixes by provider and model")
        lines += report.fixes.map {
            "  \($0.provider)/\($0.model): \($0.fixed) of \($0.attempts) attempts fixed (\(percent($0.successRate))), \($0.inputTokens) input + \($0.outputTokens) output tokens"
        }
        if report.fixes.isEmpty { lines.append("  none attempted") }
        lines.append("most frequent failure messages")
        lines += report.failureMessages.map { "  \(pad("\($0.count)×", 5))  \($0.message) (\($0.tests) test\($0.tests == 1 ? "" : "s"))" }
        if report.failureMessages.isEmpty { lines.append("  none") }
        return lines.map { TerminalText.sanitize($0) }
    }

    static func day(_ time: Double) -> String { String(UTCTimestamp.iso8601(Date(timeIntervalSince1970: time)).prefix(10)) }

    static func seconds(_ value: Double) -> String {
        value >= 100 ? String(format: "%.0f s", value) : value >= 1 ? String(format: "%.1f s", value) : String(format: "%.0f ms", value * 1000)
    }

    static func percent(_ share: Double) -> String { String(format: "%.0f%%", share * 100) }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }
}
