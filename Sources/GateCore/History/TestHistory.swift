import Foundation
import GRDB

/// Read-only questions to the history: test durations (for shard planning and the time selection saved), flake
/// rates, the tests a suite is known to have.
public struct TestHistory: Sendable {
    public let database: HistoryDatabase

    public init(database: HistoryDatabase) { self.database = database }

    /// Opens the history of a gate directory for reading, or nil when no run has recorded one yet (never creates it).
    public static func existing(in directory: GateDirectory) throws -> TestHistory? {
        let path = HistoryDatabase.path(in: directory)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return TestHistory(database: try HistoryDatabase(path: path))
    }

    /// The median recorded duration of each test of `suite`, keyed by the runner's test id. Runs without a
    /// per-test time, and skipped runs, do not count.
    public func medianDurations(suite: String) throws -> [String: Duration] {
        try medianSeconds(suite: suite).mapValues { Duration.milliseconds(Int64(($0 * 1000).rounded())) }
    }

    /// The same, in seconds.
    public func medianSeconds(suite: String) throws -> [String: Double] {
        let rows = try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT test, duration FROM test_run
                WHERE suite = ? AND duration IS NOT NULL AND outcome != 'skipped' ORDER BY test, duration
                """, arguments: [suite])
        }
        var byTest: [String: [Double]] = [:]
        for row in rows { byTest[row["test"] as String, default: []].append(row["duration"]) }
        return byTest.mapValues(Self.median)
    }

    /// The suites the history has seen.
    public func suites() throws -> [String] {
        try database.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT suite FROM test_run ORDER BY suite") }
    }

    /// The distinct test ids recorded for `suite` (what the history knows of the full suite).
    public func knownTests(suite: String) throws -> Set<String> {
        Set(try database.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT test FROM test_run WHERE suite = ? AND phase != 'fix'", arguments: [suite])
        })
    }

    /// Each test's flake rate: the share of its recorded runs that failed on a tree where the same test also passed
    /// (a failure the code cannot explain). Tests with fewer than `minRuns` runs, or that never flipped, are left out.
    /// `since` (seconds since 1970) counts only the runs of pushes from then on.
    public func flakeRates(minRuns: Int = 1, since: Double = 0) throws -> [FlakeRate] {
        let rows = try database.read { db in
            try Row.fetchAll(db, sql: """
                WITH per_tree AS (
                    SELECT suite, test, tree, COUNT(*) AS runs,
                           SUM(outcome IN ('failed', 'errored')) AS failures, SUM(outcome = 'passed') AS passes
                    FROM test_run JOIN push USING (run)
                    WHERE outcome != 'skipped' AND push.time >= ? GROUP BY suite, test, tree)
                SELECT suite, test, SUM(runs) AS runs, SUM(CASE WHEN passes > 0 THEN failures ELSE 0 END) AS flips,
                       COUNT(DISTINCT CASE WHEN passes > 0 AND failures > 0 THEN tree END) AS trees
                FROM per_tree GROUP BY suite, test HAVING SUM(runs) >= ? AND flips > 0
                """, arguments: [since, minRuns])
        }
        return rows.map { row in
            FlakeRate(suite: row["suite"], test: row["test"], runs: row["runs"], flakyFailures: row["flips"], flippedTrees: row["trees"])
        }.sorted { ($0.rate, $0.runs, $1.test) > ($1.rate, $1.runs, $0.test) }
    }

    /// The tests `settings` quarantines: flake rate at least `minRate` over at least `minRuns` runs, keyed
    /// `suite: test` like `FlakeCheck.failingNames`.
    public func knownFlaky(_ settings: FlakySettings) throws -> [String: FlakeRate] {
        var known: [String: FlakeRate] = [:]
        for rate in try flakeRates(minRuns: settings.minRuns) where rate.rate >= settings.minRate {
            known[rate.suite + ": " + rate.test] = rate
        }
        return known
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
