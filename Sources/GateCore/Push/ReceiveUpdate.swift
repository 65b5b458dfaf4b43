/// One ref line of pre-receive input: `<old-oid> SP <new-oid> SP <ref-name>`.
public struct ReceiveUpdate: Sendable, Equatable, Codable {
    public let oldID: ObjectID
    public let newID: ObjectID
    public let ref: String

    public var isDeletion: Bool { newID.isZero }
    public var isCreation: Bool { oldID.isZero }
    public var isTag: Bool { ref.hasPrefix("refs/tags/") }
}

/// Parses pre-receive stdin; every ref name is checked with git's rules before gate does any work.
public enum PreReceiveInput {
    public static func parse(_ bytes: [UInt8]) throws -> [ReceiveUpdate] {
        try HookInputLines.split(bytes).map { number, line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 3 else {
                throw HookInputError(lineNumber: number, line: line, problem: "expected 3 space-separated fields")
            }
            guard let old = ObjectID(hex: String(fields[0])), let new = ObjectID(hex: String(fields[1])) else {
                throw HookInputError(lineNumber: number, line: line, problem: "an oid is not a 40- or 64-digit hex id")
            }
            if let problem = RefNameRules.problem(String(fields[2])) {
                throw HookInputError(lineNumber: number, line: line, problem: problem)
            }
            guard old.hex.count == new.hex.count else {
                throw HookInputError(lineNumber: number, line: line, problem: "the old and new oids have different lengths")
            }
            return ReceiveUpdate(oldID: old, newID: new, ref: String(fields[2]))
        }
    }
}
