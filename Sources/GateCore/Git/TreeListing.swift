import CLibGit2

/// A file in a tree: its path, blob id and mode.
public struct TreeFile: Sendable, Hashable {
    public let path: String
    public let blob: ObjectID
    public let isSymlink: Bool
    public let isExecutable: Bool
}

private final class TreeWalkCollector {
    var files: [TreeFile] = []
}

extension GitRepository {
    /// Every blob in a tree, recursively, in tree order. Submodules are skipped.
    public func listFiles(inTree id: ObjectID) throws -> [TreeFile] {
        let tree = try lookupTree(id)
        defer { git_tree_free(tree) }
        let collector = TreeWalkCollector()
        let payload = Unmanaged.passUnretained(collector).toOpaque()
        let code = git_tree_walk(tree, GIT_TREEWALK_PRE, { root, entry, payload in
            guard let entry, let payload, git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { return 0 }
            let collector = Unmanaged<TreeWalkCollector>.fromOpaque(payload).takeUnretainedValue()
            let name = String(cString: git_tree_entry_name(entry))
            let prefix = root.map { String(cString: $0) } ?? ""
            let mode = git_tree_entry_filemode(entry)
            collector.files.append(TreeFile(path: prefix + name, blob: ObjectID(git_tree_entry_id(entry).pointee),
                                            isSymlink: mode == GIT_FILEMODE_LINK,
                                            isExecutable: mode == GIT_FILEMODE_BLOB_EXECUTABLE))
            return 0
        }, payload)
        try check(code, "git_tree_walk")
        return collector.files
    }

    /// The blob id at `path` in a tree, or nil when absent.
    public func blobID(atPath path: String, inTree id: ObjectID) throws -> ObjectID? {
        let tree = try lookupTree(id)
        defer { git_tree_free(tree) }
        var entry: OpaquePointer?
        let code = git_tree_entry_bypath(&entry, tree, path)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try check(code, "git_tree_entry_bypath")
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_type(entry) == GIT_OBJECT_BLOB else { return nil }
        return ObjectID(git_tree_entry_id(entry).pointee)
    }
}
