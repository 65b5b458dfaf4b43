import CLibGit2

extension GitRepository {
    /// Moves `name` the way git does, through a `git_transaction`: `<name>.lock` is created, the new target is computed
    /// from the current one, `whileLocked` runs, then the lock file is renamed over the ref. A kill at any point leaves
    /// the old ref or the new one, never a half-written ref (at worst a stale `<name>.lock`, see `StaleReferenceLocks`).
    public func updateReferenceLocked(_ name: String, message: String, whileLocked: () -> Void = {},
                                      newTarget: (_ current: ObjectID?) throws -> ObjectID) throws {
        var transaction: OpaquePointer?
        try check(git_transaction_new(&transaction, handle), "git_transaction_new")
        defer { git_transaction_free(transaction) }
        try check(git_transaction_lock_ref(transaction, name), "git_transaction_lock_ref")
        var target = try newTarget(try referenceTarget(name)).raw()
        try check(git_transaction_set_target(transaction, name, &target, nil, message), "git_transaction_set_target")
        whileLocked()
        try check(git_transaction_commit(transaction), "git_transaction_commit")
    }

    /// Points `name` at `target` under the ref's lock (gate's own namespaces only).
    public func setReferenceLocked(_ name: String, to target: ObjectID, message: String, whileLocked: () -> Void = {}) throws {
        try updateReferenceLocked(name, message: message, whileLocked: whileLocked) { _ in target }
    }
}
