/// What `Templates/gate_name_flow.py` answers for one changed Python file that coverage alone cannot speak for
/// (module-level, cached or import-time changes): why the change cannot be followed by name, or the changed names
/// and where they are mentioned.
public struct NameFlow: Sendable, Hashable, Decodable {
    /// Why the file's whole import closure must run instead; nil when the names could be followed.
    public var fallback: String?
    /// The names whose meaning changed, the changed file's and those derived from them at import time.
    public var names: [String]
    /// Source path → function block → the changed name it mentions.
    public var blocks: [String: [String: String]]
    /// Test file → pytest id below the file (`TestX::test_y`, or `*` for the whole file) → the name it mentions.
    public var tests: [String: [String: String]]
    /// Module → why the names cannot be followed through it: its own import closure runs (not the changed file's).
    public var closures: [String: String]

    public init(fallback: String? = nil, names: [String] = [], blocks: [String: [String: String]] = [:],
                tests: [String: [String: String]] = [:], closures: [String: String] = [:]) {
        self.fallback = fallback
        self.names = names
        self.blocks = blocks
        self.tests = tests
        self.closures = closures
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        fallback = try container.decodeIfPresent(String.self, forKey: .fallback)
        names = try container.decodeIfPresent([String].self, forKey: .names) ?? []
        blocks = try container.decodeIfPresent([String: [String: String]].self, forKey: .blocks) ?? [:]
        tests = try container.decodeIfPresent([String: [String: String]].self, forKey: .tests) ?? [:]
        closures = try container.decodeIfPresent([String: String].self, forKey: .closures) ?? [:]
    }

    private enum CodingKeys: String, CodingKey { case fallback, names, blocks, tests, closures }
}

/// One changed file for `NameFlowReader`: its blob when tests were recorded, its blob now, and the changed
/// functions coverage cannot see (cached or run at import time).
public struct NameFlowChange: Sendable, Hashable {
    public var path: String
    public var oldBlob: String
    public var newBlob: String
    public var functions: Set<String>

    public init(path: String, oldBlob: String, newBlob: String, functions: Set<String>) {
        self.path = path
        self.oldBlob = oldBlob
        self.newBlob = newBlob
        self.functions = functions
    }
}

/// Everything one name-flow run reads: the changes, and the files that import them (path → blob id).
public struct NameFlowRequest: Sendable, Hashable {
    public var changes: [String: NameFlowChange]
    public var files: [String: String]
    public var testFiles: Set<String>
    /// Top-level module names of the project: a changed import of one of them is not followed by name.
    public var localModules: Set<String>
    /// Project files that read signatures: every signature change of the changed files counts then.
    public var signatureReaders: Set<String> = []
}
