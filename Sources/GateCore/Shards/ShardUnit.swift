/// The smallest piece of a selection a runner can run on its own: a pytest node id (or a test file whose tests
/// could not be listed), a Go package, a Swift test target or test id, a node test file, or a whole `command` suite.
public struct ShardUnit: Sendable, Hashable, Codable {
    public var suite: String
    public var runner: RunnerKind
    /// The id as the runner takes it in the suite's working directory (what `TestPlan.Entry.filter` holds).
    public var id: String
    /// Seconds this unit is expected to take.
    public var seconds: Double
    /// Where `seconds` comes from.
    public var timing: Timing

    public enum Timing: String, Sendable, Hashable, Codable {
        /// The median of this unit's recorded durations (or the sum of its tests' medians).
        case recorded
        /// No recorded time: the estimate rule of `DurationEstimate`.
        case estimated
    }

    public init(suite: String, runner: RunnerKind, id: String, seconds: Double, timing: Timing) {
        self.suite = suite
        self.runner = runner
        self.id = id
        self.seconds = seconds
        self.timing = timing
    }
}
