import CLibGit2

extension GitRepository {
    /// Writes `tree` into `directory`, a directory of gate's own. With `previousTree` (what the directory held),
    /// only the differences are written, so build caches there stay warm. The repository's index and work tree are untouched.
    public func checkOut(tree: ObjectID, into directory: String, previousTree: ObjectID?) throws {
        let target = try lookupTree(tree)
        defer { git_tree_free(target) }
        let baseline = try previousTree.map { try lookupTree($0) }
        defer { if let baseline { git_tree_free(baseline) } }
        var emptyIndex: OpaquePointer?
        if baseline == nil { try check(git_index_new(&emptyIndex), "git_index_new") }
        defer { if let emptyIndex { git_index_free(emptyIndex) } }

        var options = git_checkout_options()
        try check(git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)), "git_checkout_options_init")
        options.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue | GIT_CHECKOUT_DONT_UPDATE_INDEX.rawValue
            | GIT_CHECKOUT_RECREATE_MISSING.rawValue
        options.baseline = baseline
        options.baseline_index = emptyIndex
        try directory.withCString { path in
            options.target_directory = path
            try check(git_checkout_tree(handle, target, &options), "git_checkout_tree")
        }
    }
}
