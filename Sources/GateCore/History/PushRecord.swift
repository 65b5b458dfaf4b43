/// One checked push in the history (`push` table): its verdict, how much of the suites it ran, and how long it took.
public struct PushRecord: Codable, Sendable, Equatable {
    /// gate's run id (`20261125T201500Z-4f2a`); the key that makes imports idempotent.
    public var run: String
    /// Seconds since 1970, UTC.
    public var time: Double
    /// `pre-push`, `run` or `pre-receive`.
    public var mode: String
    public var verdict: Verdict
    /// Distinct tests the push's own run ran (re-runs and fix attempts not counted).
    public var selectedTests: Int
    /// Tests in the full suites, as far as the history knows them (see `TestHistory.fullSuiteCount`).
    public var fullSuiteTests: Int
    /// Wall time of the whole gate run, seconds.
    public var wallTime: Double
    /// Share of the push's changed lines that its tests executed, 0…1; nil until diff coverage is measured.
    public var diffCoverage: Double?
}
