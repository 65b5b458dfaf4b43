import Foundation

/// Trees whose selected tests passed. A later run of the same tree, selection, config and tool versions passes at once.
public struct VerifiedTreeCache: Sendable {
    public let path: String
    public static let capacity = 200

    public init(path: String) { self.path = path }

    /// The key for one check: tree, the tests chosen, and everything that could change their outcome.
    public static func key(tree: ObjectID, selection: [String], configBytes: [UInt8], toolVersions: [String]) -> String {
        var hasher = StableHash()
        hasher.add(tree.hex)
        for item in selection.sorted() { hasher.add(item) }
        hasher.add(configBytes)
        for version in toolVersions { hasher.add(version) }
        hasher.add(GateVersion.current)
        return hasher.hex
    }

    public func contains(_ key: String) -> Bool { load().contains(key) }

    public func record(_ key: String) {
        var keys = load().filter { $0 != key }
        keys.append(key)
        if keys.count > Self.capacity { keys.removeFirst(keys.count - Self.capacity) }
        guard let data = try? JSONEncoder().encode(keys) else { return }
        try? data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    private func load() -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: data)) ?? []
    }
}

/// FNV-1a over the bytes given, with separators; stable across runs and platforms (unlike `Hasher`).
struct StableHash {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ bytes: [UInt8]) {
        for byte in bytes { state = (state ^ UInt64(byte)) &* 0x100_0000_01b3 }
        state = (state ^ 0xff) &* 0x100_0000_01b3
    }

    mutating func add(_ text: String) { add(Array(text.utf8)) }

    var hex: String { String(state, radix: 16) }
}
