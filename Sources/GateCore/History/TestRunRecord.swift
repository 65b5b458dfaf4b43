/// One test's outcome in one suite run (`test_run` table).
public struct TestRunRecord: Codable, Sendable, Equatable {
    /// The push (run id) it belongs to.
    public var run: String
    public var commit: String
    public var tree: String
    public var suite: String
    public var runner: RunnerKind
    /// The runner's own id of the test (pytest node id, go `package.Test`, swift `Target.Class/test`, node `file > test`).
    public var test: String
    public var outcome: TestStatus
    /// Seconds, when the runner reports a per-test time.
    public var duration: Double?
    public var attempt: Int
    public var phase: TestRunPhase
    /// The failure's first line, for the most frequent failure messages.
    public var message: String?
}
