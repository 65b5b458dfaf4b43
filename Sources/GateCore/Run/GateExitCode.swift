/// gate's documented exit codes (cli-contract.md).
public enum GateExitCode: Int32, Sendable {
    /// Passed, or nothing to check.
    case passed = 0
    /// Blocked: tests fail, or a fix was committed and must be re-pushed.
    case blocked = 1
    /// Misuse or invalid configuration.
    case misuse = 2
    /// gate itself could not run.
    case internalFailure = 3
}
