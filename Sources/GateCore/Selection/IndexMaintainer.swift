import Foundation

/// Keeps `.git/gate/index/` up to date for a tree: loads it, rebuilds only what changed, saves it, and records
/// every rebuild from scratch (missing, corrupt or old-format index) in the event trail.
public struct IndexMaintainer {
    public let repository: GitRepository
    public let directory: GateDirectory
    public let environment: [String: String]
    public let trail: EventTrail?
    public let runID: String

    public init(repository: GitRepository, directory: GateDirectory, environment: [String: String], trail: EventTrail?, runID: String) {
        self.repository = repository
        self.directory = directory
        self.environment = environment
        self.trail = trail
        self.runID = runID
    }

    public var store: DependencyIndexStore { DependencyIndexStore(directory: URL(fileURLWithPath: directory.root + "/index")) }

    /// The index of `tree`, and the build's statistics.
    public func index(for files: [TreeFile], fullRebuild: Bool = false) throws -> (DependencyIndex, BuildStats) {
        let tracked = files.filter { !$0.isSymlink }.map { TrackedFile(path: $0.path, blobID: $0.blob.hex) }
        var previous: DependencyIndex?
        if !fullRebuild {
            // First without the raw scans: when the tree is the one indexed, that is all selection needs.
            let (result, staged) = store.loadStaged()
            switch result {
            case .loaded(let index):
                if index.files.count == tracked.count, tracked.allSatisfy({ index.files[$0.path]?.blobID == $0.blobID }) {
                    var stats = BuildStats()
                    stats.filesReused = tracked.count
                    return (index, stats)
                }
                var decoding = staged
                do {
                    previous = try decoding?.withScans()
                } catch {
                    trail?.append(run: runID, event: .indexRebuild, ["reason": .string("corrupt: \(error)")])
                }
            case .missing: trail?.append(run: runID, event: .indexRebuild, ["reason": "missing"])
            case .corrupt(let why): trail?.append(run: runID, event: .indexRebuild, ["reason": .string("corrupt: " + why)])
            case .oldFormat: trail?.append(run: runID, event: .indexRebuild, ["reason": "old format"])
            }
        }
        let source = RepositoryBlobSource(repository: repository)
        try directory.ensureExists(directory.root + "/index")
        let dumper = SwiftManifestDump.dumper(source: source, scratchRoot: directory.root + "/index", environment: environment)
        let (index, stats) = try DependencyIndexBuilder.build(files: tracked, source: source, previous: previous, dumpManifest: dumper)
        // Reaching here means the tree differs from the stored one, so the index does too.
        try store.save(index)
        return (index, stats)
    }
}
