import Foundation

/// `.git/gate/coverage/`: `data.json` (the merged `CoverageData`) and `incoming/`, where the pytest plugin drops
/// one batch per run. Batches are merged on the next load, so a run never waits for the store.
public struct CoverageStore: Sendable {
    public let directory: String

    public init(gateDirectory: GateDirectory) { directory = gateDirectory.root + "/coverage" }
    public init(directory: String) { self.directory = directory }

    public var dataPath: String { directory + "/data.json" }
    public var incomingDirectory: String { directory + "/incoming" }

    /// The stored data with every waiting batch merged in (and saved), or why it cannot be read.
    /// An unreadable `data.json` is reported once and replaced by the next batch.
    public func load() -> (data: CoverageData, problem: String?) {
        var problem: String?
        var data = CoverageData()
        if let bytes = FileManager.default.contents(atPath: dataPath) {
            do {
                let decoded = try JSONDecoder().decode(CoverageData.self, from: bytes)
                if decoded.formatVersion == CoverageData.currentFormatVersion {
                    data = decoded
                } else {
                    problem = "the coverage data has an old format"
                }
            } catch {
                problem = "the coverage data is unreadable (\(error))"
            }
        }
        let batches = waitingBatches()
        guard !batches.isEmpty else { return (data, problem) }
        for path in batches {
            if let bytes = FileManager.default.contents(atPath: path), let batch = try? JSONDecoder().decode(CoverageBatch.self, from: bytes),
                batch.version == CoverageData.batchVersion
            {
                data.merge(batch)
                problem = nil
            }
        }
        data.prune()
        if (try? save(data)) != nil {
            for path in batches { try? FileManager.default.removeItem(atPath: path) }
        }
        return (data, problem)
    }

    /// Writes `data.json` atomically.
    public func save(_ data: CoverageData) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(data).write(to: URL(fileURLWithPath: dataPath), options: .atomic)
    }

    /// Batch files in the order they were written (names start with a millisecond timestamp).
    func waitingBatches() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: incomingDirectory)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
            .sorted { (Int($0.prefix { $0.isNumber }) ?? 0, $0) < (Int($1.prefix { $0.isNumber }) ?? 0, $1) }
            .map { incomingDirectory + "/" + $0 }
    }
}
