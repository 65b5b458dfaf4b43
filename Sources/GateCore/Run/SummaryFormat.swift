import Foundation

/// The final summary block and per-suite lines.
enum SummaryFormat {
    static func suiteLine(_ result: SuiteResult, console: Console) -> String {
        let mark = result.verdictPassed ? console.styled("✓", .green) : console.styled("✗", .red)
        var text = "\(mark) \(result.suite) (\(result.runner.rawValue)): \(result.passed) passed, \(result.failed) failed, \(result.errored) errors, \(result.skipped) skipped, \(String(format: "%.1f", result.duration)) s"
        if !result.flakyCases.isEmpty { text += console.styled(" (\(result.flakyCases.count) flaky)", .yellow) }
        if let error = result.suiteError { text += "\n      " + console.styled(String(error.split(separator: "\n").first ?? ""), .red) }
        for item in result.cases where item.status == .failed || item.status == .errored {
            let kind = item.status == .failed ? "failure" : "error"
            text += "\n      \(kind): \(item.name)" + (item.message.map { " — " + String($0.split(separator: "\n").first ?? "").prefix(160) } ?? "")
        }
        for item in result.flakyCases { text += "\n      flaky: \(item.name) (failed, then passed on re-run)" }
        return text
    }

    static func block(_ report: RunReport, reportPath: String?, elapsed: Double, console: Console) -> [String] {
        let verdict: String
        switch report.verdict {
        case .passed: verdict = console.styled("PASSED", .green)
        case .unchecked: verdict = console.styled("NOT CHECKED — no test suite covers the changed code (see the warning above)", .yellow)
        case .fixed: verdict = console.styled("BLOCKED — fixed in \(report.fixedCommit?.short ?? "?")", .yellow)
        case .blocked, .timeout, .accepted: verdict = console.styled("BLOCKED", .red)
        case .belowCoverage: verdict = console.styled("BLOCKED — coverage below the threshold (tests passed)", .red)
        }
        var lines = ["", console.styled("gate: ", .bold) + verdict + console.styled("  (run \(report.run))", .dim)]
        for ref in report.refs { lines.append("  ref      \(ref.ref)  \(ref.display)  (\(ref.note))") }
        lines.append("  files    \(report.changed.count) changed")
        var counts = (passed: 0, failed: 0, errors: 0, skipped: 0)
        var suites: [String] = []
        var flaky: [String] = []
        for target in report.targets {
            if target.verifiedBefore { suites.append("\(target.commit.short): already verified") }
            for result in target.results {
                counts.passed += result.passed; counts.failed += result.failed
                counts.errors += result.errored; counts.skipped += result.skipped
                suites.append(result.suite)
                flaky += result.flakyCases.map { result.suite + ": " + $0.name }
            }
            if target.results.isEmpty && !target.verifiedBefore { suites.append("\(target.commit.short): none (\(target.planReason))") }
        }
        lines.append("  suites   " + (suites.isEmpty ? "none" : suites.joined(separator: ", ")))
        lines.append("  tests    \(counts.passed) passed, \(counts.failed) failed, \(counts.errors) errors, \(counts.skipped) skipped"
            + (flaky.isEmpty ? "" : " (\(flaky.count) of the passed flaky)"))
        if !flaky.isEmpty { lines.append("  flaky    " + flaky.joined(separator: ", ")) }
        for target in report.targets { if let quality = target.quality { lines.append("  coverage " + QualityText.headline(quality)) } }
        lines.append("  elapsed  \(String(format: "%.1f", elapsed)) s")
        if let reportPath { lines.append("  report   \(reportPath)") }
        for step in report.nextSteps { lines.append("  next     \(step)") }
        return lines
    }
}
