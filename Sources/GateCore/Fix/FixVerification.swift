/// Decides whether the re-run after a fix proves it, whatever the fix edited: every test that failed must now have run
/// and passed (skipped, which is how pytest reports xfail, deselected or missing counts as still failing), no suite may
/// error, and at least as many tests must have run as before the fix.
struct FixVerification {
    /// One test that failed before the fix; `test` nil when its suite failed as a whole.
    struct FailedTest: Hashable {
        let suite: String
        let test: String?
    }

    /// The tests that failed before the fix.
    let failing: [FailedTest]
    /// How many tests ran (passed, failed or errored) before the fix.
    let ranBefore: Int

    /// `before`: the results the fix must repair; `baseline`: the first full run of the pushed commit.
    init(before: [SuiteResult], baseline: [SuiteResult]) {
        failing = before.flatMap { result -> [FailedTest] in
            let tests = result.cases.filter { $0.status == .failed || $0.status == .errored }.map { FailedTest(suite: result.suite, test: $0.name) }
            return tests.isEmpty && !result.verdictPassed ? [FailedTest(suite: result.suite, test: nil)] : tests
        }
        ranBefore = max(Self.ran(before), Self.ran(baseline))
    }

    enum Verdict: Equatable {
        case verified
        /// `reason` is told to the user and to the model on the next attempt.
        case rejected(reason: String)
    }

    func judge(_ after: [SuiteResult]) -> Verdict {
        var problems: [String] = []
        for failed in failing {
            if let problem = Self.problem(with: failed, in: after) { problems.append(problem) }
        }
        let erroring = after.filter { $0.suiteError != nil }.map(\.suite)
        if !erroring.isEmpty { problems.append("suite \(erroring.joined(separator: ", ")) did not complete") }
        let ranAfter = Self.ran(after)
        if ranAfter < ranBefore {
            problems.append("only \(ranAfter) test(s) ran after the fix, \(ranBefore) before")
        }
        guard !problems.isEmpty else { return .verified }
        let shown = problems.prefix(10).joined(separator: "; ") + (problems.count > 10 ? "; and \(problems.count - 10) more" : "")
        return .rejected(reason: "the fix was not verified: \(shown). A fix must make each failing test run and pass; "
            + "skipping, marking xfail, deselecting or removing a test, or running fewer tests, does not count.")
    }

    /// Why `failed` is not shown passing in `after`; nil when it ran and passed.
    private static func problem(with failed: FailedTest, in after: [SuiteResult]) -> String? {
        let result = after.first { $0.suite == failed.suite }
        guard let name = failed.test else {
            guard let result else { return "suite \(failed.suite) did not run" }
            return result.verdictPassed && result.passed > 0 ? nil : "suite \(failed.suite) did not pass"
        }
        let label = failed.suite + ": " + name
        let statuses = after.filter { $0.suite == failed.suite }.flatMap { $0.cases.filter { $0.name == name }.map(\.status) }
        guard !statuses.isEmpty else { return "\(label) was not run (deselected or missing)" }
        if statuses.allSatisfy({ $0 == .passed }) { return nil }
        if statuses.contains(.skipped) { return "\(label) was skipped or xfailed, not run and passed" }
        return "\(label) still fails"
    }

    /// Tests that ran: passed, failed or errored, not skipped.
    private static func ran(_ results: [SuiteResult]) -> Int {
        results.reduce(0) { $0 + $1.passed + $1.failed + $1.errored }
    }

    /// The entries of both plans, one per suite: a suite runs whole when either plan runs it whole, else the union of
    /// both filters (a test id inside a file already listed is left out). `first` gives the suite's definition.
    static func entries(covering first: TestPlan, and second: TestPlan) -> [TestPlan.Entry] {
        var entries = first.entries
        for extra in second.entries {
            guard let index = entries.firstIndex(where: { $0.suite.name == extra.suite.name }) else {
                entries.append(extra)
                continue
            }
            let current = entries[index]
            guard let mine = current.filter, let theirs = extra.filter else {
                entries[index] = TestPlan.Entry(suite: current.suite, filter: nil)
                continue
            }
            let union = Array(Set(mine + theirs))
            let kept = union.filter { item in !union.contains { item.hasPrefix($0 + "::") } }.sorted()
            entries[index] = TestPlan.Entry(suite: current.suite, filter: kept)
        }
        return entries
    }
}
