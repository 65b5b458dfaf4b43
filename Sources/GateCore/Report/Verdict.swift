/// How a gate run, or the server's check of a push, ended.
public enum Verdict: String, Codable, Sendable {
    /// Every selected test passed (or nothing but documentation changed).
    case passed
    /// Code changed that no configured or detected suite can test: the push goes through, with a warning.
    case unchecked
    /// Tests fail; the push is refused.
    case blocked
    /// Tests pass, but the push's changed lines (or the whole project) are less covered than `quality:` asks. The AI
    /// fix loop never runs for it: tests are protected, so only the author can add the missing ones.
    case belowCoverage
    /// A fix was committed; the push is refused until the fix is taken and pushed.
    case fixed
    /// The server's watchdog stopped the tests.
    case timeout
    /// The server's watchdog stopped the tests and `server.fail_open` let the push through.
    case accepted
}
