/// `flaky:` in `.gate.yml`: what a test the history knows as flaky does to a push.
public struct FlakySettings: Sendable, Equatable {
    public init() {}
    /// true: a failing test whose flake rate is at least `minRate` over at least `minRuns` recorded runs still runs and
    /// is reported, but does not block. false (the default): every failure blocks.
    public var quarantine = false
    /// Flake rate (0…1) from which a test counts as known flaky.
    public var minRate = 0.05
    /// Recorded runs a test needs before its rate counts.
    public var minRuns = 5
}
