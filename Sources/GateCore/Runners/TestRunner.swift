/// Runs one kind of test suite and turns the tool's report into a `SuiteResult`.
public protocol TestRunner: Sendable {
    var kind: RunnerKind { get }
    /// Tools this runner needs, with an install hint, e.g.
    /// ("python3", "apt-get install -y python3 python3-pytest  or  pip install pytest").
    var requiredTools: [(name: String, installHint: String)] { get }
    /// Runs `suite` inside `root`. All output goes to `logPath` and, chunk by chunk, to
    /// `onOutput`. `environment` is the base environment; the suite's own variables override it.
    /// Throws `ProcessError.toolNotFound` when a required tool is missing; every other
    /// problem (build error, timeout, crash, missing report) is reported in `suiteError`.
    func run(
        _ suite: SuiteDefinition,
        root: String,
        filter: TestFilter?,
        logPath: String,
        environment: [String: String],
        onOutput: (@Sendable ([UInt8]) -> Void)?
    ) throws -> SuiteResult
}
