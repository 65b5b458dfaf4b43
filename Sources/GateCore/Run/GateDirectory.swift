import Foundation

/// gate's own files under the repository's common git dir (`.git/gate/`), never in the work tree.
public struct GateDirectory: Sendable {
    public let root: String

    public init(commonGitDirectory: String) { root = commonGitDirectory + "/gate" }

    public var events: String { root + "/events.jsonl" }
    public var reports: String { root + "/reports" }
    public var logs: String { root + "/logs" }
    public var lock: String { root + "/lock" }
    public var checkout: String { root + "/checkout" }
    public var checkoutState: String { root + "/checkout.tree" }
    public var verifiedTrees: String { root + "/verified.json" }
    public var runs: String { root + "/runs" }

    public func ensureExists(_ path: String? = nil) throws {
        try FileManager.default.createDirectory(atPath: path ?? root, withIntermediateDirectories: true)
    }
}
