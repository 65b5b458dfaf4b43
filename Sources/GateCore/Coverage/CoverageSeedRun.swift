import Foundation

/// `gate index build --coverage`: one full run of every pytest suite on a commit's tree with recording on, merged
/// into `.git/gate/coverage/` so the next selection has per-test data.
public struct CoverageSeedRun {
    public let repository: GitRepository
    public let directory: GateDirectory
    public let environment: [String: String]

    public init(repository: GitRepository, directory: GateDirectory, environment: [String: String]) {
        self.repository = repository
        self.directory = directory
        self.environment = environment
    }

    public struct Outcome: Sendable {
        public var suites: [SuiteResult]
        public var testsRecorded: Int
        public var filesMeasured: Int
        /// Why nothing was recorded, when nothing was.
        public var problem: String?
    }

    public func run(commit: CommitInfo, console: Console) throws -> Outcome {
        let files = try repository.listFiles(inTree: commit.tree)
        let (config, _) = try ConfigLoader(repository: repository).load(tree: commit.tree, files: { files })
        let suites = config.suites.filter { $0.runner == .pytest }
        guard !suites.isEmpty else { return Outcome(suites: [], testsRecorded: 0, filesMeasured: 0, problem: "no pytest suite is configured or detected") }
        let store = CoverageStore(gateDirectory: directory)
        let plan = CoverageRecording.recording(
            TestPlan(mode: .all, reason: "coverage seed", entries: suites.map { TestPlan.Entry(suite: $0, filter: nil) }),
            store: store, tree: commit.tree)
        let workspace = try TreeWorkspace.prepare(commit: commit, repository: repository, gateDirectory: directory)
        try directory.ensureExists(directory.logs)
        let results = SuiteExecutor(console: console, logDirectory: directory.logs, environment: environment,
                                    tools: ToolEnvironment(repository: repository))
            .run(plan.entries, root: workspace.path, label: "coverage")
        let (data, problem) = store.load()
        var why = problem
        if data.coverageMissing { why = "coverage.py is not installed for python3 (python3 -m pip install coverage)" }
        let measured = Set(data.tests.values.flatMap { $0.executed.keys }).count
        return Outcome(suites: results, testsRecorded: data.tests.count, filesMeasured: measured, problem: why)
    }
}
