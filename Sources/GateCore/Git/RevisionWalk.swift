import CLibGit2

/// The commits reachable from a tip but hidden from none of the given refs, newest first.
public struct NewCommits: Sendable, Equatable {
    public let commits: [ObjectID]
    /// True when the walk hit the cap before it ran out of commits.
    public let capped: Bool
}

extension GitRepository {
    /// Walks from `tip`, hiding everything reachable from refs matching `hiddenGlobs` and from `hiddenCommits`.
    public func newCommits(from tip: ObjectID, hidingRefsMatching hiddenGlobs: [String], hiding hiddenCommits: [ObjectID] = [], limit: Int) throws -> NewCommits {
        var walker: OpaquePointer?
        try check(git_revwalk_new(&walker, handle), "git_revwalk_new")
        defer { git_revwalk_free(walker) }
        try check(git_revwalk_sorting(walker, GIT_SORT_TOPOLOGICAL.rawValue), "git_revwalk_sorting")
        var tipID = try tip.raw()
        try check(git_revwalk_push(walker, &tipID), "git_revwalk_push")
        for glob in hiddenGlobs {
            let code = git_revwalk_hide_glob(walker, glob)
            // A glob that matches nothing is fine; a ref to a missing object is skipped by libgit2.
            if code != GIT_ENOTFOUND.rawValue { try check(code, "git_revwalk_hide_glob") }
        }
        for hidden in hiddenCommits where contains(hidden) {
            var id = try hidden.raw()
            try check(git_revwalk_hide(walker, &id), "git_revwalk_hide")
        }
        var commits: [ObjectID] = []
        var oid = git_oid()
        while true {
            let code = git_revwalk_next(&oid, walker)
            if code == GIT_ITEROVER.rawValue { break }
            try check(code, "git_revwalk_next")
            if commits.count == limit { return NewCommits(commits: commits, capped: true) }
            commits.append(ObjectID(oid))
        }
        return NewCommits(commits: commits, capped: false)
    }
}
