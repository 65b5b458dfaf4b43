import Foundation

/// Everything needed to start one child process.
public struct ProcessSpec: Sendable {
    /// Absolute path, or a bare name resolved via the `PATH` of `environment`.
    public var executable: String
    public var arguments: [String]
    /// The complete environment of the child (not merged with the parent's).
    public var environment: [String: String]
    /// Directory the child starts in; `nil` keeps the parent's.
    public var workingDirectory: String?
    /// Bytes written to the child's stdin, which is then closed; `nil` connects stdin to /dev/null.
    public var standardInput: [UInt8]?
    /// Seconds after which the whole process group is terminated; `nil` waits forever.
    public var timeout: Double?

    public init(
        executable: String,
        arguments: [String] = [],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: String? = nil,
        standardInput: [UInt8]? = nil,
        timeout: Double? = nil
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.standardInput = standardInput
        self.timeout = timeout
    }
}
