/// Finds the suite that runs a test unit: same runner, working directory containing the unit, deepest first
/// (ties go to the suite listed first). A pytest suite runs only the files pytest collects when run as configured
/// (`PytestCollection`): a file outside its `testpaths` belongs to no pytest suite that has them.
struct SuiteResolver {
    private let suites: [(scope: SuiteScope, directory: String, collection: PytestCollection?)]

    /// Without `index`, no pytest configuration is known and every pytest suite collects its whole directory.
    init(suites: [SuiteScope], index: DependencyIndex? = nil) {
        self.suites = suites.map { scope in
            let directory = RepoPath.cleanDirectory(scope.workingDirectory)
            let collection = scope.runner == .pytest && index != nil ? PytestCollection(directory: directory, index: index!) : nil
            return (scope, directory, collection)
        }
    }

    /// The unit as its suite runs it, or nil when no suite runs it.
    func selectedTest(_ unit: TestUnit, because chain: [String]) -> SelectedTest? {
        var best: (scope: SuiteScope, directory: String, collection: PytestCollection?)?
        for suite in suites where suite.scope.runner.runsUnits(of: unit.runner) && RepoPath.isInside(unit.location, directory: suite.directory) {
            if let collection = suite.collection, !collection.collects(unit.location) { continue }
            if best == nil || suite.directory.utf8.count > best!.directory.utf8.count { best = suite }
        }
        guard let best else { return nil }
        return SelectedTest(
            suite: best.scope.name, runner: best.scope.runner, id: unit.id(inWorkingDirectory: best.directory), because: chain)
    }
}
