/// Chooses, for each pushed ref, the base to diff against and the files that changed.
/// Follows the algorithm in push-protocols.md: `remote..local` when the remote tip is a known ancestor, otherwise
/// the commits not on any remote-tracking ref, bounded by a cap that falls back to the whole tree.
public struct PushRangeResolver {
    public let repository: GitRepository
    public let commitCap: Int

    public init(repository: GitRepository, commitCap: Int = 1000) {
        self.repository = repository
        self.commitCap = commitCap
    }

    /// A pre-push line. `remote` is the remote's name (or its URL when pushing to a bare URL).
    public func resolve(_ update: PushUpdate, remote: String) throws -> RefRange {
        var range = try resolveRange(update, remote: remote)
        range.localRef = update.localRef
        return range
    }

    private func resolveRange(_ update: PushUpdate, remote: String) throws -> RefRange {
        let name = update.remoteRef
        if update.isDeletion {
            return RefRange(ref: name, scope: .deletion, tip: nil, tipTree: nil, bases: [], changes: [], note: "deleted")
        }
        guard let tip = try repository.peelToCommit(update.localID) else {
            return RefRange(ref: name, scope: .notACommit, tip: nil, tipTree: nil, bases: [], changes: [],
                            note: "\(update.localID.short) is not a commit (a tag of a tree or blob): nothing to test")
        }
        let remoteCommit = update.isNewRemoteRef || !repository.contains(update.remoteID)
            ? nil : try repository.peelToCommit(update.remoteID)
        if let remoteCommit {
            if remoteCommit == tip {
                return try range(name, tip: tip, bases: [], scope: .nothingNew, note: "already on the remote")
            }
            if try repository.isDescendant(tip, of: remoteCommit) {
                return try range(name, tip: tip, bases: [remoteCommit], scope: .range, note: "\(remoteCommit.short)..\(tip.short)")
            }
        }
        let why = update.isNewRemoteRef ? "new ref" : (remoteCommit == nil ? "remote tip not in this repository" : "history rewritten (force push)")
        let trackingGlob = "refs/remotes/\(remote)/*"
        return try newCommitsRange(name, tip: tip, hidingGlobs: [trackingGlob], hiding: remoteCommit.map { [$0] } ?? [],
                                   why: why, hiddenDescription: trackingGlob)
    }

    /// A pre-receive line. New refs are compared with the merge-base against `defaultBranch`, or the whole tree.
    public func resolve(_ update: ReceiveUpdate, defaultBranch: String?) throws -> RefRange {
        if update.isDeletion {
            return RefRange(ref: update.ref, scope: .deletion, tip: nil, tipTree: nil, bases: [], changes: [], note: "deleted")
        }
        guard let tip = try repository.peelToCommit(update.newID) else {
            return RefRange(ref: update.ref, scope: .notACommit, tip: nil, tipTree: nil, bases: [], changes: [],
                            note: "\(update.newID.short) is not a commit: nothing to test")
        }
        if !update.isCreation, let old = try? repository.peelToCommit(update.oldID) {
            if try old == tip || repository.isDescendant(tip, of: old) {
                return try range(update.ref, tip: tip, bases: old == tip ? [] : [old], scope: old == tip ? .nothingNew : .range,
                                 note: "\(old.short)..\(tip.short)")
            }
            // A forced update: only commits not reachable from any existing branch are new.
            return try newCommitsRange(update.ref, tip: tip, hidingGlobs: ["refs/heads/*", "refs/tags/*"], hiding: [old],
                                       why: "forced update", hiddenDescription: "existing branches")
        }
        if let defaultBranch, defaultBranch != update.ref, let main = try repository.referenceTarget(defaultBranch),
           let base = try repository.mergeBase(main, tip) {
            return try range(update.ref, tip: tip, bases: base == tip ? [] : [base], scope: base == tip ? .nothingNew : .range,
                             note: "new ref, compared with merge-base \(base.short) of \(defaultBranch)")
        }
        return try range(update.ref, tip: tip, bases: [], scope: .wholeTree, note: "new ref with no common history: every file counts")
    }

    /// A hand-picked range (`gate run`): `from` nil means the tip's whole tree.
    public func resolve(from: ObjectID?, to tip: ObjectID, name: String) throws -> RefRange {
        guard let from else {
            return try range(name, tip: tip, bases: [], scope: .wholeTree, note: "no base given: every file counts")
        }
        if from == tip { return try range(name, tip: tip, bases: [], scope: .nothingNew, note: "nothing between \(from.short) and \(tip.short)") }
        return try range(name, tip: tip, bases: [from], scope: .range, note: "\(from.short)..\(tip.short)")
    }

    private func newCommitsRange(_ name: String, tip: ObjectID, hidingGlobs: [String], hiding: [ObjectID],
                                 why: String, hiddenDescription: String) throws -> RefRange {
        let walk = try repository.newCommits(from: tip, hidingRefsMatching: hidingGlobs, hiding: hiding, limit: commitCap)
        if walk.capped {
            return try range(name, tip: tip, bases: [], scope: .wholeTree,
                             note: "\(why): more than \(commitCap) new commits, so every file counts (raise run.max_commits to walk further)")
        }
        if walk.commits.isEmpty {
            return try range(name, tip: tip, bases: [], scope: .nothingNew, note: "\(why): every commit is already on \(hiddenDescription)")
        }
        let newSet = Set(walk.commits)
        var boundary: [ObjectID] = []
        var reachesRoot = false
        for id in walk.commits {
            let info = try repository.commit(id)
            if info.parents.isEmpty { reachesRoot = true }
            for parent in info.parents where !newSet.contains(parent) && !boundary.contains(parent) {
                boundary.append(parent)
            }
        }
        let count = walk.commits.count
        let plural = count == 1 ? "commit" : "commits"
        if reachesRoot || boundary.isEmpty {
            return try range(name, tip: tip, bases: [], scope: .wholeTree,
                             note: "\(why): \(count) new \(plural) reaching a root commit, so every file counts")
        }
        return try range(name, tip: tip, bases: boundary, scope: .range,
                         note: "\(why): \(count) new \(plural) not on \(hiddenDescription)")
    }

    private func range(_ name: String, tip: ObjectID, bases: [ObjectID], scope: RefRange.Scope, note: String) throws -> RefRange {
        let tipTree = try repository.commit(tip).tree
        var changes: [FileChange] = []
        switch scope {
        case .nothingNew, .deletion, .notACommit:
            break
        case .wholeTree:
            changes = try repository.diffTrees(from: nil, to: tipTree, detectRenames: false)
        case .range:
            var seen = Set<String>()
            for base in bases {
                let baseTree = try repository.commit(base).tree
                // Keyed by the old blob too: a manifest compared with two bases is judged against both (ManifestChangeClassifier).
                for change in try repository.diffTrees(from: baseTree, to: tipTree)
                where seen.insert(change.oldPath + "\u{0}" + change.newPath + "\u{0}" + (change.oldBlob ?? "")).inserted {
                    changes.append(change)
                }
            }
        }
        return RefRange(ref: name, scope: scope, tip: tip, tipTree: tipTree, bases: bases, changes: changes, note: note)
    }
}
