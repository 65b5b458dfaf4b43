import Foundation
import Testing
@testable import GateCore

@Suite struct RunRetentionTests {
    /// Makes a run's log directory, its two reports and (optionally) a leftover server checkout.
    private func makeRun(_ id: String, in gate: GateDirectory, checkout: Bool = false) throws {
        try FileManager.default.createDirectory(atPath: gate.logs + "/" + id, withIntermediateDirectories: true)
        try Data("log".utf8).write(to: URL(fileURLWithPath: gate.logs + "/" + id + "/t-check.log"))
        try gate.ensureExists(gate.reports)
        for ext in ["json", "md"] { try Data("{}".utf8).write(to: URL(fileURLWithPath: gate.reports + "/" + id + "." + ext)) }
        if checkout {
            try FileManager.default.createDirectory(atPath: gate.runs + "/" + id + ".AbC123/tree", withIntermediateDirectories: true)
        }
    }

    private func names(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }

    @Test func keepsTheNewestRunsAndDropsOldOnes() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let gate = GateDirectory(commonGitDirectory: temp.path)
        let now = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15
        let recent = (0..<4).map { RunID.make(now: now.addingTimeInterval(Double(-60 * $0))) }
        let old = RunID.make(now: now.addingTimeInterval(-30 * 86_400))
        for id in recent + [old] { try makeRun(id, in: gate, checkout: id == old) }
        // Files that are not a run's stay: coverage seed logs, flake history.
        try Data("seed".utf8).write(to: URL(fileURLWithPath: gate.logs + "/coverage-seed.log"))

        let pruned = RunRetention(runs: 2, days: 14).prune(gate, keeping: recent[0], now: now)
        #expect(pruned == [old, recent[3], recent[2]].sorted())
        #expect(names(gate.logs) == ([recent[0], recent[1]].sorted() + ["coverage-seed.log"]).sorted())
        #expect(names(gate.reports) == [recent[0], recent[1]].sorted().flatMap { [$0 + ".json", $0 + ".md"] })
        #expect(names(gate.runs).isEmpty)
    }

    @Test func dropsRunsOlderThanTheDaysEvenWhenFew() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let gate = GateDirectory(commonGitDirectory: temp.path)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let current = RunID.make(now: now)
        let stale = RunID.make(now: now.addingTimeInterval(-3 * 86_400))
        for id in [current, stale] { try makeRun(id, in: gate) }
        #expect(RunRetention(runs: 20, days: 2).prune(gate, keeping: current, now: now) == [stale])
        #expect(names(gate.logs) == [current])
    }

    @Test func theCurrentRunIsNeverPruned() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let gate = GateDirectory(commonGitDirectory: temp.path)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        // A clock that went backwards: the current run sorts oldest.
        let current = RunID.make(now: now.addingTimeInterval(-100 * 86_400))
        let newer = RunID.make(now: now)
        for id in [current, newer] { try makeRun(id, in: gate) }
        #expect(RunRetention(runs: 1, days: 14).prune(gate, keeping: current, now: now) == [newer])
        #expect(names(gate.logs) == [current])
    }

    @Test func parsesLogLimitAndRetention() throws {
        let config = try ConfigParser().parse("version: 1\nrun:\n  log_limit: 1048576\n  retention:\n    runs: 5\n    days: 3\n")
        #expect(config.run.logLimit == 1_048_576)
        #expect(config.run.retention == RunRetention(runs: 5, days: 3))
        let defaults = try ConfigParser().parse("version: 1\n")
        #expect(defaults.run.logLimit == SuiteExecutor.defaultLogLimit)
        #expect(defaults.run.retention == RunRetention(runs: 20, days: 14))
        #expect(throws: ConfigError.self) { try ConfigParser().parse("version: 1\nrun:\n  log_limit: 10\n") }
        #expect(throws: ConfigError.self) { try ConfigParser().parse("version: 1\nrun:\n  retention:\n    weeks: 2\n") }
    }
}
