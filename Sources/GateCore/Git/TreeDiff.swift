import CLibGit2

/// One path a diff reports, with both sides for renames.
public struct FileChange: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case added, deleted, modified, renamed, copied, typeChanged }
    public let kind: Kind
    public let oldPath: String
    public let newPath: String
    /// Set when either side is a gitlink (a submodule's commit), nil otherwise; the rule for it is `SubmoduleRule`.
    public var isSubmodule: Bool? = nil
    /// The blob ids of both sides (nil for the missing side of an addition or deletion); manifests are compared by
    /// content (`ManifestChangeClassifier`).
    public var oldBlob: String? = nil
    public var newBlob: String? = nil

    /// Both paths once: a rename or deletion affects the old path's dependents too.
    public var paths: [String] { oldPath == newPath ? [newPath] : [oldPath, newPath] }
}

extension GitRepository {
    /// The files and gitlinks that differ between two trees (`from` nil = the empty tree). Renames are paired by exact
    /// content only, which is cheap; selection needs both paths, not similarity scores.
    public func diffTrees(from old: ObjectID?, to new: ObjectID, detectRenames: Bool = true) throws -> [FileChange] {
        let diff = try makeDiff(from: old, to: new)
        defer { git_diff_free(diff) }
        if detectRenames {
            var find = git_diff_find_options()
            try check(git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)), "git_diff_find_options_init")
            find.flags = GIT_DIFF_FIND_RENAMES.rawValue | GIT_DIFF_FIND_EXACT_MATCH_ONLY.rawValue
            try check(git_diff_find_similar(diff, &find), "git_diff_find_similar")
        }
        var changes: [FileChange] = []
        let count = git_diff_num_deltas(diff)
        changes.reserveCapacity(count)
        for index in 0..<count {
            guard let delta = git_diff_get_delta(diff, index)?.pointee else { continue }
            let oldPath = delta.old_file.path.map { String(cString: $0) } ?? ""
            let newPath = delta.new_file.path.map { String(cString: $0) } ?? oldPath
            let kind: FileChange.Kind
            switch delta.status {
            case GIT_DELTA_ADDED: kind = .added
            case GIT_DELTA_DELETED: kind = .deleted
            case GIT_DELTA_RENAMED: kind = .renamed
            case GIT_DELTA_COPIED: kind = .copied
            case GIT_DELTA_TYPECHANGE: kind = .typeChanged
            default: kind = .modified
            }
            let gitlink = delta.old_file.mode == UInt16(GIT_FILEMODE_COMMIT.rawValue) || delta.new_file.mode == UInt16(GIT_FILEMODE_COMMIT.rawValue)
            let oldBlob = ObjectID(delta.old_file.id), newBlob = ObjectID(delta.new_file.id)
            changes.append(FileChange(kind: kind, oldPath: oldPath, newPath: newPath, isSubmodule: gitlink ? true : nil,
                                      oldBlob: oldBlob.isZero ? nil : oldBlob.hex, newBlob: newBlob.isZero ? nil : newBlob.hex))
        }
        return changes
    }

    /// The unified diff between two trees, as text (for prompts and reports).
    public func patchText(from old: ObjectID?, to new: ObjectID) throws -> String {
        let diff = try makeDiff(from: old, to: new)
        defer { git_diff_free(diff) }
        var buffer = git_buf()
        try check(git_diff_to_buf(&buffer, diff, GIT_DIFF_FORMAT_PATCH), "git_diff_to_buf")
        defer { git_buf_dispose(&buffer) }
        guard let pointer = buffer.ptr else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: buffer.size), as: UTF8.self)
    }

    /// The unified diff between two trees, where each file `withhold` accepts (either side's path) keeps only a header
    /// and one line saying its content is withheld. Nothing of such a file's content is read into the text. Exact renames
    /// are paired, so a secret file renamed to an innocent name is still withheld.
    public func patchText(from old: ObjectID?, to new: ObjectID, withholding withhold: (String) -> Bool) throws -> String {
        let diff = try makeDiff(from: old, to: new)
        defer { git_diff_free(diff) }
        var find = git_diff_find_options()
        try check(git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)), "git_diff_find_options_init")
        find.flags = GIT_DIFF_FIND_RENAMES.rawValue | GIT_DIFF_FIND_EXACT_MATCH_ONLY.rawValue
        try check(git_diff_find_similar(diff, &find), "git_diff_find_similar")
        var text = ""
        for index in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, index)?.pointee else { continue }
            let oldPath = delta.old_file.path.map { String(cString: $0) } ?? ""
            let newPath = delta.new_file.path.map { String(cString: $0) } ?? oldPath
            if withhold(oldPath) || withhold(newPath) {
                text += "diff --git a/\(oldPath) b/\(newPath)\n(this file changed; its content is withheld because it may hold secrets)\n"
                continue
            }
            var patch: OpaquePointer?
            try check(git_patch_from_diff(&patch, diff, index), "git_patch_from_diff")
            defer { git_patch_free(patch) }
            guard let patch else { continue }
            var buffer = git_buf()
            try check(git_patch_to_buf(&buffer, patch), "git_patch_to_buf")
            defer { git_buf_dispose(&buffer) }
            if let pointer = buffer.ptr {
                text += String(decoding: UnsafeRawBufferPointer(start: pointer, count: buffer.size), as: UTF8.self)
            }
        }
        return text
    }

    private func makeDiff(from old: ObjectID?, to new: ObjectID) throws -> OpaquePointer? {
        let oldTree = try old.map { try lookupTree($0) }
        defer { if let oldTree { git_tree_free(oldTree) } }
        let newTree = try lookupTree(new)
        defer { git_tree_free(newTree) }
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        // Gitlinks (submodule bumps) are reported like files: a tree-to-tree diff compares their commit ids only.
        var diff: OpaquePointer?
        try check(git_diff_tree_to_tree(&diff, handle, oldTree, newTree, &options), "git_diff_tree_to_tree")
        return diff
    }

    /// Looks up a tree by id; the caller frees it.
    func lookupTree(_ id: ObjectID) throws -> OpaquePointer {
        var oid = try id.raw()
        var tree: OpaquePointer?
        try check(git_tree_lookup(&tree, handle, &oid), "git_tree_lookup")
        return tree!
    }
}
