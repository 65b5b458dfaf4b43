import Foundation
import GRDB

/// The history as one JSON document, for `gate history export`/`import` and the `refs/gate/history` ref.
/// Importing merges: rows already present (same run id; same test, phase and attempt of a run) are kept as they are,
/// so importing the same archive twice, or two archives that overlap, adds each row once.
public struct HistoryArchive: Codable, Sendable, Equatable {
    public static let formatName = "gate-history"
    public static let currentVersion = 1
    /// The file name inside the `refs/gate/history` commit's tree.
    public static let fileName = "history.json"

    public var format = formatName
    public var version = currentVersion
    public var pushes: [PushRecord]
    public var testRuns: [TestRunRecord]
    public var fixAttempts: [RecordedFixAttempt]

    public init(pushes: [PushRecord], testRuns: [TestRunRecord], fixAttempts: [RecordedFixAttempt]) {
        self.pushes = pushes
        self.testRuns = testRuns
        self.fixAttempts = fixAttempts
    }

    /// Reads an archive, refusing anything that is not one this gate understands.
    public static func decode(_ data: Data, source: String) throws -> HistoryArchive {
        struct Header: Decodable { var format: String?; var version: Int? }
        guard let header = try? JSONDecoder().decode(Header.self, from: data), header.format == formatName else {
            throw HistoryArchiveError(source: source, reason: "it is not a gate history export (no \"format\": \"\(formatName)\")")
        }
        guard header.version == currentVersion else {
            throw HistoryArchiveError(source: source, reason: "it is version \(header.version.map(String.init) ?? "?") of the format; this gate reads version \(currentVersion). Update gate")
        }
        do {
            return try JSONDecoder().decode(HistoryArchive.self, from: data)
        } catch {
            throw HistoryArchiveError(source: source, reason: "it does not parse: \(error)")
        }
    }

    /// Sorted JSON, one stable text for the same history (so a ref snapshot of an unchanged history diffs empty).
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// An archive that cannot be imported; nothing was written.
public struct HistoryArchiveError: Error, CustomStringConvertible {
    public let source: String
    public let reason: String
    public var description: String { "cannot import \(source): \(reason). Nothing was imported." }
}

extension HistoryDatabase {
    /// Everything in the history, oldest push first.
    public func export() throws -> HistoryArchive {
        try read { db in
            let pushes = try Row.fetchAll(db, sql: "SELECT * FROM push ORDER BY time, run").map { row in
                PushRecord(run: row["run"], time: row["time"], mode: row["mode"], verdict: Verdict(rawValue: row["verdict"]) ?? .passed,
                           selectedTests: row["selected_tests"], fullSuiteTests: row["full_suite_tests"], wallTime: row["wall_time"],
                           diffCoverage: row["diff_coverage"])
            }
            let tests = try Row.fetchAll(db, sql: "SELECT * FROM test_run ORDER BY run, phase, attempt, suite, test").map { row in
                TestRunRecord(run: row["run"], commit: row["commit_id"], tree: row["tree"], suite: row["suite"],
                              runner: RunnerKind(rawValue: row["runner"]) ?? .command, test: row["test"],
                              outcome: TestStatus(rawValue: row["outcome"]) ?? .errored, duration: row["duration"],
                              attempt: row["attempt"], phase: TestRunPhase(rawValue: row["phase"]) ?? .first, message: row["message"])
            }
            let attempts = try Row.fetchAll(db, sql: "SELECT * FROM fix_attempt ORDER BY run, attempt").map { row in
                RecordedFixAttempt(run: row["run"], attempt: row["attempt"], provider: row["provider"], model: row["model"],
                                   inputTokens: row["input_tokens"], outputTokens: row["output_tokens"],
                                   outcome: FixAttemptOutcome(rawValue: row["outcome"]) ?? .pending)
            }
            return HistoryArchive(pushes: pushes, testRuns: tests, fixAttempts: attempts)
        }
    }

    /// Merges an archive in one transaction (all of it or, on an error, none). Rows whose push is neither in the
    /// archive nor already here are skipped. Returns the pushes and test runs that were new.
    @discardableResult
    public func importArchive(_ archive: HistoryArchive) throws -> (pushes: Int, testRuns: Int) {
        let tests = Dictionary(grouping: archive.testRuns, by: \.run)
        let attempts = Dictionary(grouping: archive.fixAttempts, by: \.run)
        return try write { db in
            var added = (pushes: 0, testRuns: 0)
            for push in archive.pushes {
                let rows = try insertRows(db, push, tests: tests[push.run] ?? [], attempts: attempts[push.run] ?? [])
                if rows.pushAdded { added.pushes += 1 }
                added.testRuns += rows.testRunsAdded
            }
            return added
        }
    }
}
