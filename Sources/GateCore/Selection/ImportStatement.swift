/// One import as written in a source file, before resolution.
///
/// - Python: `module` is the dotted name after `import`/`from`, `level` counts leading dots,
///   `names` are the names after `from … import` (empty for a plain `import`).
/// - JavaScript/TypeScript: `module` is the specifier string.
/// - Go: `module` is the import path.
public struct ImportStatement: Sendable, Hashable, Codable {
    public var module: String
    public var level: Int
    public var names: [String]

    public init(module: String, level: Int = 0, names: [String] = []) {
        self.module = module
        self.level = level
        self.names = names
    }

    private enum CodingKeys: String, CodingKey { case module = "m", level = "l", names = "n" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        module = try container.decode(String.self, forKey: .module)
        level = try container.decodeIfPresent(Int.self, forKey: .level) ?? 0
        names = try container.decodeIfPresent([String].self, forKey: .names) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(module, forKey: .module)
        if level != 0 { try container.encode(level, forKey: .level) }
        if !names.isEmpty { try container.encode(names, forKey: .names) }
    }
}
