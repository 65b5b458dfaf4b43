/// The settings of `.gate.yml` (version 1), with defaults for everything left out.
public struct GateConfig: Sendable, Equatable {
    public var suites: [SuiteDefinition] = []
    /// Where `suites` come from: the file, or detection from the tree (no `.gate.yml`, or one without `suites:`).
    public var suiteSource = SuiteSource.configFile
    public var selection = SelectionSettings()
    public var fix = FixSettings()
    public var run = RunSettings()
    public var server = ServerSettings()
    public var history = HistorySettings()
    public var flaky = FlakySettings()
    public var report = ReportSettings()
    /// `quality:` coverage thresholds (`QualitySettings`).
    public var quality = QualitySettings()

    public init() {}

    public struct ReportSettings: Sendable, Equatable {
        public init() {}
        /// Where each run writes its JUnit XML file (relative to the repository's work tree); nil writes none.
        public var junit: String?
    }

    public enum SuiteSource: Sendable, Equatable {
        case configFile
        case detectedWithoutConfigFile
        case detectedWithoutSuitesKey
    }

    public struct SelectionSettings: Sendable, Equatable {
        public init() {}
        /// A changed path matching one of these runs every test.
        public var always: [String] = []
        /// A changed path matching one of these affects no test.
        public var ignore: [String] = []
        /// Record per-test coverage in pytest runs and select Python tests by the blocks they executed.
        public var coverage = true
        /// Decorator names that memoise, on top of functools.cache, lru_cache and cached_property.
        public var cacheDecorators: [String] = []
    }

    public struct FixSettings: Sendable, Equatable {
        public init() {}
        public var provider: String?
        public var model: String?
        public var baseURL: String?
        public var maxTokens: Int?
        public var timeout: Double?
        public var numCtx: Int?
        public var command: String?
        public var maxAttempts = 3
        public var repush = false
        public var promptTemplate: String?
        public var protectedPaths: [String] = []
        public var secretPaths: [String] = []
        public var sourceBudget = 60_000
        /// Bytes of a provider's reply gate reads before it stops and refuses the reply.
        public var maxReplyBytes = 1 << 20
        /// The most files, and changed lines, one fix may touch.
        public var maxFiles = EditLimits.defaultMaxFiles
        public var maxChangedLines = EditLimits.defaultMaxChangedLines
    }

    public struct RunSettings: Sendable, Equatable {
        public init() {}
        /// The most commits a new ref's walk may visit before every file counts.
        public var maxCommits = 1000
        /// Seconds to wait for another gate run on the same repository.
        public var lockWait: Double = 600
        /// Bytes one suite's log may hold; the middle of a longer output is cut (head and tail kept).
        public var logLimit = SuiteExecutor.defaultLogLimit
        /// How many past runs keep their logs, reports and checkouts.
        public var retention = RunRetention()
        /// The pre-push hook runs the selected units, shortest expected first, up to this many seconds in all and
        /// defers the rest to CI, saying so (`run.local_budget_seconds`); nil runs everything selected.
        public var localBudgetSeconds: Double?
    }

    public struct ServerSettings: Sendable, Equatable {
        public init() {}
        public var timeout: Double = 900
        public var failOpen = false
        public var allowSkip = false
        public var protectFromDeletion: [String] = []
        /// `check`, `allow` or `reject`.
        public var tags = "check"
    }
}
