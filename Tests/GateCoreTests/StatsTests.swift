import Foundation
import Testing
@testable import GateCore

/// `gate stats` numbers from a known history, in text, JSON and the HTML page (read back from Chromium's DOM).
@Suite struct StatsTests {
    /// Three pushes: a full run (3 tests), a selected run of one test that blocked and was fixed by one of two
    /// attempts, and a selected run of two tests with a flaky test.
    static func seeded(_ temp: TemporaryDirectory) throws -> TestHistory {
        let database = try HistoryDatabase(path: temp.path + "/history.sqlite")
        let recorder = HistoryRecorder(database: database, settings: HistorySettings())
        let start = 1_800_000_000.0
        func commit(_ digit: String) -> ObjectID { ObjectID(hex: String(repeating: digit, count: 40))! }
        func capture(_ commit: ObjectID, _ phase: TestRunPhase = .first, whole: Bool = false, result: SuiteResult) -> SuiteRunCapture {
            SuiteRunCapture(commit: commit, phase: phase, attempt: 0, wholeSuite: whole, result: result)
        }
        func push(_ run: String, at time: Double, wallTime: Double, _ captures: [SuiteRunCapture], verdict: Verdict = .passed,
                  attempts: [FixAttemptRecord] = []) -> HistoryRecorder.Push {
            HistoryRecorder.Push(run: run, started: Date(timeIntervalSince1970: time), wallTime: wallTime, mode: "pre-push", verdict: verdict,
                                 captures: captures, attempts: attempts, tree: { $0 })
        }
        func result(_ cases: [(String, TestStatus, Double)]) -> SuiteResult {
            SuiteResult(suite: "unit", runner: .pytest, cases: cases.map {
                TestCaseResult(name: $0.0, status: $0.1, message: $0.1 == .failed ? "AssertionError: <b>boom</b>" : nil, duration: $0.2)
            })
        }
        try recorder.record(push("p1", at: start, wallTime: 2.5, [
            capture(commit("1"), whole: true, result: result([("slow", .passed, 4.0), ("mid", .passed, 1.0), ("fast", .passed, 0.5)])),
        ]))
        var failed = FixAttemptRecord(attempt: 1, provider: "openai", model: "gpt-4.1")
        failed.inputTokens = 1000; failed.outputTokens = 50; failed.outcome = .stillFailing
        var fixed = FixAttemptRecord(attempt: 2, provider: "openai", model: "gpt-4.1")
        fixed.inputTokens = 1200; fixed.outputTokens = 70; fixed.outcome = .fixed
        try recorder.record(push("p2", at: start + 100, wallTime: 10, [
            capture(commit("2"), result: result([("mid", .failed, 2.0)])),
            capture(commit("2"), .rerun, result: result([("mid", .failed, 2.0)])),
        ], verdict: .fixed, attempts: [failed, fixed]))
        try recorder.record(push("p3", at: start + 200, wallTime: 4, [
            capture(commit("3"), result: result([("fast", .failed, 0.5), ("mid", .passed, 1.0)])),
            capture(commit("3"), .rerun, result: result([("fast", .passed, 0.5)])),
        ]))
        return TestHistory(database: database)
    }

    @Test func numbersFromAKnownHistory() throws {
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let report = try StatsQuery(history: try Self.seeded(temp)).report(since: 0, now: 1_800_000_300)
        #expect(report.pushes.checked == 3)
        #expect(report.pushes.passed == 2)
        #expect(report.pushes.fixed == 1)
        #expect(report.pushes.medianSeconds == 4)  // 2.5, 10, 4
        #expect(report.selection.pushes == 3)
        #expect(report.selection.testsRun == 3 + 1 + 2)
        #expect(report.selection.fullSuiteTests == 9)
        // Medians: slow 4.0, mid 1.0 (1, 2, 2, 1 → 1.5), fast 0.5. p2 left out slow and fast; p3 left out slow.
        #expect(report.slowestTests.map(\.test) == ["slow", "mid", "fast"])
        #expect(report.slowestTests[1].medianSeconds == 1.5)
        #expect(report.selection.secondsSaved == (4.0 + 0.5) + 4.0)
        #expect(report.flakiestTests.map(\.test) == ["fast"])
        #expect(report.flakiestTests.first?.rate == 1.0 / 3.0)
        #expect(report.fixes.count == 1)
        #expect(report.fixes.first?.attempts == 2)
        #expect(report.fixes.first?.fixed == 1)
        #expect(report.fixes.first?.inputTokens == 2200)
        #expect(report.fixes.first?.outputTokens == 120)
        #expect(report.failureMessages.first?.message == "AssertionError: <b>boom</b>")
        #expect(report.failureMessages.first?.count == 2)

        let text = StatsText.render(report).joined(separator: "\n")
        #expect(text.contains("3 checked: 2 passed, 0 blocked, 1 fixed; median push 4.0 s"))
        #expect(text.contains("6 of 9 tests run"))
        #expect(text.contains("time saved by selection: 8.5 s"))
        #expect(text.contains("33%  unit: fast (1 of 3 runs, on 1 tree)"))
        #expect(text.contains("openai/gpt-4.1: 1 of 2 attempts fixed (50%), 2200 input + 120 output tokens"))

        // A window that starts after p1 leaves it out.
        let later = try StatsQuery(history: try TestHistory(database: HistoryDatabase(path: temp.path + "/history.sqlite")))
            .report(since: 1_800_000_050, now: 1_800_000_300)
        #expect(later.pushes.checked == 2)
    }

    @Test func sinceTakesSpansAndDays() {
        #expect(StatsWindow.start("30d", now: 1_000_000_000).map { abs($0 - 997_408_000) < 0.001 } == true)
        #expect(StatsWindow.start("12h", now: 100_000).map { abs($0 - 56_800) < 0.001 } == true)
        #expect(StatsWindow.start("2026-11-01") == 1_793_491_200)
        #expect(StatsWindow.start("yesterday") == nil)
        #expect(StatsWindow.start("2026-13-01") == nil)
    }

    @Test func theHTMLPageShowsTheNumbersInChromiumsDOM() throws {
        guard GitSandbox.hasTool("chromium --version") else {
            Issue.record("chromium is not installed (Tests/run.sh installs it)")
            return
        }
        let temp = try TemporaryDirectory()
        defer { temp.remove() }
        let report = try StatsQuery(history: try Self.seeded(temp)).report(since: 0, now: 1_800_000_300)
        let html = try StatsHTML.render(report, environment: ["GATE_SHARE_DIR": GitSandbox.packageRoot])
        #expect(!html.contains("<b>boom"))
        #expect(html.contains("&lt;b&gt;boom"))
        try temp.write("stats.html", html)
        let dom = try ChildProcess.run(ProcessSpec(executable: "/bin/sh", arguments: ["-c",
            "chromium --headless --no-sandbox --disable-gpu --dump-dom 'file://\(temp.path)/stats.html' 2>/dev/null"], timeout: 120))
        let text = String(decoding: dom.standardOutput, as: UTF8.self)
        func value(_ id: String) -> String? {
            guard let start = text.range(of: "id=\"\(id)\">") else { return nil }
            return String(text[start.upperBound...].prefix { $0 != "<" })
        }
        #expect(value("pushes-checked") == "3")
        #expect(value("pushes-passed") == "2")
        #expect(value("pushes-fixed") == "1")
        #expect(value("median-push") == "4.0 s")
        #expect(value("tests-run") == "6")
        #expect(value("full-suite") == "9")
        #expect(value("time-saved") == "8.5 s")
        #expect(value("flake-rate-0") == "33%")
        #expect(text.components(separatedBy: "<svg").count - 1 == 4)
        #expect(!text.contains("<script"))
    }
}
