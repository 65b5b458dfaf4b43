import Foundation

/// Finds gate's `Hooks/` and `Templates/` at run time: `$GATE_SHARE_DIR`, then `<bin>/../share/gate` (where install.sh
/// puts them), then the source checkout a development build lives in. No SwiftPM resource bundle is involved.
public enum SupportFiles {
    public static func executablePath() -> String {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return resolved }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }

    public static func shareDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        var candidates: [String] = []
        if let explicit = environment["GATE_SHARE_DIR"], !explicit.isEmpty { candidates.append(explicit) }
        let binDir = URL(fileURLWithPath: executablePath()).deletingLastPathComponent()
        candidates.append(binDir.deletingLastPathComponent().appendingPathComponent("share/gate").path)
        // A development build: <checkout>/.build/<triple>/<config>/gate or <checkout>/.build/<config>/gate.
        var dir = binDir
        for _ in 0..<5 {
            dir = dir.deletingLastPathComponent()
            candidates.append(dir.path)
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/Hooks/pre-push") }
    }

    /// A helper executable shipped beside gate (`gate-http`): `$GATE_HELPER_DIR`, the running binary's directory,
    /// or, for tests, the directory of the test bundle SwiftPM built beside it.
    public static func helperBinary(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        var directories: [String] = []
        if let explicit = environment["GATE_HELPER_DIR"], !explicit.isEmpty { directories.append(explicit) }
        var dir = URL(fileURLWithPath: executablePath()).deletingLastPathComponent()
        for _ in 0..<4 {
            directories.append(dir.path)
            dir = dir.deletingLastPathComponent()
        }
        guard let found = directories.map({ $0 + "/" + name }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw SupportFileError(path: name)
        }
        return found
    }

    public static func file(_ relativePath: String) throws -> String {
        guard let share = shareDirectory() else {
            throw SupportFileError(path: relativePath)
        }
        return share + "/" + relativePath
    }

    /// One of gate's own files under `Templates/` (a reporter or plugin the runners load), or nil when it is missing.
    public static func template(_ name: String) -> String? {
        guard let path = try? file("Templates/" + name), FileManager.default.fileExists(atPath: path) else { return nil }
        return path
    }
}

public struct SupportFileError: Error, CustomStringConvertible {
    public let path: String
    public var description: String {
        "gate cannot find its support file \(path). Re-run ./install.sh, or set GATE_SHARE_DIR to the folder holding Hooks/ and Templates/."
    }
}
