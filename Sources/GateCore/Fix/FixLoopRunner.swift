/// Tries to repair a commit whose tests fail. The outcome says which attempts ran and whether one fixed it.
public protocol FixLoopRunner {
    func repair(target: CheckTarget, report: RunReport.Target, plan: TestPlan, config: GateConfig, context: GateRun) throws -> FixOutcome
}

public struct FixOutcome: Sendable {
    public var attempts: [FixAttemptRecord]
    public var fixedCommit: ObjectID?
    public var finalResults: [SuiteResult]?
    /// Every failing test passed when re-run: nothing to fix.
    public var passedAsFlaky: Bool

    public init(attempts: [FixAttemptRecord], fixedCommit: ObjectID?, finalResults: [SuiteResult]?, passedAsFlaky: Bool = false) {
        self.attempts = attempts
        self.fixedCommit = fixedCommit
        self.finalResults = finalResults
        self.passedAsFlaky = passedAsFlaky
    }
}
