import Testing
@testable import GateCore

/// The flaky verdict per test: only a test the re-run ran and saw pass is flaky.
@Suite struct FlakeCheckTests {
    static let first = SuiteResult(suite: "py", runner: .pytest, cases: [
        TestCaseResult(name: "tests/test_a.py::test_ok", status: .passed),
        TestCaseResult(name: "tests/test_a.py::test_flaky", status: .failed, message: "first"),
        TestCaseResult(name: "tests/test_a.py::test_broken[1]", status: .errored, message: "boom"),
    ])

    @Test func passingOnRerunIsFlakyAndTheWholeRunIsCounted() {
        let rerun = SuiteResult(suite: "py", runner: .pytest, cases: [
            TestCaseResult(name: "tests/test_a.py::test_flaky", status: .passed),
            TestCaseResult(name: "tests/test_a.py::test_broken[1]", status: .errored),
        ])
        let outcome = FlakeCheck.judge([Self.first], rerun: [rerun])
        #expect(outcome.flaky == ["py: tests/test_a.py::test_flaky"])
        #expect(outcome.stillFailing)
        let merged = try! #require(outcome.results.first)
        #expect((merged.passed, merged.failed, merged.errored) == (2, 0, 1))
        #expect(merged.flakyCases.map(\.name) == ["tests/test_a.py::test_flaky"])
        #expect(merged.flakyCases.first?.message == "first")
        #expect(merged.cases.first { $0.status == .errored }?.message == "boom")
    }

    @Test func rerunWithASuiteErrorFlakesNothing() {
        let rerun = SuiteResult(suite: "py", runner: .pytest, cases: [], suiteError: "exited with status 4: file or directory not found")
        let outcome = FlakeCheck.judge([Self.first], rerun: [rerun])
        #expect(outcome.flaky.isEmpty)
        #expect(outcome.stillFailing)
        #expect(outcome.results.first.map { ($0.passed, $0.failed, $0.errored) } ?? (0, 0, 0) == (1, 1, 1))
        #expect(outcome.results.first?.notes.contains { $0.contains("could not be judged") } == true)
    }

    @Test func aTestTheRerunDidNotRunIsStillFailing() {
        let rerun = SuiteResult(suite: "py", runner: .pytest, cases: [
            TestCaseResult(name: "tests/test_a.py::test_broken[1]", status: .passed),
            TestCaseResult(name: "test_a.py::test_flaky", status: .passed),
        ])
        let outcome = FlakeCheck.judge([Self.first], rerun: [rerun])
        #expect(outcome.flaky == ["py: tests/test_a.py::test_broken[1]"])
        #expect(outcome.stillFailing)
        #expect(outcome.results.first?.failed == 1)
        #expect(outcome.results.first?.notes.contains { $0.contains("did not run 1 of the failing test(s)") } == true)
    }

    @Test func everyFailurePassingOnRerunPassesTheRun() {
        let rerun = SuiteResult(suite: "py", runner: .pytest, cases: [
            TestCaseResult(name: "tests/test_a.py::test_flaky", status: .passed),
            TestCaseResult(name: "tests/test_a.py::test_broken[1]", status: .passed),
        ])
        let outcome = FlakeCheck.judge([Self.first], rerun: [rerun])
        #expect(!outcome.stillFailing)
        #expect(outcome.results.first?.verdictPassed == true)
    }

    @Test func pytestRerunAsksForExactlyTheFailingNodeIds() {
        let suite = SuiteDefinition(name: "py", runner: .pytest)
        let plan = TestPlan(mode: .all, reason: "test", entries: [TestPlan.Entry(suite: suite, filter: nil)])
        let entries = FlakeCheck.rerunEntries(results: [Self.first], plan: plan)
        #expect(entries.map(\.filter) == [["tests/test_a.py::test_broken[1]", "tests/test_a.py::test_flaky"]])
    }

    @Test func manyFailingNodeIdsAreReRunByFile() {
        let cases = (0...FlakeCheck.maxRerunIDs).map { TestCaseResult(name: "tests/test_\($0 % 2).py::test_\($0)", status: .failed) }
        let suite = SuiteDefinition(name: "py", runner: .pytest)
        let plan = TestPlan(mode: .all, reason: "test", entries: [TestPlan.Entry(suite: suite, filter: nil)])
        let entries = FlakeCheck.rerunEntries(results: [SuiteResult(suite: "py", runner: .pytest, cases: cases)], plan: plan)
        #expect(entries.map(\.filter) == [["tests/test_0.py", "tests/test_1.py"]])
    }
}
