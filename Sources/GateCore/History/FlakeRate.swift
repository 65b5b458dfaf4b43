/// How flaky one test has been, from the history.
public struct FlakeRate: Codable, Sendable, Equatable {
    public var suite: String
    public var test: String
    /// Recorded runs (skips not counted).
    public var runs: Int
    /// Failures on a tree where the same test also passed.
    public var flakyFailures: Int
    /// Trees on which it both passed and failed.
    public var flippedTrees: Int

    /// `flakyFailures / runs`, 0…1.
    public var rate: Double { runs == 0 ? 0 : Double(flakyFailures) / Double(runs) }
}
