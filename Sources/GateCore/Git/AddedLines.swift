import CLibGit2

extension GitRepository {
    /// The lines of the new tree that a push adds or modifies: new-side line numbers (1-based) by the new tree's
    /// path. Renames are followed by content similarity (libgit2's default threshold), so a renamed file counts only
    /// the lines that changed; deleted lines and binary files count nothing. `from` nil is the empty tree (every line
    /// is new). Only files `include` accepts (by new path) get their patch computed.
    public func addedLines(from old: ObjectID?, to new: ObjectID, include: (String) -> Bool) throws -> [String: Set<Int>] {
        let oldTree = try old.map { try lookupTree($0) }
        defer { if let oldTree { git_tree_free(oldTree) } }
        let newTree = try lookupTree(new)
        defer { git_tree_free(newTree) }
        var options = git_diff_options()
        try check(git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION)), "git_diff_options_init")
        options.context_lines = 0
        var diff: OpaquePointer?
        try check(git_diff_tree_to_tree(&diff, handle, oldTree, newTree, &options), "git_diff_tree_to_tree")
        defer { git_diff_free(diff) }
        var find = git_diff_find_options()
        try check(git_diff_find_options_init(&find, UInt32(GIT_DIFF_FIND_OPTIONS_VERSION)), "git_diff_find_options_init")
        find.flags = GIT_DIFF_FIND_RENAMES.rawValue
        try check(git_diff_find_similar(diff, &find), "git_diff_find_similar")

        var lines: [String: Set<Int>] = [:]
        for index in 0..<git_diff_num_deltas(diff) {
            guard let delta = git_diff_get_delta(diff, index)?.pointee, delta.status != GIT_DELTA_DELETED,
                let pathPointer = delta.new_file.path else { continue }
            let path = String(cString: pathPointer)
            guard include(path) else { continue }
            let added = try addedLines(in: diff, at: index)
            if !added.isEmpty { lines[path, default: []].formUnion(added) }
        }
        return lines
    }

    /// The new-side numbers of the `+` lines of one delta's patch.
    private func addedLines(in diff: OpaquePointer?, at index: Int) throws -> Set<Int> {
        var patch: OpaquePointer?
        try check(git_patch_from_diff(&patch, diff, index), "git_patch_from_diff")
        guard let patch else { return [] }
        defer { git_patch_free(patch) }
        var added = Set<Int>()
        for hunk in 0..<git_patch_num_hunks(patch) {
            let count = git_patch_num_lines_in_hunk(patch, hunk)
            guard count > 0 else { continue }
            for lineIndex in 0..<Int(count) {
                var line: UnsafePointer<git_diff_line>?
                try check(git_patch_get_line_in_hunk(&line, patch, hunk, lineIndex), "git_patch_get_line_in_hunk")
                guard let line = line?.pointee, line.origin == CChar(GIT_DIFF_LINE_ADDITION.rawValue), line.new_lineno > 0 else { continue }
                added.insert(Int(line.new_lineno))
            }
        }
        return added
    }
}
