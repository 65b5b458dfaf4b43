import Foundation

/// `gate affected`: the tests a range affects, as the gate would select them, without running anything.
public struct AffectedQuery {
    public let repository: GitRepository
    public let environment: [String: String]

    public init(repository: GitRepository, environment: [String: String]) {
        self.repository = repository
        self.environment = environment
    }

    public func run(from: ObjectID?, to: ObjectID) throws -> AffectedReport {
        let commit = try repository.commit(to)
        let range = try PushRangeResolver(repository: repository).resolve(from: from, to: to, name: "affected")
        let directory = GateDirectory(commonGitDirectory: repository.commonDirectory)
        try directory.ensureExists()
        var listing: [TreeFile]?
        let files = { [repository] () throws -> [TreeFile] in
            if let listing { return listing }
            listing = try repository.listFiles(inTree: commit.tree)
            return listing!
        }
        let (config, _) = try ConfigLoader(repository: repository).load(tree: commit.tree, files: files)
        let runID = RunID.make()
        let planner = TestPlanner(repository: repository, trail: EventTrail(path: directory.events), runID: runID,
                                  directory: directory, environment: environment)
        let changed = Array(Set(range.changes.flatMap(\.paths))).sorted()
        let selection: Selection
        if changed.isEmpty {
            selection = Selection(mode: .none, reason: "no files changed between \(from?.short ?? "the empty tree") and \(to.short)", tests: [])
        } else if config.suites.isEmpty {
            selection = Selection(mode: .none, reason: "no test suite is configured or detected; run `gate init`", tests: [])
        } else {
            selection = try planner.select(config: config, changes: range.changes, files: files)
        }
        return AffectedReport(selection: selection, from: from?.hex, to: to.hex, changed: changed)
    }
}
