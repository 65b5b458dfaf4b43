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

    /// The report format, `gate.report/1` (`Templates/schema/gate.report-1.schema.json`); a new major number means
    /// a field changed meaning or went away.
    public var schema: String = RunReport.schemaID
    /// The gate that wrote it.
    public var gateVersion: String = GateVersion.current
    public var run: String
    public var time: String
    public var mode: RunMode
    public var verdict: Verdict
    public var refs: [RefRange]
    public var changed: [String]
    public var targets: [Target]
    public var attempts: [FixAttemptRecord]
    public var fixedCommit: ObjectID?
    public var nextSteps: [String]
    public var logDirectory: String
    /// `K/N` when the run was one shard of a plan (`gate run --shard`); `gate report merge` checks that all N came.
    public var shard: String?
    /// The shard reports a merged report was made of (`gate report merge`).
    public var mergedFrom: [String]?

    public static let schemaID = "gate.report/1"
    /// The push's diff coverage (percent of changed executable lines that ran; the lowest over its commits), for
    /// history; nil when no threshold is set or no executable line changed.
    public var diffCoverage: Double? = nil


    /// Every flaky test of the run: it failed, then passed when re-run by its own id.
    public var flaky: [FlakyTest] {
        targets.flatMap { target in
            target.results.flatMap { result in
                result.flakyCases.map { FlakyTest(suite: result.suite, id: $0.name, commit: target.commit, firstMessage: $0.message) }
            }
        }
    }

    enum CodingKeys: String, CodingKey {
        case schema, gateVersion, run, time, mode, verdict, refs, changed, targets, attempts, fixedCommit, nextSteps, logDirectory, flaky, shard, mergedFrom
        case diffCoverage
    }

    public init(run: String, time: String, mode: RunMode, verdict: Verdict, refs: [RefRange], changed: [String], targets: [Target],
                attempts: [FixAttemptRecord], fixedCommit: ObjectID?, nextSteps: [String], logDirectory: String) {
        self.run = run
        self.time = time
        self.mode = mode
        self.verdict = verdict
        self.refs = refs
        self.changed = changed
        self.targets = targets
        self.attempts = attempts
        self.fixedCommit = fixedCommit
        self.nextSteps = nextSteps
        self.logDirectory = logDirectory
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        schema = try container.decodeIfPresent(String.self, forKey: .schema) ?? "gate.report/0"
        gateVersion = try container.decodeIfPresent(String.self, forKey: .gateVersion) ?? "unknown"
        run = try container.decode(String.self, forKey: .run)
        time = try container.decode(String.self, forKey: .time)
        mode = try container.decode(RunMode.self, forKey: .mode)
        verdict = try container.decode(Verdict.self, forKey: .verdict)
        refs = try container.decode([RefRange].self, forKey: .refs)
        changed = try container.decode([String].self, forKey: .changed)
        targets = try container.decode([Target].self, forKey: .targets)
        attempts = try container.decode([FixAttemptRecord].self, forKey: .attempts)
        fixedCommit = try container.decodeIfPresent(ObjectID.self, forKey: .fixedCommit)
        nextSteps = try container.decode([String].self, forKey: .nextSteps)
        logDirectory = try container.decode(String.self, forKey: .logDirectory)
        diffCoverage = try container.decodeIfPresent(Double.self, forKey: .diffCoverage)
        shard = try container.decodeIfPresent(String.self, forKey: .shard)
        mergedFrom = try container.decodeIfPresent([String].self, forKey: .mergedFrom)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schema, forKey: .schema)
        try container.encode(gateVersion, forKey: .gateVersion)
        try container.encode(run, forKey: .run)
        try container.encode(time, forKey: .time)
        try container.encode(mode, forKey: .mode)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(refs, forKey: .refs)
        try container.encode(changed, forKey: .changed)
        try container.encode(targets, forKey: .targets)
        try container.encode(attempts, forKey: .attempts)
        try container.encodeIfPresent(fixedCommit, forKey: .fixedCommit)
        try container.encode(nextSteps, forKey: .nextSteps)
        try container.encode(logDirectory, forKey: .logDirectory)
        try container.encode(flaky, forKey: .flaky)
        try container.encodeIfPresent(diffCoverage, forKey: .diffCoverage)
        try container.encodeIfPresent(shard, forKey: .shard)
        try container.encodeIfPresent(mergedFrom, forKey: .mergedFrom)
    }
}

/// A test that failed, then passed on re-run, as the report lists it.
public struct FlakyTest: Codable, Sendable {
    public var suite: String
    public var id: String
    public var commit: ObjectID
    /// The first run's failure message.
    public var firstMessage: String?
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
    /// The unified diff the attempt applied (its commit against the commit it was made on), secrets redacted.
    public var diff: String?
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
