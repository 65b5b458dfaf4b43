/// How coverage results read: the report's Markdown section, the terminal summary line and the server's lines.
enum QualityText {
    /// One line: `diff coverage 62.5% (5 of 8 changed lines; min 80%)`.
    static func headline(_ quality: QualityReport) -> String {
        let diff = quality.diffCoverage
        var text = diff.executable == 0
            ? "diff coverage n/a (no changed executable line)"
            : "diff coverage \(QualityReport.format(diff.percent)) (\(diff.covered) of \(diff.executable) changed lines)"
        if let min = diff.min { text += "; min \(QualityReport.format(min))" }
        if let total = quality.coverage {
            text += total.percent.map { ", coverage \(QualityReport.format($0)); min \(QualityReport.format(total.min))" }
                ?? ", coverage not checked (\(total.skipped ?? "nothing measured"))"
        }
        return text + (quality.passed ? "" : " — BELOW THRESHOLD")
    }

    /// The report section: figures, uncovered lines with their source, what was not measured, and the tests that ran.
    static func markdown(_ quality: QualityReport) -> [String] {
        var lines = ["### Coverage: " + (quality.passed ? "met" : "BELOW THRESHOLD"), ""]
        let diff = quality.diffCoverage
        lines.append("- diff coverage: **\(QualityReport.format(diff.percent))** of changed executable lines ran (\(diff.covered) of \(diff.executable))"
            + (diff.min.map { "; threshold \(QualityReport.format($0))" } ?? ""))
        if let total = quality.coverage {
            lines.append("- whole-project coverage: " + (total.percent.map { "**\(QualityReport.format($0))** (\(total.covered) of \(total.executable) lines)" }
                ?? "not checked: \(total.skipped ?? "nothing measured")") + "; threshold \(QualityReport.format(total.min))")
        }
        for problem in quality.problems { lines.append("- ⚠ \(problem)") }
        if !diff.notMeasured.isEmpty {
            lines.append("- not measured (no coverage tool ran them; not counted): " + diff.notMeasured.map { "`\($0)`" }.joined(separator: ", "))
        }
        lines.append("")
        if !diff.uncovered.isEmpty {
            lines.append("#### Uncovered changed lines")
            lines.append("")
            lines.append("```")
            for line in diff.uncovered.prefix(200) { lines.append("\(line.file):\(line.line): \(line.text)") }
            if diff.uncovered.count > 200 { lines.append("… and \(diff.uncovered.count - 200) more") }
            lines.append("```")
            lines.append("")
        }
        lines.append("#### Tests that ran (\(quality.tests.count))")
        lines.append("")
        for test in quality.tests.prefix(100) { lines.append("- `\(test)`") }
        if quality.tests.count > 100 { lines.append("- … and \(quality.tests.count - 100) more") }
        lines.append("")
        return lines
    }

    /// The `coverage` event's fields.
    static func trailFields(_ quality: QualityReport, commit: ObjectID) -> [String: JSONValue] {
        var fields: [String: JSONValue] = ["commit": .string(commit.hex), "passed": .bool(quality.passed),
                                           "covered": .int(quality.diffCoverage.covered), "executable": .int(quality.diffCoverage.executable)]
        if let percent = quality.diffCoverage.percent { fields["diff_coverage"] = .double(percent) }
        if let percent = quality.coverage?.percent { fields["coverage"] = .double(percent) }
        if !quality.problems.isEmpty { fields["problems"] = .string(quality.problems.joined(separator: "; ")) }
        return fields
    }

    /// What to do about a coverage block; the AI fix never adds tests.
    static func nextSteps(server: Bool) -> [String] {
        if server {
            return ["Add tests that run the uncovered changed lines (listed in the report), commit, and push again."]
        }
        return ["Add tests that run the uncovered changed lines listed in the report, commit, and `git push` again (gate's AI fix does not write tests).",
                "To push anyway (not recommended): `GATE_SKIP=1 git push` or `git push --no-verify`."]
    }
}
