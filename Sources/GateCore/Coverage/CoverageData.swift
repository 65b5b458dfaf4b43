/// Everything gate knows from recorded runs: per test the blocks it executed, the block tables of the blobs they
/// were recorded on, and the blocks that ran outside any test (at import or collection time).
public struct CoverageData: Sendable, Hashable, Codable {
    public static let currentFormatVersion = 3
    /// The batch version `Templates/gate_coverage_plugin.py` writes; other batches are skipped.
    static let batchVersion = 3

    public var formatVersion = CoverageData.currentFormatVersion
    /// Test key (`tests/test_a.py::test_x`) → its record.
    public var tests: [String: TestCoverage] = [:]
    /// Blob id → its block table.
    public var tables: [String: BlockTable] = [:]
    /// Blob id → blocks that ran outside any test's context.
    public var importTime: [String: [String]] = [:]
    /// The last recorded run had no coverage.py; selection stays static until one has it.
    public var coverageMissing = false

    public init() {}

    /// Merges one batch: its tables and import-time blocks, and its tests' records (records of a test file whose
    /// blob changed are dropped first, so deleted tests do not linger).
    mutating func merge(_ batch: CoverageBatch) {
        if batch.missing != nil {
            coverageMissing = true
            return
        }
        coverageMissing = false
        let files = batch.files ?? [:]
        for (path, file) in files {
            tables[file.blob] = file.table
            if let blocks = batch.importTime?[path] {
                importTime[file.blob] = Array(Set(importTime[file.blob] ?? []).union(blocks)).sorted()
            }
        }
        let batchTests = batch.tests ?? [:]
        var fileBlobs: [String: String] = [:]
        for test in batchTests.values { fileBlobs[test.file] = test.fileBlob }
        tests = tests.filter { _, record in
            guard let blob = fileBlobs[record.file] else { return true }
            return blob == record.fileBlob
        }
        for (key, test) in batchTests {
            var executed: [String: TestCoverage.Executed] = [:]
            for (path, blocks) in test.executed {
                guard let blob = files[path]?.blob else { continue }
                executed[path] = TestCoverage.Executed(blob: blob, blocks: blocks)
            }
            let imported = test.imported?.filter { executed[$0.key] != nil && !$0.value.isEmpty }
            tests[key] = TestCoverage(file: test.file, fileBlob: test.fileBlob, failed: test.failed, executed: executed,
                                      imported: imported?.isEmpty == false ? imported : nil, launched: test.launched)
        }
    }

    /// Drops tables and import-time sets of blobs no record refers to, keeping `keep`.
    mutating func prune(keeping keep: Set<String> = []) {
        var used = keep
        for test in tests.values { for executed in test.executed.values { used.insert(executed.blob) } }
        tables = tables.filter { used.contains($0.key) }
        importTime = importTime.filter { used.contains($0.key) }
    }
}
