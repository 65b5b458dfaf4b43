/// Refuses a provider's edits when one would write a secret: a known key value anywhere in its new text, a token
/// shape that the text it replaces did not already hold, or any content into a secret-pattern file. Runs before anything is written, so a refused reply leaves
/// no trace in the work tree, the fix directory, a commit or the object database.
public struct SecretScanner: Sendable {
    public let redactor: SecretRedactor
    public let paths: SecretPathRule

    public init(redactor: SecretRedactor, paths: SecretPathRule = SecretPathRule()) {
        self.redactor = redactor
        self.paths = paths
    }

    /// The first edit that carries a secret, or nil.
    public func leak(in edits: [FileEdit]) -> SecretLeak? {
        for (offset, edit) in edits.enumerated() {
            if let glob = paths.matchingGlob(edit.path) {
                return SecretLeak(block: offset + 1, path: edit.path, what: "a file that may hold secrets (matches `\(glob)`)")
            }
            let before = Set(redactor.findings(in: edit.search))
            let known = redactor.findings(in: edit.path + "\n" + edit.replace).filter { $0.hasPrefix("the value of ") || !before.contains($0) }
            if let first = known.first { return SecretLeak(block: offset + 1, path: edit.path, what: first) }
        }
        return nil
    }
}

/// An edit refused because it would write a secret. The description never quotes it.
public struct SecretLeak: Error, Sendable, Equatable, CustomStringConvertible {
    public var block: Int
    public var path: String
    /// e.g. "the value of OPENAI_API_KEY" or a token shape's label.
    public var what: String

    public var description: String {
        "Edit block \(block) (\(path)) was refused: it would write \(what) into the repository. Nothing was applied. "
            + "Never put credentials in code; read them from the environment."
    }
}
