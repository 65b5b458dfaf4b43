import Testing
@testable import GateCore

/// A fix is verified by its re-run alone: each test that failed must run and pass, and no fewer tests may run.
@Suite struct FixVerificationTests {
    static func unit(_ cases: [(String, TestStatus)], error: String? = nil) -> SuiteResult {
        SuiteResult(suite: "unit", runner: .pytest, cases: cases.map { TestCaseResult(name: $0.0, status: $0.1) }, suiteError: error)
    }

    static let before = [unit([("test_add", .failed), ("test_mul", .passed)])]
    let verification = FixVerification(before: FixVerificationTests.before, baseline: FixVerificationTests.before)

    func reason(_ after: SuiteResult) -> String? {
        if case .rejected(let reason) = verification.judge([after]) { return reason }
        return nil
    }

    @Test func failingTestNowRunAndPassedIsVerified() {
        #expect(verification.judge([Self.unit([("test_add", .passed), ("test_mul", .passed)])]) == .verified)
        // More tests than before is fine.
        #expect(verification.judge([Self.unit([("test_add", .passed), ("test_mul", .passed), ("test_sub", .passed)])]) == .verified)
    }

    @Test func skippedOrXfailedCountsAsStillFailing() throws {
        // pytest reports xfail as skipped.
        let text = try #require(reason(Self.unit([("test_add", .skipped), ("test_mul", .passed), ("test_extra", .passed)])))
        #expect(text.contains("unit: test_add was skipped or xfailed, not run and passed"))
        #expect(text.contains("skipping, marking xfail, deselecting or removing a test"))
    }

    @Test func deselectedRemovedOrRenamedCountsAsStillFailing() throws {
        let renamed = try #require(reason(Self.unit([("test_add_renamed", .passed), ("test_mul", .passed)])))
        #expect(renamed.contains("unit: test_add was not run (deselected or missing)"))
        let deselected = try #require(reason(Self.unit([("test_mul", .passed)])))
        #expect(deselected.contains("unit: test_add was not run"))
        #expect(deselected.contains("only 1 test(s) ran after the fix, 2 before"))
        #expect(verification.judge([]) != .verified)
    }

    @Test func fewerTestsRunIsRejected() throws {
        let baseline = [Self.unit([("test_add", .failed), ("test_mul", .passed), ("test_div", .passed), ("test_sub", .passed)])]
        let narrowed = FixVerification(before: Self.before, baseline: baseline)
        guard case .rejected(let text) = narrowed.judge([Self.unit([("test_add", .passed), ("test_mul", .passed)])]) else {
            Issue.record("running 2 of 4 tests was accepted")
            return
        }
        #expect(text.contains("only 2 test(s) ran after the fix, 4 before"))
    }

    @Test func suiteThatFailedAsAWholeMustNowPass() {
        let broken = [Self.unit([], error: "collection failed")]
        let verification = FixVerification(before: broken, baseline: broken)
        #expect(verification.judge([Self.unit([("test_add", .passed)])]) == .verified)
        #expect(verification.judge([Self.unit([("test_add", .skipped)])]) != .verified)
        #expect(verification.judge([Self.unit([], error: "collection failed")]) != .verified)
    }

    /// Coverage may narrow a re-push's selection to one test; the verification run still covers what the push ran.
    @Test func verificationRunCoversBothPlans() {
        let unit = SuiteDefinition(name: "unit", runner: .pytest)
        let lint = SuiteDefinition(name: "lint", runner: .pytest)
        let narrowed = TestPlan(mode: .selected, reason: "", entries: [.init(suite: unit, filter: ["tests/test_calc.py::test_add"])])
        let pushed = TestPlan(mode: .selected, reason: "", entries: [.init(suite: unit, filter: ["tests/test_calc.py", "tests/test_io.py"]),
                                                                     .init(suite: lint, filter: nil)])
        let entries = FixVerification.entries(covering: narrowed, and: pushed)
        #expect(entries.map(\.suite.name) == ["unit", "lint"])
        #expect(entries[0].filter == ["tests/test_calc.py", "tests/test_io.py"])
        #expect(entries[1].filter == nil)
        let whole = TestPlan(mode: .all, reason: "", entries: [.init(suite: unit, filter: nil)])
        #expect(FixVerification.entries(covering: narrowed, and: whole).map(\.filter) == [nil])
    }
}
