/// One configured test suite: what to run and where.
public struct SuiteDefinition: Sendable, Equatable, Codable {
    /// The seconds a suite may run when `timeout` is not set.
    public static let defaultTimeout: Double = 600

    public var name: String
    public var runner: RunnerKind
    /// Relative to the checkout root; `nil` means the root itself.
    public var workingDirectory: String?
    /// Seconds; `defaultTimeout` when nil.
    public var timeout: Double?
    /// Extra environment variables, overriding the inherited ones.
    public var environment: [String: String]
    /// For `.command`: a shell command line; `{tests}` is replaced by the selected test ids.
    public var command: String?
    /// For `.command`: a JUnit XML report the command writes, relative to the working directory.
    public var junitPath: String?
    /// `python:` — the interpreter (or virtualenv) this suite's tools come from; see `ToolEnvironment`.
    public var python: String?
    /// `path:` — directories searched before PATH for this suite's tools; see `ToolEnvironment`.
    public var toolPath: [String]?

    public init(
        name: String,
        runner: RunnerKind,
        workingDirectory: String? = nil,
        timeout: Double? = nil,
        environment: [String: String] = [:],
        command: String? = nil,
        junitPath: String? = nil
    ) {
        self.name = name
        self.runner = runner
        self.workingDirectory = workingDirectory
        self.timeout = timeout
        self.environment = environment
        self.command = command
        self.junitPath = junitPath
    }

    /// The timeout actually applied.
    public var effectiveTimeout: Double { timeout ?? Self.defaultTimeout }

    private enum CodingKeys: String, CodingKey {
        case name, runner, workingDirectory, timeout, environment, command, junitPath, python, toolPath
    }

    /// Decodes a suite; a missing `environment` means no extra variables.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        runner = try container.decode(RunnerKind.self, forKey: .runner)
        workingDirectory = try container.decodeIfPresent(String.self, forKey: .workingDirectory)
        timeout = try container.decodeIfPresent(Double.self, forKey: .timeout)
        environment = try container.decodeIfPresent([String: String].self, forKey: .environment) ?? [:]
        command = try container.decodeIfPresent(String.self, forKey: .command)
        junitPath = try container.decodeIfPresent(String.self, forKey: .junitPath)
        python = try container.decodeIfPresent(String.self, forKey: .python)
        toolPath = try container.decodeIfPresent([String].self, forKey: .toolPath)
    }
}
