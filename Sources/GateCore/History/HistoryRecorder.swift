import Foundation

/// Turns what one gate run saw (its suite runs, verdict and fix attempts) into history rows, writes them, and keeps
/// the history within `history:`'s bounds.
public struct HistoryRecorder {
    public let database: HistoryDatabase
    public let settings: HistorySettings

    public init(database: HistoryDatabase, settings: HistorySettings) {
        self.database = database
        self.settings = settings
    }

    public struct Push {
        public var run: String
        public var started: Date
        public var wallTime: Double
        public var mode: String
        public var verdict: Verdict
        public var captures: [SuiteRunCapture]
        public var attempts: [FixAttemptRecord]
        /// The tree of each commit a capture names.
        public var tree: (ObjectID) -> ObjectID?
        /// Failure messages go through it before they are stored (the history can be shared through a ref).
        public var redactor = SecretRedactor(environment: [:])
        /// The push's diff coverage in percent, when a `quality:` threshold measured it.
        public var diffCoverage: Double? = nil
    }

    /// Records one push and prunes; returns the stored push.
    @discardableResult
    public func record(_ push: Push) throws -> PushRecord {
        var trees: [ObjectID: String] = [:]
        let tests = push.captures.flatMap { capture -> [TestRunRecord] in
            let tree = trees[capture.commit] ?? (push.tree(capture.commit)?.hex ?? capture.commit.hex)
            trees[capture.commit] = tree
            return capture.result.cases.map { item in
                TestRunRecord(run: push.run, commit: capture.commit.hex, tree: tree, suite: capture.result.suite,
                              runner: capture.result.runner, test: item.name, outcome: item.status, duration: item.duration,
                              attempt: capture.attempt, phase: capture.phase,
                              message: item.message.map { push.redactor.redact(String(($0.split(separator: "\n").first ?? "").prefix(300))) })
            }
        }
        let first = push.captures.filter { $0.phase == .first }
        let selected = Set(first.flatMap { capture in capture.result.cases.map { capture.result.suite + "\u{0}" + $0.name } }).count
        var record = PushRecord(run: push.run, time: push.started.timeIntervalSince1970, mode: push.mode, verdict: push.verdict,
                                selectedTests: selected, fullSuiteTests: selected, wallTime: push.wallTime, diffCoverage: push.diffCoverage)
        record.fullSuiteTests = try fullSuiteCount(first: first, selected: selected)
        try database.insert(record, tests: tests, attempts: push.attempts.map {
            RecordedFixAttempt(run: push.run, attempt: $0.attempt, provider: $0.provider, model: $0.model,
                               inputTokens: $0.inputTokens, outputTokens: $0.outputTokens, outcome: $0.outcome)
        })
        try database.prune(settings, now: push.started)
        return record
    }

    /// The full suites' test count: a suite that ran whole counts what it ran; every other suite the history knows
    /// counts the distinct tests recorded for it (exact once it has run whole; a deleted test lingers until pruned).
    private func fullSuiteCount(first: [SuiteRunCapture], selected: Int) throws -> Int {
        let whole = Dictionary(first.filter(\.wholeSuite).map { ($0.result.suite, Set($0.result.cases.map(\.name)).count) },
                               uniquingKeysWith: max)
        let history = TestHistory(database: database)
        let ranSelected = Dictionary(first.map { ($0.result.suite, Set($0.result.cases.map(\.name))) }, uniquingKeysWith: { $0.union($1) })
        var total = 0
        for suite in Set(try history.suites()).union(ranSelected.keys) {
            if let count = whole[suite] { total += count; continue }
            total += try history.knownTests(suite: suite).union(ranSelected[suite] ?? []).count
        }
        return max(total, selected)
    }
}
