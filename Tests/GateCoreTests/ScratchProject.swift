import Foundation

/// A throwaway directory tree for running real test tools against.
struct ScratchProject {
    let root: String

    init(_ files: [String: String]) throws {
        root = NSTemporaryDirectory() + "gate-project-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for (path, contents) in files { try write(path, contents) }
    }

    func write(_ path: String, _ contents: String) throws {
        let full = root + "/" + path
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try contents.write(toFile: full, atomically: true, encoding: .utf8)
    }

    var logPath: String { root + "/.gate/test.log" }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}
