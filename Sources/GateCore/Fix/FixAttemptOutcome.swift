/// How one fix attempt ended, as the report and the event trail record it.
public enum FixAttemptOutcome: String, Codable, Sendable {
    /// Not finished (the run was cut short).
    case pending
    /// The provider failed in a way that ends the loop (bad key, quota, retries exhausted, oversize reply).
    case providerFailed = "provider_failed"
    /// The provider failed for this attempt only; the next one is tried.
    case providerError = "provider_error"
    /// The reply was cut off at the token limit; nothing was applied.
    case truncated
    /// The reply held no edit gate could read.
    case unreadable
    /// An edit was refused before anything was written (policy, caps, a secret, a path outside the repository).
    case rejected
    /// The re-run proves nothing: a failing test did not run and pass, fewer tests ran, or a runner file was planted.
    case unverified
    /// Every selected test passes on the fix, and it was delivered.
    case fixed
    /// More tests fail than before; rolled back.
    case regressed
    /// Fewer or as many tests fail; the next attempt builds on it.
    case stillFailing = "still_failing"
}
