import CLibGit2

extension GitRepository {
    /// Writes `tree` into `directory`, a directory of gate's own. With `previousTree` (what the directory held),
    /// only the differences are written, so build caches there stay warm. The repository's index and work tree are untouched.
    public func checkOut(tree: ObjectID, into directory: String, previousTree: ObjectID?) throws {
        let target = try lookupTree(tree)
        defer { git_tree_free(target) }
        // The baseline says what the directory holds now: an in-memory index of the previous tree, or an empty one.
        var baselineIndex: OpaquePointer?
        try check(git_index_new(&baselineIndex), "git_index_new")
        defer { git_index_free(baselineIndex) }
        if let previousTree {
            let previous = try lookupTree(previousTree)
            defer { git_tree_free(previous) }
            try check(git_index_read_tree(baselineIndex, previous), "git_index_read_tree")
        }
        var options = git_checkout_options()
        try check(git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)), "git_checkout_options_init")
        options.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue | GIT_CHECKOUT_DONT_UPDATE_INDEX.rawValue
            | GIT_CHECKOUT_RECREATE_MISSING.rawValue
        options.baseline_index = baselineIndex
        try directory.withCString { path in
            options.target_directory = path
            try check(git_checkout_tree(handle, target, &options), "git_checkout_tree")
        }
    }
}
