/// What the index knows about one tracked file.
public struct IndexEntry: Sendable, Hashable, Codable {
    /// The blob the entry was computed from.
    public var blobID: String
    public var language: SourceLanguage
    /// What the file depends on: repo paths of imported files (kept even when the file is gone,
    /// so deleting a module still reaches its importers), Go package directories, or `swift-target:<Name>` (for a
    /// Swift test file, the executables and plugins it names in string literals).
    public var edges: [String]
    /// Imports that matched no tracked file, as keys a deleted path can be matched against:
    /// a dotted Python module name, or `/`+repo path without extension for relative imports; and third-party imports,
    /// `npm:<package>` (JS/TS) and `go:<import path>` (Go), which changed dependencies are matched against.
    public var unresolved: [String]
    /// The unit the file belongs to: `swift-target:<Name>` for files of a SwiftPM target, the package
    /// directory (`.` for the root) for Go files. The unit depends on all of its files.
    public var owner: String?
    /// The file is a test the runner can be given (or, for Go and Swift, makes its unit a test unit).
    public var isTest: Bool
    /// The scanner could not read the file's imports; see `TestSelector` for the conservative rule.
    public var unparseable: Bool
    /// A Swift test file that calls a process-launching API: its target may run any executable of its package
    /// (`RunnableTargetRule`).
    public var launchesProcesses: Bool
    /// A Python file that reads functions' annotations or defaults: signature changes are never narrowed by
    /// binding (`gate_name_flow.py`'s `Binding`).
    public var readsSignatures: Bool

    public init(
        blobID: String, language: SourceLanguage, edges: [String] = [], unresolved: [String] = [],
        owner: String? = nil, isTest: Bool = false, unparseable: Bool = false, launchesProcesses: Bool = false,
        readsSignatures: Bool = false
    ) {
        self.blobID = blobID
        self.language = language
        self.edges = edges
        self.unresolved = unresolved
        self.owner = owner
        self.isTest = isTest
        self.unparseable = unparseable
        self.launchesProcesses = launchesProcesses
        self.readsSignatures = readsSignatures
    }

    private enum CodingKeys: String, CodingKey {
        case blobID = "b", language = "l", edges = "e", unresolved = "r", owner = "o", isTest = "t", unparseable = "u", launchesProcesses = "x"
        case readsSignatures = "s"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        blobID = try container.decode(String.self, forKey: .blobID)
        language = try container.decode(SourceLanguage.self, forKey: .language)
        edges = try container.decodeIfPresent([String].self, forKey: .edges) ?? []
        unresolved = try container.decodeIfPresent([String].self, forKey: .unresolved) ?? []
        owner = try container.decodeIfPresent(String.self, forKey: .owner)
        isTest = try container.decodeIfPresent(Bool.self, forKey: .isTest) ?? false
        unparseable = try container.decodeIfPresent(Bool.self, forKey: .unparseable) ?? false
        launchesProcesses = try container.decodeIfPresent(Bool.self, forKey: .launchesProcesses) ?? false
        readsSignatures = try container.decodeIfPresent(Bool.self, forKey: .readsSignatures) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(blobID, forKey: .blobID)
        try container.encode(language, forKey: .language)
        if !edges.isEmpty { try container.encode(edges, forKey: .edges) }
        if !unresolved.isEmpty { try container.encode(unresolved, forKey: .unresolved) }
        try container.encodeIfPresent(owner, forKey: .owner)
        if isTest { try container.encode(true, forKey: .isTest) }
        if unparseable { try container.encode(true, forKey: .unparseable) }
        if launchesProcesses { try container.encode(true, forKey: .launchesProcesses) }
        if readsSignatures { try container.encode(true, forKey: .readsSignatures) }
    }
}
