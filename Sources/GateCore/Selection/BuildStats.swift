/// What one `DependencyIndexBuilder.build` did.
public struct BuildStats: Sendable, Hashable, Codable {
    /// Blobs run through a scanner (new since the previous index).
    public var filesParsed: Int
    /// Tracked files whose scan came from the previous index.
    public var filesReused: Int
    /// Package.swift blobs sent to the manifest dumper.
    public var manifestsDumped: Int
    /// Tracked files per language.
    public var filesPerLanguage: [SourceLanguage: Int]
    /// Total edges over all entries.
    public var edges: Int
    /// Test files (Python/JS files, Go test files, files of Swift test targets).
    public var tests: Int
    /// Files the scanners could not read.
    public var unparseable: Int
    /// Wall-clock seconds the build took.
    public var elapsedSeconds: Double

    public init(
        filesParsed: Int = 0, filesReused: Int = 0, manifestsDumped: Int = 0,
        filesPerLanguage: [SourceLanguage: Int] = [:], edges: Int = 0, tests: Int = 0,
        unparseable: Int = 0, elapsedSeconds: Double = 0
    ) {
        self.filesParsed = filesParsed
        self.filesReused = filesReused
        self.manifestsDumped = manifestsDumped
        self.filesPerLanguage = filesPerLanguage
        self.edges = edges
        self.tests = tests
        self.unparseable = unparseable
        self.elapsedSeconds = elapsedSeconds
    }
}
