/// Puts a fix commit where the user will find it, without touching their branch, index or work tree: the fix goes to
/// `refs/gate/fixes/<branch>` in one locked ref write, and the user takes it with git's own `git merge --ff-only`.
/// A kill at any point therefore leaves the user's repository exactly as it was (see README, "Where a fix goes").
struct FixDelivery {
    let repository: GitRepository
    /// Where the test hook `GATE_TEST_KILL_AT` is read from.
    let environment: [String: String]

    struct Result {
        let message: String
        /// The ref that holds the fix.
        let parking: String
        /// The one command that takes the fix onto the user's branch.
        let takeCommand: String
    }

    func deliver(fix: ObjectID, pushed: ObjectID, localRefs: [String], runID: String) throws -> Result {
        let branch = localRefs.first { $0.hasPrefix("refs/heads/") }.map { String($0.dropFirst("refs/heads/".count)) }
        let parking = "refs/gate/fixes/" + (branch ?? "detached")
        try repository.setReferenceLocked(parking, to: fix, message: "gate: fix from run \(runID)",
                                          whileLocked: { TestKillPoint.ref.reach(environment) })
        guard let branch else {
            let take = "git checkout \(fix.short)"
            return Result(message: "the fix is at \(parking); take it with `\(take)`", parking: parking, takeCommand: take)
        }
        let take = "git merge --ff-only \(parking)"
        var message = "your branch, index and work tree are untouched; the fix waits at \(parking). Take it with `\(take)`"
        if let current = try? repository.referenceTarget("refs/heads/" + branch), current != pushed {
            message += " (\(branch) has moved since the push started, so `--ff-only` will refuse: rebase onto the fix or cherry-pick it)"
        }
        return Result(message: message, parking: parking, takeCommand: take)
    }
}
