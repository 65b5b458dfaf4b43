/// Tries to repair a commit whose tests fail. The outcome says which attempts ran and whether one fixed it.
public protocol FixLoopRunner {
    func repair(target: CheckTarget, report: RunReport.Target, context: GateRun) throws -> FixOutcome
}

public struct FixOutcome: Sendable {
    public var attempts: [FixAttemptRecord]
    public var fixedCommit: ObjectID?
    public var finalResults: [SuiteResult]?

    public init(attempts: [FixAttemptRecord], fixedCommit: ObjectID?, finalResults: [SuiteResult]?) {
        self.attempts = attempts
        self.fixedCommit = fixedCommit
        self.finalResults = finalResults
    }
}
