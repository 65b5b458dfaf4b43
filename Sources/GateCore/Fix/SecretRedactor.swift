import Foundation

/// Replaces secrets with `<redacted>`: the values of every environment variable gate knows to be a key, any other
/// known value (the resolved API key, values from secret files), and well-known token shapes.
public struct SecretRedactor: Sendable {
    public static let placeholder = "<redacted>"
    /// Shorter values are not redacted: a key variable set to `1` or `test` would otherwise wipe ordinary text.
    public static let minimumValueLength = 8
    /// Variable names whose values are always keys.
    public static let knownKeyVariables: Set<String> = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY"]
    static let keyVariableSuffixes = ["_API_KEY", "_APIKEY", "_TOKEN", "_SECRET", "PASSWORD", "_SECRET_KEY", "_ACCESS_KEY", "_PRIVATE_KEY"]

    /// Known secret values, longest first (so a value containing another is redacted whole), each with where it came from.
    public let knownValues: [(value: String, source: String)]

    /// Secrets from `environment` plus `extraValues` (named by their source, e.g. `the API key`).
    public init(environment: [String: String], extraValues: [(value: String, source: String)] = []) {
        var values = environment.filter { Self.isKeyVariable($0.key) }.map { (value: $0.value, source: $0.key) }
        values += extraValues
        var seen = Set<String>()
        knownValues = values.map { (value: $0.value.trimmingCharacters(in: .whitespacesAndNewlines), source: $0.source) }
            .filter { $0.value.count >= Self.minimumValueLength && seen.insert($0.value).inserted }
            .sorted { $0.value.count > $1.value.count }
    }

    /// True for OPENAI_API_KEY, ANTHROPIC_API_KEY and any `*_API_KEY`, `*_TOKEN`, `*_SECRET`, `*PASSWORD` (and similar) name.
    public static func isKeyVariable(_ name: String) -> Bool {
        let upper = name.uppercased()
        return knownKeyVariables.contains(upper) || keyVariableSuffixes.contains { upper.hasSuffix($0) }
    }

    /// `text` with every known value and token shape replaced by the placeholder.
    public func redact(_ text: String) -> String {
        var output = knownValues.reduce(text) { $0.contains($1.value) ? $0.replacingOccurrences(of: $1.value, with: Self.placeholder) : $0 }
        var merged: [Range<String.Index>] = []
        for range in SecretTokenShape.matches(in: output).map(\.range).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        for range in merged.reversed() { output.replaceSubrange(range, with: Self.placeholder) }
        return output
    }

    /// What secrets `text` holds, named by source or shape; never the values themselves.
    public func findings(in text: String) -> [String] {
        let known = knownValues.filter { text.contains($0.value) }.map { "the value of \($0.source)" }
        let shapes = SecretTokenShape.matches(in: text).map(\.shape.label)
        var seen = Set<String>()
        return (known + shapes).filter { seen.insert($0).inserted }
    }

    /// Values worth redacting from a secret-pattern file's text: each whole line, and its value after the first `=` or
    /// `:` (dotenv, netrc, credentials files). Only the first `maximumFileLines` lines: a certificate bundle is public,
    /// and thousands of values would slow every prompt down; its private keys are caught by shape.
    public static let maximumFileLines = 200

    public static func values(inSecretFile text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).prefix(maximumFileLines).flatMap { line -> [String] in
            var candidates = [Substring(line)]
            if let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) { candidates.append(line[line.index(after: separator)...]) }
            return candidates.map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) }
                .filter { $0.count >= minimumValueLength }
        }
    }
}
