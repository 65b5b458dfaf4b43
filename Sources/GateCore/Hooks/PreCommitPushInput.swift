/// gate started as a pre-commit hook: pre-commit has read git's pre-push stdin itself and passes hooks only the
/// first pushed ref, as environment variables (PRE_COMMIT_FROM_REF/TO_REF, PRE_COMMIT_LOCAL_BRANCH/REMOTE_BRANCH,
/// PRE_COMMIT_REMOTE_NAME/URL). This rebuilds the pre-push line from them, so gate never mistakes an empty stdin for
/// "nothing to push".
public enum PreCommitPushInput {
    public struct Recovered: Equatable, Sendable {
        public let line: String
        public let localRef: String
        public let remoteName: String?
    }

    /// The line pre-commit's variables describe; nil when they are absent (gate was not started by pre-commit).
    /// Without FROM/TO (pre-commit's "whole tree" case) the local ref is resolved and checked as a new ref.
    public static func recover(_ environment: [String: String], resolve: (String) -> ObjectID?) -> Recovered? {
        let local = environment["PRE_COMMIT_LOCAL_BRANCH"].flatMap { $0.isEmpty ? nil : $0 } ?? "HEAD"
        let remoteRef = environment["PRE_COMMIT_REMOTE_BRANCH"].flatMap { $0.isEmpty ? nil : $0 } ?? local
        let remoteName = environment["PRE_COMMIT_REMOTE_NAME"]
        if let to = environment["PRE_COMMIT_TO_REF"], let from = environment["PRE_COMMIT_FROM_REF"], !to.isEmpty, !from.isEmpty {
            return Recovered(line: "\(local) \(to) \(remoteRef) \(from)\n", localRef: local, remoteName: remoteName)
        }
        guard remoteName != nil, let tip = resolve(local) else { return nil }
        let zero = String(repeating: "0", count: tip.hex.count)
        return Recovered(line: "\(local) \(tip.hex) \(remoteRef) \(zero)\n", localRef: local, remoteName: remoteName)
    }
}
