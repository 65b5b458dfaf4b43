/// Which shard of how many: `gate run --shard K/N` runs shard K (1-based) of N.
public struct ShardSpec: Sendable, Equatable, CustomStringConvertible {
    /// Plans of more shards than this are refused: no CI matrix is that wide, and a typo should not start thousands.
    public static let maximumCount = 256

    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) throws {
        guard count >= 1, count <= Self.maximumCount else {
            throw ShardSpecError(text: "\(index)/\(count)", reason: "N must be between 1 and \(Self.maximumCount)")
        }
        guard index >= 1, index <= count else {
            throw ShardSpecError(text: "\(index)/\(count)", reason: "K must be between 1 and N (shards are numbered from 1)")
        }
        self.index = index
        self.count = count
    }

    /// Parses `K/N`.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw ShardSpecError(text: text, reason: "write it as K/N, e.g. 2/4 for the second of four shards")
        }
        try self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }
}

/// A `--shard` or `--shards` value that cannot be used, with what to write instead.
public struct ShardSpecError: Error, CustomStringConvertible {
    public let text: String
    public let reason: String
    public var description: String { "--shard \(text.debugDescription): \(reason)." }
}
