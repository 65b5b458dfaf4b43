/// Why gate runs: the hook it serves, or the command that asked.
public enum RunMode: String, Sendable, Codable {
    case prePush = "pre-push"
    case preReceive = "pre-receive"
    /// `gate run`, by hand or in CI.
    case run
    /// `gate plan`: selection and shards, no tests.
    case plan
}
