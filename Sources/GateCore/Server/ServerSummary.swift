/// The pusher's view of a server-side verdict: plain lines git prefixes with `remote:`; `error:` per failing test
/// (name, message, two lines of trace) and one `hint:`.
enum ServerSummary {
    static func lines(_ report: RunReport) -> [String] {
        if report.verdict == .unchecked {
            return ["gate: NOT CHECKED: no test suite covers the pushed code (no server config or .gate.yml suites, none detected); run \(report.run)"]
        }
        guard report.verdict != .passed else {
            let suites = report.targets.flatMap(\.results).map(\.suite)
            return ["gate: passed (\(suites.isEmpty ? "no tests needed" : suites.joined(separator: ", "))); run \(report.run)"]
        }
        if report.verdict == .timeout {
            // The suites were killed, so their "failures" are not the pusher's to fix.
            // ServerGate prints the verdict (rejected, or accepted under server.fail_open) and the hint.
            return ["gate: the tests were stopped at server.timeout; full report: gate/reports/\(report.run).md on the server (run \(report.run))"]
        }
        var lines: [String] = []
        for target in report.targets where target.passed && target.quality?.passed == false {
            lines.append("gate: \(target.refs.joined(separator: ", ")) at \(target.commit.short): \(QualityText.headline(target.quality!))")
            for line in target.quality!.diffCoverage.uncovered.prefix(20) { lines.append("error: uncovered \(line.file):\(line.line): \(line.text.prefix(160))") }
        }
        for target in report.targets where !target.passed {
            lines.append("gate: \(target.refs.joined(separator: ", ")) at \(target.commit.short) fails its tests")
            for result in target.results where !result.verdictPassed {
                if let error = result.suiteError {
                    lines.append("error: suite \(result.suite): \(error.split(separator: "\n").first ?? "")")
                }
                for item in result.cases where item.status == .failed || item.status == .errored {
                    let message = item.message.map { String($0.split(separator: "\n").first ?? "") } ?? ""
                    lines.append("error: \(item.status == .failed ? "FAILED" : "ERROR") \(item.name)" + (message.isEmpty ? "" : ": " + String(message.prefix(200))))
                    let trace = (item.trace ?? "").split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                    for line in trace.suffix(2) { lines.append("error:     " + String(line.prefix(200))) }
                }
            }
        }
        lines.append("hint: fix the failing tests, commit, and push again. Report: gate/reports/\(report.run).md on the server (run \(report.run)).")
        return lines
    }
}
