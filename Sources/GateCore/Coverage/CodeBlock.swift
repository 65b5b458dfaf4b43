/// One block of a Python file, as `Templates/gate_blocks.py` describes it: a function or method body, a class
/// body, or the module's own statements (`<module>`).
public struct CodeBlock: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable { case function, `class`, module }

    public var kind: Kind
    /// Hash of the block's syntax tree (comments, formatting and position do not count).
    public var hash: String
    /// Dotted names of its decorators (`functools.lru_cache`).
    public var decorators: [String]
    /// Code that runs at import time in the same file calls it or decorates with it.
    public var calledAtImport: Bool
    /// It declares `global` state, so one test's call can change what later tests see (a `nonlocal` in a nested
    /// function is state of one call).
    public var stateful: Bool
    /// A function's hash without the annotations that are never evaluated (nil in data recorded before it): equal on
    /// two versions, the function does the same (only code reading its signature can tell).
    public var behaviour: String?

    public init(kind: Kind, hash: String, decorators: [String] = [], calledAtImport: Bool = false, stateful: Bool = false,
                behaviour: String? = nil) {
        self.kind = kind
        self.hash = hash
        self.decorators = decorators
        self.calledAtImport = calledAtImport
        self.stateful = stateful
        self.behaviour = behaviour
    }

    /// Both versions do the same when run or defined: only never-evaluated annotations differ.
    func behavesLike(_ other: CodeBlock) -> Bool {
        kind == .function && other.kind == .function && behaviour != nil && behaviour == other.behaviour
    }

    private enum CodingKeys: String, CodingKey {
        case kind = "k", hash = "h", decorators = "d", calledAtImport = "i", stateful = "g", behaviour = "b"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(Kind.self, forKey: .kind)
        hash = try container.decode(String.self, forKey: .hash)
        decorators = try container.decodeIfPresent([String].self, forKey: .decorators) ?? []
        calledAtImport = try container.decodeIfPresent(Bool.self, forKey: .calledAtImport) ?? false
        stateful = try container.decodeIfPresent(Bool.self, forKey: .stateful) ?? false
        behaviour = try container.decodeIfPresent(String.self, forKey: .behaviour)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(hash, forKey: .hash)
        if !decorators.isEmpty { try container.encode(decorators, forKey: .decorators) }
        if calledAtImport { try container.encode(true, forKey: .calledAtImport) }
        if stateful { try container.encode(true, forKey: .stateful) }
        try container.encodeIfPresent(behaviour, forKey: .behaviour)
    }
}
