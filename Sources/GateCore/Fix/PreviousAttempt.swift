/// What went wrong in the previous fix attempt, told to the model on the next one.
public enum PreviousAttempt: Sendable, Equatable {
    /// An edit was refused; `reason` is the rejection's description.
    case editRejected(edit: FileEdit?, reason: String)
    /// The reply held no edits gate could read.
    case unreadableReply(reason: String)
    /// The reply was cut off at the token limit and not applied.
    case truncatedReply
    /// The edits applied but these tests still fail.
    case testsStillFailing([String])
    /// The edits applied and the tests reported no failure, but the run did not prove the fix (a failing test skipped,
    /// xfailed, deselected or gone, fewer tests run); the edits were rolled back. `reason` says what was wrong.
    case notVerified(reason: String)
}
