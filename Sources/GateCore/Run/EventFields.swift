/// The one documented field set of each event kind (README, "Event trail"). Every event also has `time`, `run` and
/// `event`; a field that does not apply to one occurrence is written as `null`, so each kind always has the same keys.
extension EventKind {
    public static let commonFields = ["event", "run", "time"]

    public var fields: [String] {
        switch self {
        case .coverage: return ["commit", "coverage", "covered", "diff_coverage", "executable", "passed", "problems"]
        case .fixAttempt: return ["attempt", "commit", "detail", "failed", "input_tokens", "model", "outcome", "output_tokens", "prompt_bytes", "provider", "retries"]
        case .fixDelivered: return ["commit", "ref"]
        case .fixSkipped: return ["reason"]
        case .flaky: return ["commit", "test"]
        case .historyFailed: return ["error"]
        case .quarantined: return ["commit", "rate", "runs", "test"]
        case .indexRebuild: return ["reason"]
        case .internalError: return ["error", "exit"]
        case .nothingCheckable: return ["commit", "reason"]
        case .range: return ["files", "note", "range", "ref", "scope"]
        case .repush: return ["commit", "ok", "ref"]
        case .runStart: return ["mode", "refs", "remote"]
        case .runsPruned: return ["runs"]
        case .selection: return ["mode", "reason", "tests"]
        case .skip: return ["allowed", "by", "refs"]
        case .skipRefused: return ["allowed", "by"]
        case .skipped: return ["mode", "refs", "remote", "value", "variable"]
        case .staleLockCleared: return ["path", "pid"]
        case .submoduleMissing: return ["commit", "path"]
        case .suite: return ["attempt", "commit", "duration", "error", "errors", "failed", "passed", "runner", "skipped", "suite"]
        case .timeout: return ["fail_open", "seconds", "verdict"]
        case .toolMissing: return ["error", "exit"]
        case .verdict: return ["commit", "diff_coverage", "elapsed", "exit", "reason", "report", "verdict"]
        case .verifiedCacheHit: return ["commit", "tree"]
        }
    }
}
