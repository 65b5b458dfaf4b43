import Foundation

/// `gate report RUN --html`: one self-contained page with the verdict, the run's timeline, the failures with their
/// traces, each fix attempt's diff and a per-test duration chart (inline SVG). Body: `Templates/html/report.mustache`;
/// shell: `HTMLPage`.
public struct RunReportPage {
    public let report: RunReport
    public let timeline: RunTimeline
    /// The most tests the duration chart shows (the slowest).
    public var chartLimit = 40

    public init(report: RunReport, timeline: RunTimeline) {
        self.report = report
        self.timeline = timeline
    }

    public func render(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let body = try HTMLTemplates.render("report", context, environment: environment)
        let subtitle = "\(report.mode.rawValue) · \(report.time) · \(report.changed.count) file(s) changed · gate \(report.gateVersion)"
        return try HTMLPage(title: "gate run \(report.run): \(report.verdict.rawValue)", subtitle: subtitle, body: body).render(environment: environment)
    }

    struct Failure { var suite: String; var name: String; var kind: String; var tone: String; var location: String?; var message: String?; var trace: String? }
    struct DiffLine { var text: String; var kind: String }
    struct Attempt { var attempt: Int; var provider: String; var model: String; var outcome: String; var detail: String; var tokens: String?; var diffLines: [DiffLine]; var hasDiff: Bool }
    struct Suite { var name: String; var runner: String; var counts: String; var tone: String }
    struct Context {
        var verdict: String; var run: String; var suites: [Suite]; var steps: [RunTimeline.Step]; var hasSteps: Bool
        var failures: [Failure]; var hasFailures: Bool; var flaky: [String]; var hasFlaky: Bool
        var attempts: [Attempt]; var hasAttempts: Bool; var chart: String; var nextSteps: [String]; var hasNextSteps: Bool
    }

    var context: Context {
        let results = report.targets.flatMap(\.results)
        let suites = results.map { result in
            Suite(name: result.suite, runner: result.runner.rawValue,
                  counts: "\(result.passed) passed, \(result.failed) failed, \(result.errored) errors, \(result.skipped) skipped in \(String(format: "%.1f", result.duration)) s",
                  tone: (result.verdictPassed ? ChartTone.pass : .fail).rawValue)
        }
        var failures: [Failure] = []
        for result in results {
            if let error = result.suiteError {
                failures.append(Failure(suite: result.suite, name: result.suite, kind: "suite error", tone: ChartTone.error.rawValue, location: nil, message: Self.plain(error), trace: nil))
            }
            for item in result.cases where item.status == .failed || item.status == .errored {
                let location = item.file.map { file in item.line.map { "\(file):\($0)" } ?? file }
                failures.append(Failure(suite: result.suite, name: item.name, kind: item.status == .failed ? "failure" : "error",
                                        tone: (item.status == .failed ? ChartTone.fail : .error).rawValue,
                                        location: location, message: item.message.map(Self.plain),
                                        trace: item.trace.map { Self.plain(HeadTailTrimmer.trim($0, toLines: 80)) }))
            }
        }
        let attempts = report.attempts.map { attempt in
            let lines = (attempt.diff ?? "").split(separator: "\n", omittingEmptySubsequences: false).map { line in
                DiffLine(text: Self.plain(String(line)), kind: line.hasPrefix("+++") || line.hasPrefix("---") ? "file"
                         : line.hasPrefix("+") ? "add" : line.hasPrefix("-") ? "del" : line.hasPrefix("@@") ? "hunk" : "ctx")
            }
            return Attempt(attempt: attempt.attempt, provider: attempt.provider, model: attempt.model, outcome: attempt.outcome.rawValue,
                           detail: Self.plain(attempt.detail), tokens: Self.tokens(attempt),
                           diffLines: lines, hasDiff: attempt.diff?.isEmpty == false)
        }
        let flaky = report.flaky.map { "\($0.id) (\($0.suite))" }
        return Context(verdict: report.verdict.rawValue, run: report.run, suites: suites, steps: timeline.steps, hasSteps: !timeline.steps.isEmpty,
                       failures: failures, hasFailures: !failures.isEmpty, flaky: flaky, hasFlaky: !flaky.isEmpty,
                       attempts: attempts, hasAttempts: !attempts.isEmpty, chart: durationChart(results),
                       nextSteps: report.nextSteps, hasNextSteps: !report.nextSteps.isEmpty)
    }

    /// The slowest tests as bars, coloured by status; a note when the runner reported no durations.
    func durationChart(_ results: [SuiteResult]) -> String {
        let timed = results.flatMap { result in result.cases.compactMap { item in item.duration.map { (item, $0) } } }
            .sorted { $0.1 > $1.1 }
        let bars = timed.prefix(chartLimit).map { item, seconds in
            SVGBarChart.Bar(label: item.name, value: seconds, tone: Self.tone(item))
        }
        let chart = SVGBarChart(title: "Per-test duration (seconds), slowest first", bars: Array(bars)) { value in
            value < 0.01 ? String(format: "%.1f ms", value * 1000) : String(format: "%.2f s", value)
        }
        return chart.render()
    }

    /// Test output as page text: escape sequences and control characters removed (templates escape the markup).
    static func plain(_ text: String) -> String {
        TerminalText.sanitize(text)
    }

    static func tokens(_ attempt: FixAttemptRecord) -> String? {
        guard let input = attempt.inputTokens, let output = attempt.outputTokens else { return nil }
        return "\(input) in / \(output) out"
    }

    static func tone(_ item: TestCaseResult) -> ChartTone {
        switch item.status {
        case .passed: return item.flaky == true ? .skip : .pass
        case .failed: return .fail
        case .errored: return .error
        case .skipped: return .skip
        }
    }
}
