/// One ref line of pre-push input: `<local-ref> SP <local-oid> SP <remote-ref> SP <remote-oid>`.
public struct PushUpdate: Sendable, Equatable, Codable {
    public let localRef: String
    public let localID: ObjectID
    public let remoteRef: String
    public let remoteID: ObjectID

    public var isDeletion: Bool { localID.isZero }
    public var isNewRemoteRef: Bool { remoteID.isZero }
    public var isTag: Bool { remoteRef.hasPrefix("refs/tags/") }
}

/// Hook input that does not have the shape git documents. Names the line, never guesses.
public struct HookInputError: Error, CustomStringConvertible, Sendable {
    public let lineNumber: Int
    public let line: String
    public let problem: String
    public var description: String {
        "malformed hook input on line \(lineNumber): \(problem)\n  line: \(TerminalText.visible(line))\n  git sends `<local-ref> <local-oid> <remote-ref> <remote-oid>` to pre-push and `<old-oid> <new-oid> <ref>` to pre-receive. Nothing was checked or written."
    }
}

/// Parses pre-push stdin. Each line is split from the right, because the local ref is what the user typed and may hold spaces.
/// Every ref name is checked with git's rules before gate does any work.
public enum PrePushInput {
    public static func parse(_ bytes: [UInt8]) throws -> [PushUpdate] {
        try HookInputLines.split(bytes).map { number, line in
            var fields: [Substring] = []
            var rest = Substring(line)
            for _ in 0..<3 {
                guard let space = rest.lastIndex(of: " ") else {
                    throw HookInputError(lineNumber: number, line: line, problem: "expected 4 space-separated fields")
                }
                fields.append(rest[rest.index(after: space)...])
                rest = rest[..<space]
            }
            let localRef = String(rest)
            guard !localRef.isEmpty else {
                throw HookInputError(lineNumber: number, line: line, problem: "the local ref is empty")
            }
            guard let remoteID = ObjectID(hex: String(fields[0])) else {
                throw HookInputError(lineNumber: number, line: line, problem: "remote oid \(TerminalText.visible(String(fields[0]), limit: 70)) is not a 40- or 64-digit hex id")
            }
            guard let localID = ObjectID(hex: String(fields[2])) else {
                throw HookInputError(lineNumber: number, line: line, problem: "local oid \(TerminalText.visible(String(fields[2]), limit: 70)) is not a 40- or 64-digit hex id")
            }
            guard localID.hex.count == remoteID.hex.count else {
                throw HookInputError(lineNumber: number, line: line, problem: "the local and remote oids have different lengths")
            }
            let remoteRef = String(fields[1])
            if let problem = RefNameRules.problem(remoteRef) {
                throw HookInputError(lineNumber: number, line: line, problem: "remote ref: \(problem)")
            }
            if let problem = localRefProblem(localRef, deletion: localID.isZero) {
                throw HookInputError(lineNumber: number, line: line, problem: "local ref: \(problem)")
            }
            return PushUpdate(localRef: localRef, localID: localID, remoteRef: remoteRef, remoteID: remoteID)
        }
    }
}

extension PrePushInput {
    /// The local ref is a full ref name, `(delete)`, or the revision the user typed (`HEAD`, `HEAD~1`, an id): a full
    /// name must pass git's rules; any other text must be short and free of control characters.
    static func localRefProblem(_ localRef: String, deletion: Bool) -> String? {
        if localRef.hasPrefix("refs/") { return RefNameRules.problem(localRef) }
        if localRef.utf8.count > RefNameRules.maxBytes { return "it is \(localRef.utf8.count) bytes long (at most \(RefNameRules.maxBytes))" }
        if !TerminalText.isClean(localRef) { return "it holds control characters or escape sequences" }
        return nil
    }
}

/// Splits hook stdin into numbered lines; a final newline is optional, blank lines, NUL bytes and text that is not
/// UTF-8 are errors (a ref name gate cannot represent exactly is never guessed at).
enum HookInputLines {
    static func split(_ bytes: [UInt8]) throws -> [(Int, String)] {
        if bytes.isEmpty { return [] }
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map { Array($0) }
        if lines.last?.isEmpty == true { lines.removeLast() }
        return try lines.enumerated().map { offset, raw in
            let text = String(decoding: raw, as: UTF8.self)
            if String(validating: raw, as: UTF8.self) == nil {
                throw HookInputError(lineNumber: offset + 1, line: text, problem: "the line is not UTF-8 text")
            }
            if raw.isEmpty {
                throw HookInputError(lineNumber: offset + 1, line: text, problem: "the line is empty")
            }
            if raw.contains(0) || raw.contains(13) {
                throw HookInputError(lineNumber: offset + 1, line: text, problem: "the line holds a NUL or carriage return")
            }
            return (offset + 1, text)
        }
    }
}
