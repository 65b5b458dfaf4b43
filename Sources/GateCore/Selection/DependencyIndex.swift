/// The dependency index: per tracked file its language, import edges and test flag, plus SwiftPM
/// targets, with raw scans and manifests cached by blob id so a rebuild only reads changed blobs.
public struct DependencyIndex: Sendable, Hashable, Codable {
    /// Bumped whenever the stored shape or the meaning of its fields changes; an older file is rebuilt.
    public static let currentFormatVersion = 10

    public var formatVersion: Int
    /// Repo path → entry, one per tracked file.
    public var files: [String: IndexEntry]
    /// Language (raw value) → blob id → raw scan of that blob as that language (scanned languages only).
    public var scans: [String: [String: SourceScan]]
    /// Package.swift blob id → the targets its `dump-package` JSON declared.
    public var swiftManifests: [String: SwiftManifest]
    /// All SwiftPM targets of the tree, paths relative to the repo.
    public var swiftTargets: [SwiftTarget]
    /// Directories Python imports are resolved from (`""` is the repo root).
    public var pythonRoots: [String]
    /// Directory → the `testpaths` of the pytest configuration file pytest uses in that directory (empty: none), for
    /// every directory holding one (`PytestConfiguration`). Read from those files' blobs at every build.
    public var pytestTestpaths: [String: [String]]
    /// Directory → the `python_files` of the pytest configuration file there, where it sets them; a file named so
    /// under that directory is a test too (`PytestConfiguration.isTestModule`).
    public var pytestPythonFiles: [String: [String]]
    /// Directory → the `norecursedirs` of the pytest configuration file there, where it sets them (`PytestCollection`).
    public var pytestNorecursedirs: [String: [String]]
    /// `path=blob` of every file that steers resolution (tsconfig.json, go.mod, Package.swift);
    /// when it and the set of paths are unchanged, entries of unchanged blobs are reused as they are.
    public var resolutionInputs: [String]

    public init(
        files: [String: IndexEntry] = [:], scans: [String: [String: SourceScan]] = [:],
        swiftManifests: [String: SwiftManifest] = [:], swiftTargets: [SwiftTarget] = [],
        pythonRoots: [String] = [""], resolutionInputs: [String] = [], pytestTestpaths: [String: [String]] = [:],
        pytestPythonFiles: [String: [String]] = [:], pytestNorecursedirs: [String: [String]] = [:]
    ) {
        self.formatVersion = DependencyIndex.currentFormatVersion
        self.files = files
        self.scans = scans
        self.swiftManifests = swiftManifests
        self.swiftTargets = swiftTargets
        self.pythonRoots = pythonRoots
        self.resolutionInputs = resolutionInputs
        self.pytestTestpaths = pytestTestpaths
        self.pytestPythonFiles = pytestPythonFiles
        self.pytestNorecursedirs = pytestNorecursedirs
    }
}
