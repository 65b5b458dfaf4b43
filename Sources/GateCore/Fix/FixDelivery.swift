/// Puts a fix commit where the user will find it, never overwriting uncommitted work:
/// the pushed local branch is fast-forwarded when it still points at the pushed commit (and, if checked out, only when
/// the work tree is clean); otherwise the fix waits under `refs/gate/fixes/<branch>` with the one command to take it.
struct FixDelivery {
    let repository: GitRepository

    struct Result {
        let message: String
        let branchMoved: Bool
    }

    func deliver(fix: ObjectID, pushed: ObjectID, localRefs: [String], runID: String) throws -> Result {
        let branch = localRefs.first { $0.hasPrefix("refs/heads/") }
        let short = fix.short
        guard let branch else {
            let parking = "refs/gate/fixes/detached"
            try repository.setReference(parking, to: fix, message: "gate: fix from run \(runID)")
            return Result(message: "the fix is at \(parking); take it with `git checkout \(short)`", branchMoved: false)
        }
        let name = String(branch.dropFirst("refs/heads/".count))
        let parking = "refs/gate/fixes/" + name
        let current = try repository.referenceTarget(branch)
        let checkedOut = repository.headReferenceName() == branch
        if current == pushed {
            if !checkedOut {
                try repository.updateReference(branch, to: fix, expecting: pushed, message: "gate: fix from run \(runID)")
                return Result(message: "\(name) now points at the fix \(short)", branchMoved: true)
            }
            if try !repository.hasTrackedChanges() {
                try repository.advanceCheckedOutBranch(branch, from: pushed, to: fix, message: "gate: fix from run \(runID)")
                return Result(message: "\(name) and your work tree now hold the fix \(short)", branchMoved: true)
            }
        }
        try repository.setReference(parking, to: fix, message: "gate: fix from run \(runID)")
        let why = current == pushed ? "you have uncommitted changes" : "\(name) moved since the push started"
        return Result(message: "\(why), so the fix waits at \(parking); take it with `git merge --ff-only \(parking)`", branchMoved: false)
    }
}
