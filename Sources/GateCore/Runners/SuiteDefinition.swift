/// The test runners gate knows.
public enum RunnerKind: String, Codable, Sendable, CaseIterable { case swift, pytest, go, node, command }

/// One configured test suite.
public struct SuiteDefinition: Sendable, Equatable, Codable {
    public var name: String
    public var runner: RunnerKind
    /// Relative to the checkout root.
    public var workingDirectory: String?
    /// Seconds; nil means the default of 600.
    public var timeout: Double?
    public var environment: [String: String]
    /// For `command`: a shell command line, which may contain `{tests}`.
    public var command: String?
    /// For `command`: a JUnit XML file it writes, relative to the working directory.
    public var junitPath: String?

    public init(name: String, runner: RunnerKind, workingDirectory: String? = nil, timeout: Double? = nil,
                environment: [String: String] = [:], command: String? = nil, junitPath: String? = nil) {
        self.name = name
        self.runner = runner
        self.workingDirectory = workingDirectory
        self.timeout = timeout
        self.environment = environment
        self.command = command
        self.junitPath = junitPath
    }
}
