import Foundation
import GRDB
import Testing
@testable import GateCore

/// The test history through the real hook: what a push records, what a docs-only push leaves alone, and flaky tests
/// quarantined from history.
@Suite(.serialized) struct HistoryEndToEndTests {
    static let calc = "def add(a, b):\n    return a + b\n"
    static let tests = "from calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n\n\ndef test_zero():\n    assert add(0, 0) == 0\n"
    static let config = "version: 1\nsuites:\n  - name: unit\n    runner: pytest\n    env:\n      PYTHONPATH: .\nselection:\n  coverage: false\nfix:\n  provider: none\n"

    /// A test that fails on the runs `pattern` marks `F` (one character per run, counted in `counter`).
    static func flakyTest(pattern: String, counter: String) -> String {
        """
        import os
        from calc import add

        PATTERN = "\(pattern)"
        COUNTER = "\(counter)"


        def test_sometimes():
            n = int(open(COUNTER).read()) if os.path.exists(COUNTER) else 0
            open(COUNTER, "w").write(str(n + 1))
            assert PATTERN[n % len(PATTERN)] != "F", "flaked on run %d" % (n + 1)

        """
    }

    private func history(_ box: GitSandbox) throws -> HistoryDatabase {
        try HistoryDatabase(path: box.path("work/.git/gate/history.sqlite"))
    }

    private func pushChange(_ box: GitSandbox, _ number: Int, expect: Int32 = 0, env: [String: String] = [:]) throws -> String {
        try box.write("work/calc.py", Self.calc + String(repeating: "\n", count: number))
        try box.sh("git commit -qam 'change \(number)'", in: "work")
        return try box.sh("git push origin main", in: "work", env: env, expect: expect).output
    }

    @Test func aPushRecordsItsTestsWithDurationsAndADocsOnlyPushOpensNoDatabase() throws {
        guard GitSandbox.hasTool("python3 -c 'import pytest'") else { return }
        let box = try GitSandbox()
        try box.makeProject(["calc.py": Self.calc, "tests/test_calc.py": Self.tests, ".gate.yml": Self.config, "README.md": "# calc\n"])
        try box.gate("install", in: "work")
        try box.write("work/README.md", "# calc\n\nAdds.\n")
        try box.sh("git commit -qam docs && git push origin main", in: "work")
        #expect(!box.exists("work/.git/gate/history.sqlite"))

        let output = try pushChange(box, 1)
        #expect(output.contains("2 passed"))
        let database = try history(box)
        let pushes = try database.read { db in try Row.fetchAll(db, sql: "SELECT verdict, selected_tests, full_suite_tests, wall_time FROM push") }
        #expect(pushes.count == 1)
        #expect(pushes.first?["verdict"] == "passed")
        #expect(pushes.first?["selected_tests"] == 2)
        #expect(pushes.first?["full_suite_tests"] == 2)
        let head = try box.rev("HEAD")
        let tree = try box.rev("HEAD^{tree}")
        let rows = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT commit_id, tree, suite, runner, test, outcome, duration, phase, attempt FROM test_run ORDER BY test")
        }
        #expect(rows.map { $0["test"] as String } == ["tests/test_calc.py::test_add", "tests/test_calc.py::test_zero"])
        #expect(rows.allSatisfy { $0["commit_id"] == head && $0["tree"] == tree && $0["phase"] == "first" && $0["outcome"] == "passed" })
        #expect(rows.allSatisfy { ($0["duration"] as Double?).map { $0 >= 0 && $0 < 30 } == true })
        #expect(try TestHistory(database: database).medianDurations(suite: "unit").count == 2)

        // A docs-only push with the database in place: strace sees no open of it (nor any subprocess but git's hook).
        guard GitSandbox.hasTool("strace -V") else { return }
        try box.write("work/README.md", "# calc\n\nAdds two numbers.\n")
        try box.sh("git commit -qam 'docs again'", in: "work")
        let trace = box.path("trace.txt")
        try box.sh("strace -f -qq -e trace=openat,open -o '\(trace)' git push origin main", in: "work")
        let opened = box.read("trace.txt") ?? ""
        #expect(opened.contains("gate"))
        #expect(!opened.contains("history.sqlite"))
    }

    @Test func aKnownFlakyTestIsQuarantinedFromHistoryWhereOneReRunWouldBlock() throws {
        guard GitSandbox.hasTool("python3 -c 'import pytest'") else { return }
        let box = try GitSandbox()
        let counter = box.path("flaky-counter")
        // Runs: push 1 fails then passes on the re-run; pushes 2 and 3 pass; push 4 fails twice (first run and re-run);
        // push 5 fails twice again.
        let flaky = Self.flakyTest(pattern: "FPPPFFFF", counter: counter)
        let quarantine = Self.config + "flaky:\n  quarantine: true\n  min_runs: 3\n  min_rate: 0.1\n"
        try box.makeProject(["calc.py": Self.calc, "tests/test_calc.py": Self.tests, "tests/test_flaky.py": flaky, ".gate.yml": quarantine])
        try box.gate("install", in: "work")
        #expect(try pushChange(box, 1).contains("flaky"))
        _ = try pushChange(box, 2)
        _ = try pushChange(box, 3)
        let rates = try TestHistory(database: try history(box)).flakeRates()
        #expect(rates.map(\.test) == ["tests/test_flaky.py::test_sometimes"])
        #expect(rates.first?.runs == 4)

        let output = try pushChange(box, 4)
        #expect(output.contains("quarantined (flaky.quarantine): unit: tests/test_flaky.py::test_sometimes failed"))
        #expect(box.read("work/.git/gate/events.jsonl")?.contains("\"event\":\"quarantined\"") == true)

        // The default still blocks: the same failure, twice, without the setting.
        try box.write("work/.gate.yml", Self.config)
        try box.sh("git commit -qam 'no quarantine'", in: "work")
        let blocked = try box.sh("git push origin main", in: "work", expect: 1).output
        #expect(blocked.contains("test_sometimes"))
        #expect(!blocked.contains("quarantined"))
    }
}

/// The fix attempts of a push reach the history (and the report) with provider, model, tokens and outcome.
@Suite struct HistoryFixAttemptEndToEndTests {
    @Test func theAttemptThatFixedThePushIsRecordedWithItsTokens() throws {
        guard GitSandbox.hasTool("python3 -c 'import pytest'") else { return }
        let fixLoop = FixLoopEndToEndTests()
        let scenario = try fixLoop.breakingPush([FixLoopEndToEndTests.reply(FixLoopEndToEndTests.goodFix)])
        defer { scenario.server.stop() }
        let output = try fixLoop.push(scenario)
        #expect(output.contains("fixed in"))
        let database = try HistoryDatabase(path: scenario.box.path("work/.git/gate/history.sqlite"))
        let rows = try database.read { db in
            try String.fetchAll(db, sql: "SELECT provider || '/' || model || ' ' || attempt || ' ' || outcome || ' ' || input_tokens || '+' || output_tokens FROM fix_attempt")
        }
        #expect(rows == ["openai/gpt-test 1 fixed 900+40"])
        let verdicts = try database.read { db in try String.fetchAll(db, sql: "SELECT verdict FROM push") }
        #expect(verdicts == ["fixed"])
        let phases = try database.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT phase FROM test_run ORDER BY phase") }
        #expect(phases == ["first", "fix", "rerun"])
        let report = try scenario.box.sh("cat .git/gate/reports/*.json", in: "work").output
        #expect(report.contains("\"outcome\" : \"fixed\"") || report.contains("\"outcome\":\"fixed\""))
    }
}
