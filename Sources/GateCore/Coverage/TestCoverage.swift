/// What one test (`tests/test_a.py::TestX::test_y`, parameters folded) executed in its last recorded run.
public struct TestCoverage: Sendable, Hashable, Codable {
    /// The blocks it executed in one file, and the blob they were recorded on.
    public struct Executed: Sendable, Hashable, Codable {
        public var blob: String
        public var blocks: [String]

        public init(blob: String, blocks: [String]) {
            self.blob = blob
            self.blocks = blocks
        }
    }

    /// Repo path of the test file.
    public var file: String
    /// The test file's blob when recorded; records of another blob are stale.
    public var fileBlob: String
    public var failed: Bool
    /// Repo path → what it executed there (test files themselves are not recorded).
    public var executed: [String: Executed]

    public init(file: String, fileBlob: String, failed: Bool, executed: [String: Executed]) {
        self.file = file
        self.fileBlob = fileBlob
        self.failed = failed
        self.executed = executed
    }
}
