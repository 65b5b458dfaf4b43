import CLibGit2

/// A git object id as lowercase hex.
public struct ObjectID: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public let hex: String

    public init?(hex: String) {
        let lower = hex.lowercased()
        guard (lower.count == 40 || lower.count == 64), lower.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else {
            return nil
        }
        self.hex = lower
    }

    init(_ oid: git_oid) {
        var copy = oid
        var buffer = [UInt8](repeating: 0, count: Int(GIT_OID_HEXSZ))
        buffer.withUnsafeMutableBufferPointer { raw in
            raw.baseAddress!.withMemoryRebound(to: CChar.self, capacity: raw.count) { _ = git_oid_fmt($0, &copy) }
        }
        hex = String(decoding: buffer, as: UTF8.self)
    }

    /// An all-zero id (40 or 64 characters): "no object" in hook input.
    public var isZero: Bool { hex.utf8.allSatisfy { $0 == 48 } }

    public var short: String { String(hex.prefix(10)) }

    public var description: String { hex }

    public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool { lhs.hex < rhs.hex }

    /// The libgit2 form; fails for ids this libgit2 cannot represent (SHA-256).
    func raw() throws -> git_oid {
        var oid = git_oid()
        try check(git_oid_fromstr(&oid, hex), "git_oid_fromstr")
        return oid
    }
}
