import Foundation

/// `.git/gate/coverage/swift.json`: the `SwiftCoverageData` of the last Swift seed, next to the Python store's files.
public struct SwiftCoverageStore: Sendable {
    public let path: String

    public init(gateDirectory: GateDirectory) { path = CoverageStore(gateDirectory: gateDirectory).directory + "/swift.json" }
    public init(path: String) { self.path = path }

    /// The stored data; nil without a seed. An unreadable or old file is a problem the caller reports.
    public func load() -> (data: SwiftCoverageData?, problem: String?) {
        guard let bytes = FileManager.default.contents(atPath: path) else { return (nil, nil) }
        do {
            let data = try JSONDecoder().decode(SwiftCoverageData.self, from: bytes)
            guard data.formatVersion == SwiftCoverageData.currentFormatVersion else {
                return (nil, "the Swift coverage data has an old format (gate index build --coverage records it anew)")
            }
            return (data, nil)
        } catch {
            return (nil, "the Swift coverage data \(path) is unreadable (\(error)); gate index build --coverage records it anew")
        }
    }

    /// Writes the file atomically.
    public func save(_ data: SwiftCoverageData) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try encoder.encode(data).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}
