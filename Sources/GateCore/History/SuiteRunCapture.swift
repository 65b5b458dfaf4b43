/// One suite run as gate saw it during a push, kept in memory until the push ends and is recorded in the history.
public struct SuiteRunCapture: Sendable {
    public var commit: ObjectID
    public var phase: TestRunPhase
    /// 0 for the push's run and the flake re-run; 1… for fix attempts.
    public var attempt: Int
    /// Whether the whole suite ran (no selection filter).
    public var wholeSuite: Bool
    public var result: SuiteResult
}
