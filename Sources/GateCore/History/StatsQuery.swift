import Foundation
import GRDB

/// Computes `gate stats` from the history, over the pushes since a point in time.
public struct StatsQuery {
    public let history: TestHistory
    /// How many rows each top list holds.
    public var limit = 10

    public init(history: TestHistory) { self.history = history }

    public func report(since: Double, now: Double = Date().timeIntervalSince1970) throws -> StatsReport {
        var report = StatsReport(since: since, generated: now)
        report.timeline = try timeline(since: since)
        report.pushes = Self.pushCounts(report.timeline)
        report.selection = try selection(since: since)
        report.slowestTests = try slowestTests(since: since)
        report.flakiestTests = Array(try history.flakeRates(minRuns: 1, since: since).prefix(limit))
        report.fixes = try fixes(since: since)
        report.failureMessages = try failureMessages(since: since)
        return report
    }

    private func timeline(since: Double) throws -> [StatsReport.PushPoint] {
        try history.database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM push WHERE time >= ? ORDER BY time, run", arguments: [since]).map { row in
                StatsReport.PushPoint(run: row["run"], time: row["time"], verdict: Verdict(rawValue: row["verdict"]) ?? .passed,
                                      wallTime: row["wall_time"], selectedTests: row["selected_tests"], fullSuiteTests: row["full_suite_tests"],
                                      diffCoverage: row["diff_coverage"])
            }
        }
    }

    static func pushCounts(_ timeline: [StatsReport.PushPoint]) -> StatsReport.Pushes {
        var counts = StatsReport.Pushes()
        for point in timeline {
            counts.checked += 1
            switch point.verdict {
            case .passed: counts.passed += 1
            case .blocked: counts.blocked += 1
            case .fixed: counts.fixed += 1
            case .belowCoverage: counts.blocked += 1
            case .unchecked, .timeout, .accepted: counts.other += 1
            }
        }
        counts.medianSeconds = timeline.isEmpty ? nil : TestHistory.median(timeline.map(\.wallTime))
        return counts
    }

    /// Tests run against the full suites, and the time the unselected tests would have taken: for each push that ran
    /// tests, the recorded median durations of the known tests (any suite) it did not run.
    private func selection(since: Double) throws -> StatsReport.Selection {
        let medians = try history.database.read { db in
            try Row.fetchAll(db, sql: "SELECT suite, test, duration FROM test_run WHERE duration IS NOT NULL AND outcome != 'skipped'")
        }
        var durations: [String: [Double]] = [:]
        for row in medians { durations[(row["suite"] as String) + "\u{0}" + (row["test"] as String), default: []].append(row["duration"]) }
        let median = durations.mapValues(TestHistory.median)
        let known = Set(try history.database.read { db in
            try Row.fetchAll(db, sql: "SELECT DISTINCT suite, test FROM test_run WHERE phase != 'fix'")
        }.map { (($0["suite"] as String) + "\u{0}" + ($0["test"] as String)) })
        let ran = try history.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT push.run AS run, push.selected_tests AS selected, push.full_suite_tests AS full, suite, test
                FROM push JOIN test_run USING (run) WHERE push.time >= ? AND phase = 'first'
                """, arguments: [since])
        }
        var byPush: [String: (selected: Int, full: Int, tests: Set<String>)] = [:]
        for row in ran {
            let key = (row["suite"] as String) + "\u{0}" + (row["test"] as String)
            byPush[row["run"], default: (row["selected"], row["full"], [])].tests.insert(key)
        }
        var selection = StatsReport.Selection()
        for (_, push) in byPush {
            selection.pushes += 1
            selection.testsRun += push.selected
            selection.fullSuiteTests += push.full
            for test in known.subtracting(push.tests) {
                if let seconds = median[test] { selection.secondsSaved += seconds } else { selection.unselectedWithoutDuration += 1 }
            }
        }
        return selection
    }

    private func slowestTests(since: Double) throws -> [StatsReport.SlowTest] {
        let rows = try history.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT suite, test, duration FROM test_run JOIN push USING (run)
                WHERE push.time >= ? AND duration IS NOT NULL AND outcome != 'skipped'
                """, arguments: [since])
        }
        var byTest: [String: (suite: String, test: String, values: [Double])] = [:]
        for row in rows {
            let suite: String = row["suite"], test: String = row["test"]
            byTest[suite + "\u{0}" + test, default: (suite, test, [])].values.append(row["duration"])
        }
        return byTest.values.map { StatsReport.SlowTest(suite: $0.suite, test: $0.test, medianSeconds: TestHistory.median($0.values), runs: $0.values.count) }
            .sorted { ($0.medianSeconds, $1.test) > ($1.medianSeconds, $0.test) }.prefix(limit).map { $0 }
    }

    private func fixes(since: Double) throws -> [StatsReport.FixModel] {
        try history.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT provider, model, COUNT(*) AS attempts, SUM(outcome = 'fixed') AS fixed,
                       IFNULL(SUM(input_tokens), 0) AS input, IFNULL(SUM(output_tokens), 0) AS output
                FROM fix_attempt JOIN push USING (run) WHERE push.time >= ?
                GROUP BY provider, model ORDER BY attempts DESC, provider, model
                """, arguments: [since]).map { row in
                let attempts: Int = row["attempts"], fixed: Int = row["fixed"]
                return StatsReport.FixModel(provider: row["provider"], model: row["model"], attempts: attempts, fixed: fixed,
                                            successRate: attempts == 0 ? 0 : Double(fixed) / Double(attempts),
                                            inputTokens: row["input"], outputTokens: row["output"])
            }
        }
    }

    private func failureMessages(since: Double) throws -> [StatsReport.FailureMessage] {
        try history.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT message, COUNT(*) AS count, COUNT(DISTINCT suite || ':' || test) AS tests
                FROM test_run JOIN push USING (run)
                WHERE push.time >= ? AND outcome IN ('failed', 'errored') AND message IS NOT NULL AND message != '' AND phase = 'first'
                GROUP BY message ORDER BY count DESC, message LIMIT ?
                """, arguments: [since, limit]).map { row in
                StatsReport.FailureMessage(message: row["message"], count: row["count"], tests: row["tests"])
            }
        }
    }
}
