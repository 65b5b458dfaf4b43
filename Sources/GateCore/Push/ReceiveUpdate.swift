/// One ref line of pre-receive input: `<old-oid> SP <new-oid> SP <ref-name>`.
public struct ReceiveUpdate: Sendable, Equatable, Codable {
    public let oldID: ObjectID
    public let newID: ObjectID
    public let ref: String

    public var isDeletion: Bool { newID.isZero }
    public var isCreation: Bool { oldID.isZero }
    public var isTag: Bool { ref.hasPrefix("refs/tags/") }
}

/// Parses pre-receive stdin.
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
            guard fields[2].hasPrefix("refs/") else {
                throw HookInputError(lineNumber: number, line: line, problem: "ref \(fields[2].debugDescription) does not start with refs/")
            }
            return ReceiveUpdate(oldID: old, newID: new, ref: String(fields[2]))
        }
    }
}
