/// Finds the suite that runs a test unit: same runner, working directory containing the unit, deepest first
/// (ties go to the suite listed first).
struct SuiteResolver {
    private let suites: [(scope: SuiteScope, directory: String)]

    init(suites: [SuiteScope]) {
        self.suites = suites.map { ($0, RepoPath.cleanDirectory($0.workingDirectory)) }
    }

    /// The unit as its suite runs it, or nil when no suite runs it.
    func selectedTest(_ unit: TestUnit, because chain: [String]) -> SelectedTest? {
        var best: (scope: SuiteScope, directory: String)?
        for suite in suites where suite.scope.runner == unit.runner && RepoPath.isInside(unit.location, directory: suite.directory) {
            if best == nil || suite.directory.utf8.count > best!.directory.utf8.count { best = suite }
        }
        guard let best else { return nil }
        return SelectedTest(
            suite: best.scope.name, runner: unit.runner, id: unit.id(inWorkingDirectory: best.directory), because: chain)
    }
}
