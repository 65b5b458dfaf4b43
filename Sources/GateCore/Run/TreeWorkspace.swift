import Foundation

/// Where a commit's tests run: the user's work tree when it already holds exactly that commit, submodules included
/// (build caches stay warm), otherwise `.git/gate/checkout`, written from the object database and reused across runs.
public struct TreeWorkspace: Sendable {
    public let path: String
    public let inPlace: Bool
    /// Submodules whose files could not be written into the checkout; the caller must say so out loud.
    public var submoduleProblems: [SubmoduleProblem] = []
    /// The directory was left half-written (no state file) by a run that was killed, and was written afresh.
    public var rewroteAfterKill = false

    /// Chooses and prepares the directory for `commit`.
    public static func prepare(commit: CommitInfo, repository: GitRepository, gateDirectory: GateDirectory) throws -> TreeWorkspace {
        if let work = repository.workDirectory, repository.headCommit() == commit.id, try !repository.hasTrackedChanges(),
           try repository.workTreeSubmodulesMatch(commit.tree) {
            return TreeWorkspace(path: work, inPlace: true)
        }
        return try checkout(tree: commit.tree, repository: repository, directory: gateDirectory.checkout, stateFile: gateDirectory.checkoutState)
    }

    /// Writes `tree` into `directory`, incrementally when `stateFile` names the tree it last held, then each submodule's
    /// recorded commit into its path (whole, from the submodule's local repository).
    public static func checkout(tree: ObjectID, repository: GitRepository, directory: String, stateFile: String?) throws -> TreeWorkspace {
        let fm = FileManager.default
        var previous: ObjectID?
        if let stateFile, fm.fileExists(atPath: directory),
           let text = try? String(contentsOfFile: stateFile, encoding: .utf8),
           let id = ObjectID(hex: text.trimmingCharacters(in: .whitespacesAndNewlines)), repository.contains(id) {
            previous = id
        }
        let rewroteAfterKill = previous == nil && stateFile != nil && fm.fileExists(atPath: directory)
        if previous == nil, fm.fileExists(atPath: directory) { try fm.removeItem(atPath: directory) }
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if let stateFile { try? fm.removeItem(atPath: stateFile) }
        if previous != tree {
            try repository.checkOut(tree: tree, into: directory, previousTree: previous)
        }
        let problems = try repository.checkOutSubmodules(of: tree, into: directory)
        if let stateFile { try tree.hex.write(toFile: stateFile, atomically: true, encoding: .utf8) }
        return TreeWorkspace(path: directory, inPlace: false, submoduleProblems: problems, rewroteAfterKill: rewroteAfterKill)
    }
}
