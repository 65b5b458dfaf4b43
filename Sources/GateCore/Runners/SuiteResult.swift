/// The verdict and details of one suite run.
public struct SuiteResult: Codable, Sendable {
    public var suite: String
    public var runner: RunnerKind
    public var passed: Int
    public var failed: Int
    public var errored: Int
    public var skipped: Int
    /// Every reported case (passing ones included when the tool reports them).
    public var cases: [TestCaseResult]
    /// Why the suite as a whole could not be judged: build error, timeout, crash,
    /// missing result file, ... Any value makes the verdict a failure.
    public var suiteError: String?
    public var timedOut: Bool
    /// Seconds.
    public var duration: Double
    public var logPath: String?
    public var exitCode: Int32?
    /// Informational remarks, e.g. which Go packages were served from the test cache.
    public var notes: [String]

    public var verdictPassed: Bool { failed == 0 && errored == 0 && suiteError == nil }

    /// The cases that failed, then passed on re-run.
    public var flakyCases: [TestCaseResult] { cases.filter { $0.flaky == true } }

    /// Builds a result whose counts are derived from `cases`.
    public init(
        suite: String,
        runner: RunnerKind,
        cases: [TestCaseResult],
        suiteError: String? = nil,
        timedOut: Bool = false,
        duration: Double = 0,
        logPath: String? = nil,
        exitCode: Int32? = nil,
        notes: [String] = []
    ) {
        self.suite = suite
        self.runner = runner
        self.cases = cases
        self.passed = cases.count(where: { $0.status == .passed })
        self.failed = cases.count(where: { $0.status == .failed })
        self.errored = cases.count(where: { $0.status == .errored })
        self.skipped = cases.count(where: { $0.status == .skipped })
        self.suiteError = suiteError
        self.timedOut = timedOut
        self.duration = duration
        self.logPath = logPath
        self.exitCode = exitCode
        self.notes = notes
    }
}

extension SuiteResult {
    /// The result for an empty selection: nothing ran, nothing failed.
    static func nothingSelected(_ suite: SuiteDefinition) -> SuiteResult {
        SuiteResult(suite: suite.name, runner: suite.runner, cases: [], logPath: nil,
                    notes: ["the filter selected no tests; nothing was run"])
    }

    /// The result when a runner's reporter or plugin under `Templates/` is missing: the suite could not run.
    static func missingTemplate(_ name: String, suite: SuiteDefinition, runner: RunnerKind, logPath: String) -> SuiteResult {
        SuiteResult(suite: suite.name, runner: runner, cases: [],
                    suiteError: "gate's Templates/\(name) is missing; reinstall gate (install.sh)", logPath: logPath)
    }
}

extension SuiteResult {
    /// The same run with other cases (counts recomputed) and extra notes.
    func replacingCases(_ cases: [TestCaseResult], addingNotes extra: [String] = []) -> SuiteResult {
        SuiteResult(suite: suite, runner: runner, cases: cases, suiteError: suiteError, timedOut: timedOut,
                    duration: duration, logPath: logPath, exitCode: exitCode, notes: notes + extra)
    }
}
