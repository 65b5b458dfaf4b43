import CLibGit2

/// An open repository. Not thread-safe: use one instance per thread.
public final class GitRepository {
    let handle: OpaquePointer

    /// Opens the repository containing `path` (any subdirectory or linked worktree).
    public init(discoveringFrom path: String) throws {
        LibGit2Runtime.ensureInitialized()
        var repo: OpaquePointer?
        try check(git_repository_open_ext(&repo, path, 0, nil), "git_repository_open_ext")
        handle = repo!
    }

    /// Opens the repository the way git's environment describes it (`GIT_DIR`, `GIT_OBJECT_DIRECTORY`,
    /// `GIT_ALTERNATE_OBJECT_DIRECTORIES`), so a pre-receive hook sees quarantined objects.
    public init(fromEnvironmentAt path: String) throws {
        LibGit2Runtime.ensureInitialized()
        var repo: OpaquePointer?
        try check(git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_FROM_ENV.rawValue, nil), "git_repository_open_ext")
        handle = repo!
    }

    deinit { git_repository_free(handle) }

    /// The `.git` directory (for a linked worktree, its private git dir), with a trailing slash removed.
    public var gitDirectory: String { Self.trimmed(git_repository_path(handle)) }

    /// The directory shared by all worktrees: hooks, config, refs and gate's own state live here.
    public var commonDirectory: String { Self.trimmed(git_repository_commondir(handle)) }

    /// The work tree root, or nil for a bare repository.
    public var workDirectory: String? {
        guard let dir = git_repository_workdir(handle) else { return nil }
        return Self.trimmed(dir)
    }

    public var isBare: Bool { git_repository_is_bare(handle) == 1 }
    public var isLinkedWorktree: Bool { git_repository_is_worktree(handle) == 1 }

    private static func trimmed(_ cString: UnsafePointer<CChar>?) -> String {
        guard let cString else { return "" }
        var path = String(cString: cString)
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        return path
    }

    // MARK: objects

    /// Whether the object database holds `id`.
    public func contains(_ id: ObjectID) -> Bool {
        guard var oid = try? id.raw() else { return false }
        var odb: OpaquePointer?
        guard git_repository_odb(&odb, handle) == 0, let odb else { return false }
        defer { git_odb_free(odb) }
        return git_odb_exists(odb, &oid) == 1
    }

    /// Resolves a revision expression (`HEAD`, `main~2`, `v1.0`, an oid) to the commit it names.
    public func resolveCommit(_ revision: String) throws -> ObjectID {
        var object: OpaquePointer?
        try check(git_revparse_single(&object, handle, revision), "git_revparse_single")
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        try check(git_object_peel(&commit, object, GIT_OBJECT_COMMIT), "git_object_peel")
        defer { git_object_free(commit) }
        return ObjectID(git_object_id(commit).pointee)
    }

    /// Peels `id` (a commit or a chain of annotated tags) to a commit; nil when it names no commit (a tag of a tree or blob).
    public func peelToCommit(_ id: ObjectID) throws -> ObjectID? {
        var oid = try id.raw()
        var object: OpaquePointer?
        try check(git_object_lookup(&object, handle, &oid, GIT_OBJECT_ANY), "git_object_lookup")
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        let code = git_object_peel(&commit, object, GIT_OBJECT_COMMIT)
        if code == GIT_EINVALIDSPEC.rawValue || code == GIT_ENOTFOUND.rawValue || code == GIT_EPEEL.rawValue {
            return nil
        }
        try check(code, "git_object_peel")
        defer { git_object_free(commit) }
        return ObjectID(git_object_id(commit).pointee)
    }

    /// The commit's metadata.
    public func commit(_ id: ObjectID) throws -> CommitInfo {
        var oid = try id.raw()
        var commit: OpaquePointer?
        try check(git_commit_lookup(&commit, handle, &oid), "git_commit_lookup")
        defer { git_commit_free(commit) }
        var parents: [ObjectID] = []
        for index in 0..<git_commit_parentcount(commit) {
            if let parent = git_commit_parent_id(commit, index) { parents.append(ObjectID(parent.pointee)) }
        }
        let summary = git_commit_summary(commit).map { String(cString: $0) } ?? ""
        let message = git_commit_message(commit).map { String(cString: $0) } ?? ""
        return CommitInfo(id: id, tree: ObjectID(git_commit_tree_id(commit).pointee), parents: parents,
                          summary: summary, message: message, time: Int64(git_commit_time(commit)))
    }

    /// Whether `commit` descends from `ancestor` (a commit is not its own descendant).
    public func isDescendant(_ commit: ObjectID, of ancestor: ObjectID) throws -> Bool {
        var a = try commit.raw(), b = try ancestor.raw()
        return try check(git_graph_descendant_of(handle, &a, &b), "git_graph_descendant_of") == 1
    }

    /// The best common ancestor, or nil when the histories are unrelated.
    public func mergeBase(_ one: ObjectID, _ two: ObjectID) throws -> ObjectID? {
        var a = try one.raw(), b = try two.raw(), out = git_oid()
        let code = git_merge_base(&out, handle, &a, &b)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try check(code, "git_merge_base")
        return ObjectID(out)
    }

    /// Reads a blob's bytes.
    public func blobContents(_ id: ObjectID) throws -> [UInt8] {
        var oid = try id.raw()
        var blob: OpaquePointer?
        try check(git_blob_lookup(&blob, handle, &oid), "git_blob_lookup")
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size > 0, let raw = git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: raw, count: size))
    }

    // MARK: references

    /// The commit HEAD points at, or nil on an unborn branch.
    public func headCommit() -> ObjectID? { try? resolveCommit("HEAD") }

    /// The full name of the branch HEAD points at (`refs/heads/main`), even when unborn; nil when detached.
    public func headReferenceName() -> String? {
        var ref: OpaquePointer?
        guard git_reference_lookup(&ref, handle, "HEAD") == 0 else { return nil }
        defer { git_reference_free(ref) }
        guard git_reference_type(ref) == GIT_REFERENCE_SYMBOLIC, let target = git_reference_symbolic_target(ref) else { return nil }
        return String(cString: target)
    }

    /// The direct target of a reference, or nil when it does not exist.
    public func referenceTarget(_ name: String) throws -> ObjectID? {
        var out = git_oid()
        let code = git_reference_name_to_id(&out, handle, name)
        if code == GIT_ENOTFOUND.rawValue || code == GIT_EINVALIDSPEC.rawValue { return nil }
        try check(code, "git_reference_name_to_id")
        return ObjectID(out)
    }

    /// Points `name` at `target` only if it still points at `expected` (nil: must not exist yet).
    public func updateReference(_ name: String, to target: ObjectID, expecting expected: ObjectID?, message: String) throws {
        var newID = try target.raw()
        var ref: OpaquePointer?
        if let expected {
            var oldID = try expected.raw()
            try check(git_reference_create_matching(&ref, handle, name, &newID, 1, &oldID, message), "git_reference_create_matching")
        } else {
            try check(git_reference_create(&ref, handle, name, &newID, 0, message), "git_reference_create")
        }
        git_reference_free(ref)
    }

    /// Creates or moves a reference unconditionally (gate's own namespaces only).
    public func setReference(_ name: String, to target: ObjectID, message: String) throws {
        var newID = try target.raw()
        var ref: OpaquePointer?
        try check(git_reference_create(&ref, handle, name, &newID, 1, message), "git_reference_create")
        git_reference_free(ref)
    }

    // MARK: state

    /// Whether tracked files differ from HEAD in the index or the work tree (untracked files do not count).
    public func hasTrackedChanges() throws -> Bool {
        guard !isBare else { return false }
        var options = git_status_options()
        try check(git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION)), "git_status_options_init")
        options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
        options.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue
        var list: OpaquePointer?
        try check(git_status_list_new(&list, handle, &options), "git_status_list_new")
        defer { git_status_list_free(list) }
        return git_status_list_entrycount(list) > 0
    }

    /// The user's identity from config, or nil when user.name or user.email is unset.
    public func defaultSignature() -> (name: String, email: String)? {
        var signature: UnsafeMutablePointer<git_signature>?
        guard git_signature_default(&signature, handle) == 0, let signature else { return nil }
        defer { git_signature_free(signature) }
        return (String(cString: signature.pointee.name), String(cString: signature.pointee.email))
    }
}

/// A commit's metadata, copied out of libgit2.
public struct CommitInfo: Sendable, Equatable {
    public let id: ObjectID
    public let tree: ObjectID
    public let parents: [ObjectID]
    public let summary: String
    public let message: String
    public let time: Int64
}
