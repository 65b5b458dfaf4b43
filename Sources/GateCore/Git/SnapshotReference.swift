import CLibGit2

/// A ref that holds one file as a line of commits (gate's `refs/gate/history`): each snapshot is a commit whose tree
/// holds only that file, on top of the ref's previous commit, so the ref can be pushed and fetched like a branch.
extension GitRepository {
    /// Commits `contents` as the tree's only file `fileName`, with the ref's current commit as parent, and moves the ref
    /// under its lock. Uses the user's identity, or gate's when unset. Returns the new commit.
    @discardableResult
    public func commitSnapshot(_ contents: [UInt8], fileName: String, reference: String, message: String) throws -> ObjectID {
        let signature = try makeSignature(fallbackName: "gate", fallbackEmail: "gate@localhost")
        defer { git_signature_free(signature) }
        var result: ObjectID?
        try updateReferenceLocked(reference, message: message) { current in
            var blobID = git_oid()
            try check(contents.withUnsafeBytes { git_blob_create_from_buffer(&blobID, handle, $0.baseAddress, $0.count) },
                      "git_blob_create_from_buffer")
            var builder: OpaquePointer?
            try check(git_treebuilder_new(&builder, handle, nil), "git_treebuilder_new")
            defer { git_treebuilder_free(builder) }
            try check(git_treebuilder_insert(nil, builder, fileName, &blobID, GIT_FILEMODE_BLOB), "git_treebuilder_insert")
            var treeID = git_oid()
            try check(git_treebuilder_write(&treeID, builder), "git_treebuilder_write")
            var tree: OpaquePointer?
            try check(git_tree_lookup(&tree, handle, &treeID), "git_tree_lookup")
            defer { git_tree_free(tree) }
            var parent: OpaquePointer?
            if let current {
                var parentID = try current.raw()
                try check(git_commit_lookup(&parent, handle, &parentID), "git_commit_lookup")
            }
            defer { if let parent { git_commit_free(parent) } }
            var commitID = git_oid()
            var parents: [OpaquePointer?] = parent.map { [$0] } ?? []
            try check(parents.withUnsafeMutableBufferPointer { buffer in
                git_commit_create(&commitID, handle, nil, signature, signature, nil, message, tree, buffer.count, buffer.baseAddress)
            }, "git_commit_create")
            result = ObjectID(commitID)
            return result!
        }
        return result!
    }

    /// The bytes of `fileName` in the tree of the commit `reference` points at; nil when the ref does not exist.
    /// Throws when the ref exists but holds no such file.
    public func snapshotFile(_ fileName: String, reference: String) throws -> [UInt8]? {
        guard let tip = try referenceTarget(reference) else { return nil }
        guard let commitID = try peelToCommit(tip) else {
            throw GitError(function: "git_commit_lookup", code: -1, message: "\(reference) does not point at a commit")
        }
        let info = try commit(commitID)
        var treeID = try info.tree.raw()
        var tree: OpaquePointer?
        try check(git_tree_lookup(&tree, handle, &treeID), "git_tree_lookup")
        defer { git_tree_free(tree) }
        guard let entry = git_tree_entry_byname(tree, fileName) else {
            throw GitError(function: "git_tree_entry_byname", code: -1, message: "\(reference) holds no \(fileName)")
        }
        guard let id = git_tree_entry_id(entry)?.pointee else {
            throw GitError(function: "git_tree_entry_id", code: -1, message: "\(fileName) has no id")
        }
        return try blobContents(ObjectID(id))
    }
}
