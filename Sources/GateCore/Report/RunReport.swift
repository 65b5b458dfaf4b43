/// Everything a run found, as written to `.git/gate/reports/<run>.json` and rendered to Markdown.
public struct RunReport: Codable, Sendable {
    public struct Target: Codable, Sendable {
        public var commit: ObjectID
        public var tree: ObjectID
        public var refs: [String]
        public var workspace: String
        public var planMode: TestPlan.Mode
        public var planReason: String
        public var suites: [String]
        public var results: [SuiteResult]
        public var verifiedBefore: Bool
        public var passed: Bool
        /// Coverage thresholds (`quality:`), when set and the tests passed.
        public var quality: QualityReport? = nil

        /// Whether this commit keeps the push out: failing tests, or coverage below a threshold.
        public var blocksPush: Bool { !passed || quality?.passed == false }
    }

    public var run: String
    public var time: String
    public var mode: String
    public var verdict: Verdict
    public var refs: [RefRange]
    public var changed: [String]
    public var targets: [Target]
    public var attempts: [FixAttemptRecord]
    public var fixedCommit: ObjectID?
    public var nextSteps: [String]
    public var logDirectory: String

    /// The push's diff coverage (percent of changed executable lines that ran; the lowest over its commits), for
    /// history; nil when no threshold is set or no executable line changed.
    public var diffCoverage: Double? = nil
}

/// One fix attempt, as the report and the trail keep it.
public struct FixAttemptRecord: Codable, Sendable {
    public var attempt: Int
    public var provider: String
    public var model: String
    public var promptBytes: Int
    public var requestID: String?
    public var inputTokens: Int?
    public var outputTokens: Int?
    public var httpRetries: Int
    public var edits: [String]
    public var outcome: FixAttemptOutcome
    public var detail: String
    public var commit: ObjectID?
    public var failingAfter: Int?
    public var logPath: String?

    public init(attempt: Int, provider: String, model: String) {
        self.attempt = attempt
        self.provider = provider
        self.model = model
        promptBytes = 0
        httpRetries = 0
        edits = []
        outcome = .pending
        detail = ""
    }
}
