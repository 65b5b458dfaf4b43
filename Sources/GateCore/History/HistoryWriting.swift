import Foundation
import GRDB

extension HistoryDatabase {
    /// Inserts a push with its test runs and fix attempts in one transaction. Rows already there (same run id, same
    /// test, phase and attempt) are left as they are, so importing the same export twice adds nothing.
    /// Returns whether the push was new.
    @discardableResult
    public func insert(_ push: PushRecord, tests: [TestRunRecord], attempts: [RecordedFixAttempt]) throws -> Bool {
        try write { db in try insertRows(db, push, tests: tests, attempts: attempts).pushAdded }
    }

    /// The inserts of `insert`, inside the caller's transaction.
    func insertRows(_ db: Database, _ push: PushRecord, tests: [TestRunRecord], attempts: [RecordedFixAttempt]) throws -> (pushAdded: Bool, testRunsAdded: Int) {
        try db.execute(sql: """
            INSERT OR IGNORE INTO push (run, time, mode, verdict, selected_tests, full_suite_tests, wall_time, diff_coverage)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [push.run, push.time, push.mode, push.verdict.rawValue, push.selectedTests,
                             push.fullSuiteTests, push.wallTime, push.diffCoverage])
        let added = db.changesCount > 0
        var testRunsAdded = 0
        for test in tests {
            try db.execute(sql: """
                INSERT OR IGNORE INTO test_run (run, commit_id, tree, suite, runner, test, outcome, duration, attempt, phase, message)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [test.run, test.commit, test.tree, test.suite, test.runner.rawValue, test.test,
                                 test.outcome.rawValue, test.duration, test.attempt, test.phase.rawValue, test.message])
            testRunsAdded += db.changesCount
        }
        for attempt in attempts {
            try db.execute(sql: """
                INSERT OR IGNORE INTO fix_attempt (run, attempt, provider, model, input_tokens, output_tokens, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [attempt.run, attempt.attempt, attempt.provider, attempt.model, attempt.inputTokens,
                                 attempt.outputTokens, attempt.outcome.rawValue])
        }
        return (added, testRunsAdded)
    }

    /// Deletes pushes older than `retentionDays` and all but the newest `maxPushes`, with their test runs and fix
    /// attempts. Returns how many pushes went.
    @discardableResult
    public func prune(_ settings: HistorySettings, now: Date = Date()) throws -> Int {
        try write { db in
            let cutoff = now.timeIntervalSince1970 - settings.retentionDays * 86_400
            try db.execute(sql: "DELETE FROM push WHERE time < ?", arguments: [cutoff])
            var removed = db.changesCount
            try db.execute(sql: "DELETE FROM push WHERE run NOT IN (SELECT run FROM push ORDER BY time DESC, run DESC LIMIT ?)",
                           arguments: [settings.maxPushes])
            removed += db.changesCount
            return removed
        }
    }

    /// Sets a push's diff coverage (percent), measured after it was recorded.
    public func setDiffCoverage(_ value: Double?, run: String) throws {
        try write { db in try db.execute(sql: "UPDATE push SET diff_coverage = ? WHERE run = ?", arguments: [value, run]) }
    }
}
