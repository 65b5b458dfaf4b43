/// Decides which suites (and which tests in them) a commit's changes need.
struct TestPlanner {
    let repository: GitRepository
    let trail: EventTrail
    let runID: String
    let directory: GateDirectory

    func plan(config: GateConfig, tree: ObjectID, changes: [FileChange], files: () throws -> [TreeFile], runAll: Bool) throws -> TestPlan {
        guard !config.suites.isEmpty else {
            return TestPlan(mode: .none, reason: "no test suite is configured or detected; run `gate init` to write .gate.yml", entries: [])
        }
        let all = config.suites.map { TestPlan.Entry(suite: $0, filter: nil) }
        if runAll { return TestPlan(mode: .all, reason: "--all asked for every test", entries: all) }
        return TestPlan(mode: .all, reason: "\(changes.count) files changed", entries: all)
    }
}
