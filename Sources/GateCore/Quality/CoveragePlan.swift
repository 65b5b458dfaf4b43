/// With a coverage threshold set, a suite whose language has changed code must run even when the selection chose none
/// of its tests: "no test executes the changed block" is exactly the push diff coverage has to measure, and only the
/// language's tool knows which changed lines are executable. Such a suite runs whole, and the plan says why.
enum CoveragePlan {
    static func widened(_ plan: TestPlan, suites: [SuiteDefinition], changes: [FileChange]) -> TestPlan {
        let changed = changes.filter { $0.kind != .deleted }.map(\.newPath)
        var entries = plan.entries
        var widened: [String] = []
        for suite in suites where LineCoverageRequest.measurable.contains(suite.runner) {
            let directory = RepoPath.cleanDirectory(suite.workingDirectory)
            let hasCode = changed.contains { path in
                RepoPath.isInside(path, directory: directory) && CoveredSource.language(of: path)?.runner == suite.runner
            }
            guard hasCode else { continue }
            if let index = entries.firstIndex(where: { $0.suite.name == suite.name }) {
                guard entries[index].filter?.isEmpty == true else { continue }
                entries[index] = TestPlan.Entry(suite: entries[index].suite, filter: nil)
            } else {
                entries.append(TestPlan.Entry(suite: suite, filter: nil))
            }
            widened.append(suite.name)
        }
        guard !widened.isEmpty else { return plan }
        let reason = plan.reason + "; \(widened.joined(separator: ", ")) runs whole: no selected test of it runs the changed code, "
            + "and quality.diff_coverage has to measure it"
        return TestPlan(mode: plan.mode == .none ? .selected : plan.mode, reason: reason, entries: entries)
    }

    /// The files pytest's coverage analyses even when never imported: the changed ones, and for `coverage.min` (every
    /// suite run whole) every non-test Python file of the pushed tree.
    static func analysedFiles(_ entries: [TestPlan.Entry], config: GateConfig, changed: [String], tree: () throws -> [TreeFile]) throws -> [String] {
        guard config.quality.coverageMin != nil, ranWhole(entries, suites: config.suites) else { return changed }
        return changed + (try tree()).map(\.path).filter { CoveredSource.language(of: $0) == .python }
    }

    /// Whether every suite ran whole (what `coverage.min` needs).
    static func ranWhole(_ entries: [TestPlan.Entry], suites: [SuiteDefinition]) -> Bool {
        suites.allSatisfy { suite in entries.contains { $0.suite.name == suite.name && $0.filter == nil } }
    }
}
