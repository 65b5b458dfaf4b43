/// What a scanner read from one blob: cached by blob id, so an unchanged file is never scanned twice.
public struct SourceScan: Sendable, Hashable, Codable {
    public var imports: [ImportStatement]
    /// The Go package clause, when the file is Go.
    public var packageName: String?
    /// The scanner could not make sense of the file (unterminated string, unbalanced brackets, binary…).
    public var unparseable: Bool
    /// Swift test files: the name-like string literals (see `SwiftLiteralScanner`), sorted, each once.
    public var names: [String]
    /// The code starts processes: Swift `Process`, `posix_spawn`, `system`… (`SwiftLiteralScanner`); Python `subprocess`,
    /// `multiprocessing`, `sys.executable`, `os.system`… (`PythonImportScanner`).
    public var launchesProcesses: Bool
    /// Python: the code reads functions' annotations or defaults (`get_type_hints`, `__defaults__`…; see
    /// `PythonImportScanner.readsSignatures`).
    public var readsSignatures: Bool

    public init(
        imports: [ImportStatement] = [], packageName: String? = nil, unparseable: Bool = false, names: [String] = [],
        launchesProcesses: Bool = false, readsSignatures: Bool = false
    ) {
        self.imports = imports
        self.packageName = packageName
        self.unparseable = unparseable
        self.names = names
        self.launchesProcesses = launchesProcesses
        self.readsSignatures = readsSignatures
    }

    /// The result for a file that could not be scanned.
    public static let failed = SourceScan(unparseable: true)

    private enum CodingKeys: String, CodingKey { case imports = "i", packageName = "p", unparseable = "u", names = "n", launchesProcesses = "x",
        readsSignatures = "s"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        imports = try container.decodeIfPresent([ImportStatement].self, forKey: .imports) ?? []
        packageName = try container.decodeIfPresent(String.self, forKey: .packageName)
        unparseable = try container.decodeIfPresent(Bool.self, forKey: .unparseable) ?? false
        names = try container.decodeIfPresent([String].self, forKey: .names) ?? []
        launchesProcesses = try container.decodeIfPresent(Bool.self, forKey: .launchesProcesses) ?? false
        readsSignatures = try container.decodeIfPresent(Bool.self, forKey: .readsSignatures) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if !imports.isEmpty { try container.encode(imports, forKey: .imports) }
        try container.encodeIfPresent(packageName, forKey: .packageName)
        if unparseable { try container.encode(true, forKey: .unparseable) }
        if !names.isEmpty { try container.encode(names, forKey: .names) }
        if launchesProcesses { try container.encode(true, forKey: .launchesProcesses) }
        if readsSignatures { try container.encode(true, forKey: .readsSignatures) }
    }
}
