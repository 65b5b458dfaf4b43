/// One pytest run's output from `Templates/gate_coverage_plugin.py`, read from `.git/gate/coverage/incoming/`.
struct CoverageBatch: Decodable {
    struct File: Decodable {
        var blob: String
        var table: BlockTable
    }

    struct Test: Decodable {
        var file: String
        var fileBlob: String
        var failed: Bool
        var executed: [String: [String]]
        /// Of `executed`, the blocks that ran only while one of the test's imports was on the stack.
        var imported: [String: [String]]?
        /// Whether it started a process; absent when the plugin could not tell.
        var launched: Bool?
    }

    var version: Int
    /// Set (to `coverage`) when coverage.py could not be imported; nothing else is.
    var missing: String?
    var files: [String: File]?
    var importTime: [String: [String]]?
    var tests: [String: Test]?
}
