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
    /// Repo path → the blocks of `executed` there that ran only while one of the test's own imports was on the
    /// stack (a lazy import inside the test); they count as run at import time, not as the test's.
    public var imported: [String: [String]]?
    /// Whether the test started a process in its recorded run, itself or through a fixture it uses (coverage cannot
    /// see the child); nil when not recorded (older plugin, Python before 3.9) or unknown (a launch outside any test).
    public var launched: Bool?

    public init(
        file: String, fileBlob: String, failed: Bool, executed: [String: Executed], imported: [String: [String]]? = nil, launched: Bool? = nil
    ) {
        self.file = file
        self.fileBlob = fileBlob
        self.failed = failed
        self.executed = executed
        self.imported = imported
        self.launched = launched
    }

    /// Whether the test ran `path`'s module-level code outside any import gate saw (`runpy`, `exec`, a loader
    /// called by hand): a module load whose effects coverage cannot attribute.
    func ranModuleCodeUnseen(_ path: String) -> Bool {
        executed[path]?.blocks.contains(BlockTable.moduleBlock) == true
            && imported?[path]?.contains(BlockTable.moduleBlock) != true
    }
}
