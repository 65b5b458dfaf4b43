/// The blocks of one blob of a Python file, by qualified name (`Color.downgrade`, `Color`, `<module>`),
/// or why the blob could not be parsed.
public struct BlockTable: Sendable, Hashable, Codable {
    public static let moduleBlock = "<module>"

    public var blocks: [String: CodeBlock]
    public var error: String?

    public init(blocks: [String: CodeBlock] = [:], error: String? = nil) {
        self.blocks = blocks
        self.error = error
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        blocks = try container.decodeIfPresent([String: CodeBlock].self, forKey: .blocks) ?? [:]
        error = try container.decodeIfPresent(String.self, forKey: .error)
    }

    /// Names of the blocks that differ between `self` (older) and `newer`: changed hash, added or removed.
    public func changedBlocks(comparedTo newer: BlockTable) -> [String] {
        Set(blocks.keys).union(newer.blocks.keys).filter { blocks[$0]?.hash != newer.blocks[$0]?.hash }.sorted()
    }
}
