import Foundation

/// Withholds the content of secret-pattern files from a unified diff: each such file's section keeps one line saying it
/// changed, and loses its hunks. Files are recognised by the `diff --git`, `---` and `+++` lines of their section.
public struct SecretDiffFilter: Sendable {
    public let rule: SecretPathRule

    public init(rule: SecretPathRule) {
        self.rule = rule
    }

    public func filter(_ diff: String) -> String {
        var output: [Substring] = []
        var section: [Substring] = []
        func flush() {
            guard !section.isEmpty else { return }
            let paths = section.prefix(8).compactMap(Self.path(in:))
            if let secret = paths.first(where: rule.isSecret) {
                output.append(Substring("diff --git a/\(secret) b/\(secret)"))
                output.append(Substring("(this file changed; its content is withheld because it may hold secrets: matches `\(rule.matchingGlob(secret) ?? "")`)"))
            } else {
                output += section
            }
            section = []
        }
        for line in diff.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("diff --git ") || (line.hasPrefix("--- ") && !section.contains { $0.hasPrefix("diff --git ") } && section.contains { $0.hasPrefix("@@") }) {
                flush()
            }
            section.append(line)
        }
        flush()
        return output.joined(separator: "\n")
    }

    /// The path a header line names: `diff --git a/x b/x` (both sides checked by the caller through `---`/`+++`).
    static func path(in line: Substring) -> String? {
        if line.hasPrefix("+++ ") || line.hasPrefix("--- ") {
            let name = line.dropFirst(4)
            if name == "/dev/null" { return nil }
            return String(name.hasPrefix("a/") || name.hasPrefix("b/") ? name.dropFirst(2) : name).trimmingCharacters(in: .init(charactersIn: "\""))
        }
        if line.hasPrefix("diff --git "), let bSide = line.range(of: " b/", options: .backwards) {
            return String(line[bSide.upperBound...])
        }
        if line.hasPrefix("rename from ") || line.hasPrefix("rename to ") || line.hasPrefix("copy from ") || line.hasPrefix("copy to ") {
            return String(line.split(separator: " ", maxSplits: 2).last ?? "")
        }
        return nil
    }
}
