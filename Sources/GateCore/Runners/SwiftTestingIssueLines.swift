import Foundation

/// Recovers where and why Swift Testing tests failed from `swift test` output, because its
/// XUnit report holds only `<failure message="Expectation failed: …"/>`, with no location.
///
/// Swift Testing prints, for every recorded issue,
/// `✘ Test twice() recorded an issue at T.swift:9:9: Expectation failed: (a → 2) == 3`,
/// optionally followed by `↳ comment` lines. A test with a display name is printed by that
/// name (`✘ Test "adds" recorded an issue …`), a parameterized one with its arguments
/// (`recorded an issue with 1 argument x → 2 at …`).
enum SwiftTestingIssueLines {
    struct Issue: Equatable {
        /// The function name (`twice()`) or the quoted display name (`"adds"`).
        var test: String
        /// The file name as printed (Swift Testing prints only the last path component), or as resolved.
        var file: String
        var line: Int
        var column: Int
        /// The issue text, then the `↳` comment lines.
        var text: String
        var comments: [String] = []

        /// `T.swift:9:9: Expectation failed: … — comment`.
        var traceLine: String {
            "\(file):\(line):\(column): \(text)" + comments.map { "\n  ↳ \($0)" }.joined()
        }
    }

    private static let pattern = try! NSRegularExpression(
        pattern: #"^✘ Test (.+?) recorded an issue(?: .*?)? at (\S+):(\d+):(\d+): (.*)$"#)

    /// Every issue line in `log`, in order, with its comment lines.
    static func parse(_ log: String) -> [Issue] {
        var issues: [Issue] = []
        var inIssue = false
        for line in log.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if inIssue, line.hasPrefix("↳ ") {
                issues[issues.count - 1].comments.append(String(line.dropFirst(2)))
                continue
            }
            inIssue = false
            let range = NSRange(line.startIndex..., in: line)
            guard line.hasPrefix("✘ Test "), let match = pattern.firstMatch(in: line, range: range) else { continue }
            let group = { (index: Int) in Range(match.range(at: index), in: line).map { String(line[$0]) } ?? "" }
            guard let number = Int(group(3)), let column = Int(group(4)) else { continue }
            issues.append(Issue(test: group(1), file: group(2), line: number, column: column, text: group(5)))
            inIssue = true
        }
        return issues
    }

    /// Adds the issues of each failed case named `…/function()` or `Module.function()` to its
    /// trace, and sets its file; file names go through `resolveFile`. An issue belongs to a case when its
    /// text begins one of the case's failure messages and it names the case's function, or a
    /// display name (which the report does not hold).
    static func enrich(
        _ cases: [TestCaseResult], log: String, resolveFile: (_ module: String, _ name: String) -> String
    ) -> [TestCaseResult] {
        let issues = parse(log)
        guard !issues.isEmpty else { return cases }
        return cases.map { testCase in
            guard testCase.status == .failed || testCase.status == .errored, let message = testCase.message else { return testCase }
            let function = functionName(of: testCase.name)
            let messages = message.split(separator: "\n").map(String.init)
            let matching = issues.filter { issue in
                (issue.test == function || issue.test.hasPrefix("\"")) && messages.contains { $0.hasPrefix(issue.text) }
            }
            guard !matching.isEmpty else { return testCase }
            let module = SwiftTestID.module(of: testCase.name)
            let located = matching.map { issue in
                var issue = issue
                issue.file = resolveFile(module, issue.file)
                return issue
            }
            var enriched = testCase
            enriched.file = located[0].file
            let trace = located.map(\.traceLine).joined(separator: "\n")
            enriched.trace = [trace, testCase.trace].compactMap { $0 }.joined(separator: "\n\n")
            return enriched
        }
    }

    /// `twice()` for `LibTests.Outer/twice()` and for `LibTests.twice()`.
    static func functionName(of id: String) -> String {
        if let slash = id.lastIndex(of: "/") { return String(id[id.index(after: slash)...]) }
        guard let dot = id.firstIndex(of: ".") else { return id }
        return String(id[id.index(after: dot)...])
    }
}
