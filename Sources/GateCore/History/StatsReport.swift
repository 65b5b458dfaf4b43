/// What `gate stats` shows, computed from the history (`StatsQuery`); encoded as is for `--format json`.
public struct StatsReport: Codable, Sendable {
    public struct Pushes: Codable, Sendable {
        public init() {}
        public var checked = 0
        public var passed = 0
        public var blocked = 0
        public var fixed = 0
        /// unchecked, timeout, accepted.
        public var other = 0
        public var medianSeconds: Double?
    }

    public struct Selection: Codable, Sendable {
        public init() {}
        /// Pushes that ran tests (a verified tree runs none and is not counted here).
        public var pushes = 0
        public var testsRun = 0
        public var fullSuiteTests = 0
        /// Sum over those pushes of the recorded median durations of the known tests each push did not run.
        public var secondsSaved = 0.0
        /// Of the unselected tests, how many had no recorded duration (and count 0 in `secondsSaved`).
        public var unselectedWithoutDuration = 0
    }

    public struct SlowTest: Codable, Sendable {
        public var suite: String
        public var test: String
        public var medianSeconds: Double
        public var runs: Int
    }

    public struct FixModel: Codable, Sendable {
        public var provider: String
        public var model: String
        public var attempts: Int
        public var fixed: Int
        public var successRate: Double
        public var inputTokens: Int
        public var outputTokens: Int
    }

    public struct FailureMessage: Codable, Sendable {
        public var message: String
        public var count: Int
        public var tests: Int
    }

    public struct PushPoint: Codable, Sendable {
        public var run: String
        public var time: Double
        public var verdict: Verdict
        public var wallTime: Double
        public var selectedTests: Int
        public var fullSuiteTests: Int
        /// Percent of the push's changed executable lines its tests ran, when a `quality:` threshold measured it.
        public var diffCoverage: Double?
    }

    /// Seconds since 1970 of the window's start, and of the report.
    public var since: Double
    public var generated: Double
    public var pushes = Pushes()
    public var selection = Selection()
    public var slowestTests: [SlowTest] = []
    public var flakiestTests: [FlakeRate] = []
    public var fixes: [FixModel] = []
    public var failureMessages: [FailureMessage] = []
    public var timeline: [PushPoint] = []

    public init(since: Double, generated: Double) {
        self.since = since
        self.generated = generated
    }
}
