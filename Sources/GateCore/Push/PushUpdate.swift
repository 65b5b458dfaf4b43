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
        "malformed hook input on line \(lineNumber): \(problem)\n  line: \(line.debugDescription)\n  git sends `<local-ref> <local-oid> <remote-ref> <remote-oid>` to pre-push and `<old-oid> <new-oid> <ref>` to pre-receive."
    }
}

/// Parses pre-push stdin. Each line is split from the right, because the local ref is what the user typed and may hold spaces.
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
                throw HookInputError(lineNumber: number, line: line, problem: "remote oid \(fields[0].debugDescription) is not a 40- or 64-digit hex id")
            }
            guard let localID = ObjectID(hex: String(fields[2])) else {
                throw HookInputError(lineNumber: number, line: line, problem: "local oid \(fields[2].debugDescription) is not a 40- or 64-digit hex id")
            }
            guard localID.hex.count == remoteID.hex.count else {
                throw HookInputError(lineNumber: number, line: line, problem: "the local and remote oids have different lengths")
            }
            let remoteRef = String(fields[1])
            guard remoteRef.hasPrefix("refs/") else {
                throw HookInputError(lineNumber: number, line: line, problem: "remote ref \(remoteRef.debugDescription) does not start with refs/")
            }
            return PushUpdate(localRef: localRef, localID: localID, remoteRef: remoteRef, remoteID: remoteID)
        }
    }
}

/// Splits hook stdin into numbered lines; a final newline is optional, blank lines and NUL bytes are errors.
enum HookInputLines {
    static func split(_ bytes: [UInt8]) throws -> [(Int, String)] {
        if bytes.isEmpty { return [] }
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map { Array($0) }
        if lines.last?.isEmpty == true { lines.removeLast() }
        return try lines.enumerated().map { offset, raw in
            let text = String(decoding: raw, as: UTF8.self)
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
