import Foundation

/// Loads the configuration that applies to a commit: `.gate.yml` from that commit's tree (never the work tree),
/// or suites detected from its files when there is none.
public struct ConfigLoader {
    public let repository: GitRepository

    public init(repository: GitRepository) { self.repository = repository }

    /// The config of `tree`, and the raw `.gate.yml` bytes (empty when absent) for cache keys.
    public func load(tree: ObjectID, files: () throws -> [TreeFile]) throws -> (GateConfig, [UInt8]) {
        if let blob = try repository.blobID(atPath: ".gate.yml", inTree: tree) {
            let bytes = try repository.blobContents(blob)
            let config = try parse(bytes, name: ".gate.yml (in tree \(tree.short))")
            return (try Self.completed(config, files: files, repository: repository), bytes)
        }
        return try Self.detected(files: files, repository: repository)
    }

    /// Default settings with suites detected from the files.
    public static func detected(files: () throws -> [TreeFile], repository: GitRepository? = nil) throws -> (GateConfig, [UInt8]) {
        var config = GateConfig()
        config.suiteSource = .detectedWithoutConfigFile
        return (try completed(config, files: files, repository: repository), [])
    }

    /// `config` with its suites detected from the files when it leaves them out (`suites:` absent).
    /// With `repository`, package.json files are read to pick each JS suite's runner (`SuiteDetector`).
    public static func completed(_ config: GateConfig, files: () throws -> [TreeFile], repository: GitRepository? = nil) throws -> GateConfig {
        guard config.suiteSource != .configFile else { return config }
        var completed = config
        let listing = try files()
        completed.suites = SuiteDetector.detect(paths: listing.map(\.path), read: reader(listing, repository: repository))
        return completed
    }

    /// Reads a tracked file of `files` from the object database (only the few files detection asks for).
    public static func reader(_ files: [TreeFile], repository: GitRepository?) -> (String) -> [UInt8]? {
        guard let repository else { return { _ in nil } }
        let wanted = Dictionary(files.filter { RepoPath.hasFileName($0.path, "package.json") || $0.path == "pnpm-workspace.yaml" }
            .map { ($0.path, $0.blob) }, uniquingKeysWith: { first, _ in first })
        return { path in wanted[path].flatMap { try? repository.blobContents($0) } }
    }

    /// Parses config bytes, naming `name` in errors.
    public func parse(_ bytes: [UInt8], name: String) throws -> GateConfig {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw ConfigError(file: name, line: nil, message: "the file is not UTF-8 text")
        }
        return try ConfigParser(fileName: name).parse(text)
    }
}
