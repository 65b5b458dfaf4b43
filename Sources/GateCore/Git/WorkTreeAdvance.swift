import CLibGit2

extension GitRepository {
    /// Moves the checked-out branch `branch` from `expected` to `commit` and updates the index and work tree to match,
    /// as a fast-forward would. Only call it on a clean work tree; a SAFE checkout never overwrites local edits.
    public func advanceCheckedOutBranch(_ branch: String, from expected: ObjectID, to commit: ObjectID, message: String) throws {
        let newTree = try self.commit(commit).tree
        try checkOutWorkTree(newTree)
        do {
            try updateReference(branch, to: commit, expecting: expected, message: message)
        } catch {
            try? checkOutWorkTree(try self.commit(expected).tree)
            throw error
        }
    }

    private func checkOutWorkTree(_ tree: ObjectID) throws {
        let target = try lookupTree(tree)
        defer { git_tree_free(target) }
        var options = git_checkout_options()
        try check(git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)), "git_checkout_options_init")
        options.checkout_strategy = GIT_CHECKOUT_SAFE.rawValue
        try check(git_checkout_tree(handle, target, &options), "git_checkout_tree")
    }
}
