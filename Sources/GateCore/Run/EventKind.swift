/// The kinds of event in `.git/gate/events.jsonl`; the raw value is the `event` field.
public enum EventKind: String, Sendable, CaseIterable {
    /// Coverage measured against `quality:` thresholds for one commit.
    case coverage
    /// One fix attempt and its outcome.
    case fixAttempt = "fix_attempt"
    /// A fix was written to refs/gate/fixes/.
    case fixDelivered = "fix_delivered"
    /// No fix was attempted, and why.
    case fixSkipped = "fix_skipped"
    /// A test failed, then passed on re-run.
    case flaky
    /// The run could not be recorded in the test history.
    case historyFailed = "history_failed"
    /// A failing test the history knows as flaky did not block (`flaky.quarantine`).
    case quarantined
    /// The dependency index was rebuilt.
    case indexRebuild = "index_rebuild"
    /// gate itself failed.
    case internalError = "internal_error"
    /// Code changed that no suite can test.
    case nothingCheckable = "nothing_checkable"
    /// One pushed ref and the range gate checks.
    case range
    /// `fix.repush` pushed a fix.
    case repush
    /// A run began.
    case runStart = "run_start"
    /// Old runs' logs and reports were pruned.
    case runsPruned = "runs_pruned"
    /// What the selection chose and why.
    case selection
    /// A skip push option was honoured.
    case skip
    /// A skip push option was refused (server.allow_skip is off).
    case skipRefused = "skip_refused"
    /// GATE_SKIP skipped the gate.
    case skipped
    /// A lock left by a killed run was removed.
    case staleLockCleared = "stale_lock_cleared"
    /// A submodule's commit is not available locally.
    case submoduleMissing = "submodule_missing"
    /// One suite's result.
    case suite
    /// The server's watchdog stopped the run.
    case timeout
    /// A suite's tool is missing where the hook runs.
    case toolMissing = "tool_missing"
    /// How the run ended.
    case verdict
    /// The tree already passed these tests.
    case verifiedCacheHit = "verified_cache_hit"
}
