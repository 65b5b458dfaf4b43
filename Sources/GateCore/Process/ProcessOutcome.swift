import Foundation

/// How a child process ended and what it printed.
public struct ProcessOutcome: Sendable {
    /// The exit status, or 128 + signal number when the child was killed by a signal.
    public var exitCode: Int32
    /// The signal that killed the child, if any.
    public var signal: Int32?
    /// True when the timeout expired and the process group was terminated.
    public var timedOut: Bool
    /// Captured stdout; only the last `captureLimit` bytes are kept.
    public var standardOutput: [UInt8]
    /// Captured stderr; only the last `captureLimit` bytes are kept.
    public var standardError: [UInt8]
    /// Wall-clock seconds from spawn until the process group was gone.
    public var duration: Double
    /// The process group the child ran in (equal to its pid).
    public var processGroup: Int32

    public init(
        exitCode: Int32, signal: Int32?, timedOut: Bool,
        standardOutput: [UInt8], standardError: [UInt8],
        duration: Double, processGroup: Int32
    ) {
        self.exitCode = exitCode
        self.signal = signal
        self.timedOut = timedOut
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.duration = duration
        self.processGroup = processGroup
    }

    /// True when the child exited normally with status 0.
    public var succeeded: Bool { exitCode == 0 && signal == nil && !timedOut }
}
