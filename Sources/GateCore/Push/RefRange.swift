/// What one pushed ref asks gate to check: the commit to test and the files it changes.
public struct RefRange: Sendable, Codable, Equatable {
    public enum Scope: String, Sendable, Codable {
        /// The ref is deleted: nothing to test.
        case deletion
        /// The ref names a tag of a tree or blob: nothing to test.
        case notACommit
        /// Every pushed commit is already on the remote.
        case nothingNew
        /// The files between `bases` and `tip`.
        case range
        /// Every file of the tip's tree counts (a root commit, or the walk cap was hit).
        case wholeTree
    }

    public let ref: String
    /// The local ref the user pushed (pre-push only), where a fix may be delivered.
    public var localRef: String? = nil
    public let scope: Scope
    public let tip: ObjectID?
    public let tipTree: ObjectID?
    public let bases: [ObjectID]
    public let changes: [FileChange]
    /// One line saying how the range was chosen.
    public let note: String

    public var needsTests: Bool { (scope == .range || scope == .wholeTree) && !changes.isEmpty }

    /// The range as text, e.g. `abc1234..def5678`.
    public var display: String {
        guard let tip else { return "-" }
        if bases.isEmpty { return scope == .wholeTree ? "(whole tree)..\(tip.short)" : tip.short }
        return bases.map(\.short).joined(separator: ",") + ".." + tip.short
    }
}
