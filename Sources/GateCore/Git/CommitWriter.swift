import CLibGit2

/// A file's new content for a commit; nil content deletes it.
public struct FileWrite: Sendable, Equatable {
    public let path: String
    public let contents: [UInt8]?
    public let executable: Bool
    public init(path: String, contents: [UInt8]?, executable: Bool = false) {
        self.path = path
        self.contents = contents
        self.executable = executable
    }
}

/// The identity for a commit is missing from config.
public struct MissingIdentityError: Error, CustomStringConvertible {
    public var description: String {
        "user.name and user.email are not set, so gate cannot commit a fix. Run: git config --global user.name \"Your Name\" && git config --global user.email you@example.com"
    }
}

extension GitRepository {
    /// Creates a commit on top of `parent` whose tree is the parent's tree with `writes` applied. No ref moves; no hooks run.
    /// Author and committer are the user's identity.
    public func createCommit(parent: ObjectID, writes: [FileWrite], message: String) throws -> ObjectID {
        var signature: UnsafeMutablePointer<git_signature>?
        guard git_signature_default(&signature, handle) == 0, let signature else { throw MissingIdentityError() }
        defer { git_signature_free(signature) }

        var parentID = try parent.raw()
        var parentCommit: OpaquePointer?
        try check(git_commit_lookup(&parentCommit, handle, &parentID), "git_commit_lookup")
        defer { git_commit_free(parentCommit) }
        var parentTree: OpaquePointer?
        try check(git_commit_tree(&parentTree, parentCommit), "git_commit_tree")
        defer { git_tree_free(parentTree) }

        var index: OpaquePointer?
        try check(git_index_new(&index), "git_index_new")
        defer { git_index_free(index) }
        try check(git_index_read_tree(index, parentTree), "git_index_read_tree")

        for write in writes {
            guard let contents = write.contents else {
                let code = git_index_remove_bypath(index, write.path)
                if code != GIT_ENOTFOUND.rawValue { try check(code, "git_index_remove_bypath") }
                continue
            }
            var blobID = git_oid()
            try check(contents.withUnsafeBytes { git_blob_create_from_buffer(&blobID, handle, $0.baseAddress, $0.count) },
                      "git_blob_create_from_buffer")
            var entry = git_index_entry()
            entry.id = blobID
            entry.mode = write.executable ? GIT_FILEMODE_BLOB_EXECUTABLE.rawValue : GIT_FILEMODE_BLOB.rawValue
            entry.file_size = UInt32(truncatingIfNeeded: contents.count)
            try write.path.withCString { path in
                entry.path = path
                try check(git_index_add(index, &entry), "git_index_add")
            }
        }
        var treeID = git_oid()
        try check(git_index_write_tree_to(&treeID, index, handle), "git_index_write_tree_to")
        var tree: OpaquePointer?
        try check(git_tree_lookup(&tree, handle, &treeID), "git_tree_lookup")
        defer { git_tree_free(tree) }

        var commitID = git_oid()
        var parents: [OpaquePointer?] = [parentCommit]
        try check(git_commit_create(&commitID, handle, nil, signature, signature, "UTF-8", message, tree, 1, &parents),
                  "git_commit_create")
        return ObjectID(commitID)
    }
}
