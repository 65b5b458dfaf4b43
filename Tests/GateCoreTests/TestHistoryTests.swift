import Foundation
import Testing
@testable import GateCore
import GRDB

@Suite struct TestHistoryTests {
    static let commitA = ObjectID(hex: String(repeating: "a", count: 40))!
    static let commitB = ObjectID(hex: String(repeating: "b", count: 40))!

    static func result(_ cases: [(String, TestStatus, Double?)], suite: String = "unit") -> SuiteResult {
        SuiteResult(suite: suite, runner: .pytest, cases: cases.map {
            TestCaseResult(name: $0.0, status: $0.1, message: $0.1 == .failed ? "assert 1 == 2\nmore" : nil, duration: $0.2)
        })
    }

    static func push(_ run: String, at time: Double, _ captures: [SuiteRunCapture], verdict: Verdict = .passed,
                     attempts: [FixAttemptRecord] = []) -> HistoryRecorder.Push {
        HistoryRecorder.Push(run: run, started: Date(timeIntervalSince1970: time), wallTime: 2.5, mode: "pre-push", verdict: verdict,
                             captures: captures, attempts: attempts, tree: { commit in
                                 ObjectID(hex: String(repeating: commit == commitA ? "1" : "2", count: 40)) })
    }

    static func capture(_ commit: ObjectID, _ phase: TestRunPhase, attempt: Int, _ result: SuiteResult) -> SuiteRunCapture {
        SuiteRunCapture(commit: commit, phase: phase, attempt: attempt, wholeSuite: false, result: result)
    }

    static func capture(whole: Bool = false, _ result: SuiteResult) -> SuiteRunCapture {
        SuiteRunCapture(commit: commitA, phase: .first, attempt: 0, wholeSuite: whole, result: result)
    }

    static func capture(_ phase: TestRunPhase, _ result: SuiteResult) -> SuiteRunCapture {
        SuiteRunCapture(commit: commitA, phase: phase, attempt: 0, wholeSuite: false, result: result)
    }

    static func capture(_ commit: ObjectID, _ result: SuiteResult) -> SuiteRunCapture {
        SuiteRunCapture(commit: commit, phase: .first, attempt: 0, wholeSuite: false, result: result)
    }

    @Test func recordsEachTestWithItsTreePhaseAndDurationAndThePushWithItsFixAttempts() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let database = try HistoryDatabase(path: temp.path + "/history.sqlite")
        var attempt = FixAttemptRecord(attempt: 1, provider: "openai", model: "gpt-4.1")
        attempt.inputTokens = 1200
        attempt.outputTokens = 80
        attempt.outcome = .fixed
        let recorder = HistoryRecorder(database: database, settings: HistorySettings())
        try recorder.record(Self.push("r1", at: 1_800_000_000, [
            Self.capture(whole: true, Self.result([("t/test_a.py::test_one", .passed, 0.5), ("t/test_a.py::test_two", .passed, 1.0)])),
        ]))
        let stored = try recorder.record(Self.push("r2", at: 1_800_000_100, [
            Self.capture(Self.result([("t/test_a.py::test_one", .failed, 0.7)])),
            Self.capture(.rerun, Self.result([("t/test_a.py::test_one", .failed, 0.9)])),
            Self.capture(Self.commitB, .fix, attempt: 1, Self.result([("t/test_a.py::test_one", .passed, 0.3)])),
        ], verdict: .fixed, attempts: [attempt]))
        #expect(stored.selectedTests == 1)
        #expect(stored.fullSuiteTests == 2)
        let rows = try database.read { db in
            try String.fetchAll(db, sql: "SELECT run || '|' || tree || '|' || phase || '|' || attempt || '|' || outcome || '|' || IFNULL(message, '') FROM test_run WHERE test = 't/test_a.py::test_one' ORDER BY run, phase, attempt")
        }
        #expect(rows == ["r1|" + String(repeating: "1", count: 40) + "|first|0|passed|",
                         "r2|" + String(repeating: "1", count: 40) + "|first|0|failed|assert 1 == 2",
                         "r2|" + String(repeating: "2", count: 40) + "|fix|1|passed|",
                         "r2|" + String(repeating: "1", count: 40) + "|rerun|0|failed|assert 1 == 2"])
        let fixes = try database.read { db in
            try String.fetchAll(db, sql: "SELECT provider || '/' || model || ' ' || input_tokens || '+' || output_tokens || ' ' || outcome FROM fix_attempt")
        }
        #expect(fixes == ["openai/gpt-4.1 1200+80 fixed"])
        let medians = try TestHistory(database: database).medianDurations(suite: "unit")
        #expect(medians["t/test_a.py::test_one"] == .milliseconds(600))
        #expect(medians["t/test_a.py::test_two"] == .seconds(1))
    }

    @Test func aTestThatPassedAndFailedOnTheSameTreeGetsAFlakeRateAndOneThatWasFixedDoesNot() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let database = try HistoryDatabase(path: temp.path + "/history.sqlite")
        let recorder = HistoryRecorder(database: database, settings: HistorySettings())
        // flaky: fails then passes on the re-run of one tree, and fails then passes again in a later push of that tree.
        try recorder.record(Self.push("r1", at: 1_800_000_000, [
            Self.capture(Self.result([("flaky", .failed, 0.1), ("real", .failed, 0.1)])),
            Self.capture(.rerun, Self.result([("flaky", .passed, 0.1), ("real", .failed, 0.1)])),
        ], verdict: .blocked))
        // real: failed on tree A, passes on tree B (the code changed): not flaky.
        try recorder.record(Self.push("r2", at: 1_800_000_100, [
            Self.capture(Self.commitB, Self.result([("flaky", .passed, 0.1), ("real", .passed, 0.1)])),
        ]))
        try recorder.record(Self.push("r3", at: 1_800_000_200, [
            Self.capture(Self.result([("flaky", .passed, 0.1)])),
        ]))
        let rates = try TestHistory(database: database).flakeRates()
        #expect(rates.map(\.test) == ["flaky"])
        #expect(rates.first?.runs == 4)
        #expect(rates.first?.flakyFailures == 1)
        #expect(rates.first?.rate == 0.25)
        var settings = FlakySettings()
        settings.minRuns = 5
        #expect(try TestHistory(database: database).knownFlaky(settings).isEmpty)
        settings.minRuns = 4
        settings.minRate = 0.2
        #expect(try TestHistory(database: database).knownFlaky(settings).keys.sorted() == ["unit: flaky"])
    }

    @Test func retentionDropsOldPushesAndKeepsAtMostMaxPushes() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let database = try HistoryDatabase(path: temp.path + "/history.sqlite")
        var settings = HistorySettings()
        settings.retentionDays = 10
        settings.maxPushes = 3
        let recorder = HistoryRecorder(database: database, settings: settings)
        let day = 86_400.0
        let start = 1_800_000_000.0
        for index in 0..<6 {
            try recorder.record(Self.push("r\(index)", at: start + Double(index) * (index == 0 ? 0 : day), [
                Self.capture(Self.result([("t\(index)", .passed, 0.1)])),
            ]))
        }
        // r0 is from day 0; r5 from day 5: all within 10 days, so only max_pushes bounds them.
        var runs = try database.read { db in try String.fetchAll(db, sql: "SELECT run FROM push ORDER BY time") }
        #expect(runs == ["r3", "r4", "r5"])
        try recorder.record(Self.push("r6", at: start + 20 * day, [Self.capture(Self.result([("t6", .passed, 0.1)]))]))
        runs = try database.read { db in try String.fetchAll(db, sql: "SELECT run FROM push ORDER BY time") }
        #expect(runs == ["r6"])
        let orphans = try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM test_run WHERE run != 'r6'") }
        #expect(orphans == 0)
    }

    @Test func twoWritersOnTheSameFileNeverFailWithDatabaseIsLocked() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let path = temp.path + "/history.sqlite"
        let failures = FailureBox()
        let group = DispatchGroup()
        for writer in 0..<4 {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    // Each writer opens its own connection (and races the others through the migration).
                    let recorder = HistoryRecorder(database: try HistoryDatabase(path: path), settings: HistorySettings())
                    for index in 0..<40 {
                        let cases = (0..<50).map { ("w\(writer)-t\($0)", TestStatus.passed, 0.01) }
                        try recorder.record(Self.push("w\(writer)-\(index)", at: 1_800_000_000 + Double(index), [Self.capture(Self.result(cases))]))
                    }
                } catch {
                    failures.add("\(error)")
                }
            }
        }
        group.wait()
        #expect(failures.all.isEmpty)
        let database = try HistoryDatabase(path: path)
        #expect(try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM push") } == 160)
        #expect(try database.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
    }

    @Test func schemaIsVersionedWithMigrations() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let database = try HistoryDatabase(path: temp.path + "/history.sqlite")
        let applied = try database.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == ["v1"])
        let columns = try database.read { db in try db.columns(in: "push").map(\.name) }
        #expect(columns.contains("diff_coverage"))
    }
}

/// Errors collected from several threads.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ item: String) { lock.lock(); items.append(item); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
