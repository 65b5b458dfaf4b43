/// Per-test coverage of a Swift package, recorded by `gate index build --coverage` (`SwiftCoverageSeedRun`): the
/// functions each test executed, on the blobs the seed ran on.
public struct SwiftCoverageData: Sendable, Hashable, Codable {
    public static let currentFormatVersion = 1

    public var formatVersion = SwiftCoverageData.currentFormatVersion
    /// The commit the seed ran on.
    public var commit: String
    /// The Swift suite's working directory, relative to the repository root (`""` for the root).
    public var workingDirectory: String
    /// Repo path → blob of every `.swift` file (manifests included) and `Package.resolved` under the working directory
    /// when seeded.
    public var files: [String: String]
    /// Blob → its functions as the coverage mapping knows them.
    public var functions: [String: [SwiftFunctionSpan]]
    /// Test id (`swift test list`'s: `Target.Class/test`, `Target.Suite/f()`) → blob → indexes into `functions[blob]`
    /// of the functions it executed.
    public var tests: [String: [String: [Int]]]
    /// Blob → indexes of the functions that run while the tests are listed (before any test: parameterized tests'
    /// arguments, discovery): no test owns them, so a change there falls back to the target.
    public var discovery: [String: [Int]] = [:]
    /// Test ids whose run failed, crashed or recorded nothing when seeded (kept, so their targets fall back).
    public var unrecorded: [String]
    /// Wall-clock seconds the seed took (build, listing, runs and exports).
    public var seedSeconds: Double

    public init(commit: String, workingDirectory: String, files: [String: String] = [:], functions: [String: [SwiftFunctionSpan]] = [:],
                tests: [String: [String: [Int]]] = [:], unrecorded: [String] = [], seedSeconds: Double = 0) {
        self.commit = commit
        self.workingDirectory = workingDirectory
        self.files = files
        self.functions = functions
        self.tests = tests
        self.unrecorded = unrecorded
        self.seedSeconds = seedSeconds
    }
}
