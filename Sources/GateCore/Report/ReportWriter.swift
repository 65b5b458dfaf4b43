import Foundation

/// Writes a run's report as JSON and Markdown under `.git/gate/reports/`.
public struct ReportWriter {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// Returns the Markdown path and text. Key values and token shapes (`SecretRedactor`) are redacted from both files,
    /// and so from the note made of the Markdown; the full test logs beside them are left as the tests wrote them.
    @discardableResult
    public func write(_ report: RunReport) throws -> (markdownPath: String, jsonPath: String, markdown: String) {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let jsonPath = directory + "/" + report.run + ".json"
        let markdownPath = directory + "/" + report.run + ".md"
        let redactor = SecretRedactor(environment: ProcessInfo.processInfo.environment)
        let json = redactor.redact(String(decoding: try encoder.encode(report), as: UTF8.self))
        try Data(json.utf8).write(to: URL(fileURLWithPath: jsonPath), options: .atomic)
        let markdown = redactor.redact(MarkdownReport.render(report))
        try Data(markdown.utf8).write(to: URL(fileURLWithPath: markdownPath), options: .atomic)
        return (markdownPath, jsonPath, markdown)
    }
}

/// Renders a report as Markdown, failures and errors kept apart, traces trimmed.
public enum MarkdownReport {
    public static func render(_ report: RunReport) -> String {
        var lines: [String] = []
        lines.append("# gate: \(report.verdict.rawValue) (run \(report.run))")
        lines.append("")
        lines.append("- time: \(report.time)")
        lines.append("- mode: \(report.mode.rawValue)")
        for ref in report.refs {
            lines.append("- ref `\(ref.ref)`: \(ref.display) — \(ref.note)")
        }
        lines.append("- files changed: \(report.changed.count)")
        if let fixed = report.fixedCommit { lines.append("- fixed in: `\(fixed.hex)`") }
        lines.append("")
        if !report.changed.isEmpty {
            lines.append("## Changed files")
            lines.append("")
            for path in report.changed.prefix(200) { lines.append("- `\(path)`") }
            if report.changed.count > 200 { lines.append("- … and \(report.changed.count - 200) more") }
            lines.append("")
        }
        for target in report.targets {
            lines.append("## Commit \(target.commit.short) (\(target.refs.joined(separator: ", ")))")
            lines.append("")
            lines.append("Tests ran in `\(target.workspace)`. Selection: \(target.planMode.rawValue) — \(target.planReason)")
            lines.append("")
            if let quality = target.quality { lines += QualityText.markdown(quality) }
            for result in target.results {
                let state = result.verdictPassed ? "passed" : "FAILED"
                lines.append("### Suite `\(result.suite)` (\(result.runner.rawValue)): \(state)")
                lines.append("")
                let flaky = result.flakyCases
                lines.append("\(result.passed) passed, \(result.failed) failed, \(result.errored) errors, \(result.skipped) skipped in \(String(format: "%.1f", result.duration)) s."
                    + (flaky.isEmpty ? "" : " \(flaky.count) of the passed tests are flaky (failed, then passed on re-run)."))
                if let log = result.logPath { lines.append("Full log: `\(log)`") }
                for note in result.notes { lines.append("Note: \(note)") }
                lines.append("")
                if !flaky.isEmpty {
                    lines.append("#### Flaky (failed, then passed on re-run)")
                    lines.append("")
                    for item in flaky { lines.append("- **\(item.name)**" + (item.message.map { " — first run: " + firstLine($0) } ?? "")) }
                    lines.append("")
                }
                if let error = result.suiteError {
                    lines.append("**Suite error:** \(error)")
                    lines.append("")
                }
                for (title, status) in [("Failures (assertions)", TestStatus.failed), ("Errors (exceptions, crashes, build errors)", TestStatus.errored)] {
                    let cases = result.cases.filter { $0.status == status }
                    guard !cases.isEmpty else { continue }
                    lines.append("#### \(title)")
                    lines.append("")
                    for item in cases {
                        lines.append("- **\(item.name)**" + (item.file.map { " (`\($0)`)" } ?? "") + (item.message.map { ": " + firstLine($0) } ?? ""))
                        if let trace = item.trace, !trace.isEmpty {
                            lines.append("")
                            lines.append("  ```")
                            for line in HeadTailTrimmer.trim(trace, toLines: 40).split(separator: "\n", omittingEmptySubsequences: false) {
                                lines.append("  " + line)
                            }
                            lines.append("  ```")
                        }
                    }
                    lines.append("")
                }
            }
        }
        if !report.attempts.isEmpty {
            lines.append("## Fix attempts")
            lines.append("")
            for attempt in report.attempts {
                var head = "- attempt \(attempt.attempt): \(attempt.outcome.rawValue) — \(attempt.provider)/\(attempt.model), prompt \(attempt.promptBytes) bytes"
                if let id = attempt.requestID { head += ", request \(id)" }
                if let input = attempt.inputTokens, let output = attempt.outputTokens { head += ", tokens \(input) in / \(output) out" }
                if attempt.httpRetries > 0 { head += ", \(attempt.httpRetries) HTTP retries" }
                lines.append(head)
                if !attempt.detail.isEmpty { lines.append("  - \(attempt.detail)") }
                for edit in attempt.edits { lines.append("  - edit: \(edit)") }
                if let commit = attempt.commit { lines.append("  - commit: `\(commit.hex)`") }
                if let failing = attempt.failingAfter { lines.append("  - tests failing after it: \(failing)") }
                if let log = attempt.logPath { lines.append("  - full test output: `\(log)`") }
            }
            lines.append("")
        }
        if !report.nextSteps.isEmpty {
            lines.append("## Next steps")
            lines.append("")
            for step in report.nextSteps { lines.append("- \(step)") }
            lines.append("")
        }
        lines.append("Logs: `\(report.logDirectory)`")
        return lines.joined(separator: "\n") + "\n"
    }

    static func firstLine(_ text: String) -> String {
        String(text.split(separator: "\n", maxSplits: 1).first ?? "")
    }
}
