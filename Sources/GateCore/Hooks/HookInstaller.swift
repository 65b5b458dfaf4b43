import Foundation

/// Writes, recognises and removes gate's hook shims, chaining any foreign hook that was there.
public struct HookInstaller {
    public let hooksDirectory: String
    public let gateBinary: String

    public init(hooksDirectory: String, gateBinary: String) {
        self.hooksDirectory = hooksDirectory
        self.gateBinary = gateBinary
    }

    public enum Result: Equatable, Sendable {
        case installed(chainedForeign: Bool)
        case alreadyInstalled
        case rewrote
    }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public func hookPath(_ kind: HookKind) -> String { hooksDirectory + "/" + kind.rawValue }
    public func legacyPath(_ kind: HookKind) -> String { hooksDirectory + "/" + kind.legacyName }

    /// The shim text for this binary.
    public func shimText(_ kind: HookKind) throws -> String {
        let template = try String(contentsOfFile: try SupportFiles.file("Hooks/" + kind.rawValue), encoding: .utf8)
        return template.replacingOccurrences(of: "@GATE_BIN@", with: gateBinary.replacingOccurrences(of: "'", with: "'\\''"))
            .replacingOccurrences(of: "@GATE_VERSION@", with: GateVersion.current)
    }

    public func install(_ kind: HookKind, force: Bool) throws -> Result {
        let fm = FileManager.default
        try fm.createDirectory(atPath: hooksDirectory, withIntermediateDirectories: true)
        let path = hookPath(kind)
        let shim = try shimText(kind)
        var chained = false
        if let existing = try? String(contentsOfFile: path, encoding: .utf8) {
            if Self.isShim(existing, kind) {
                if existing == shim { return .alreadyInstalled }
                guard force else {
                    throw Failure(description: "\(path) is a gate shim from another build (\(Self.embeddedBinary(existing) ?? "unknown binary")). Run `gate install --force` to rewrite it.")
                }
                try write(shim, to: path)
                return .rewrote
            }
            if fm.fileExists(atPath: legacyPath(kind)) {
                throw Failure(description: "\(path) is not gate's, and \(legacyPath(kind)) already exists. Merge or remove one of them, then run `gate install` again.")
            }
            try fm.moveItem(atPath: path, toPath: legacyPath(kind))
            chained = true
        } else if fm.fileExists(atPath: path) {
            // A hook that is not text (a binary): keep and chain it all the same.
            try fm.moveItem(atPath: path, toPath: legacyPath(kind))
            chained = true
        }
        try write(shim, to: path)
        return .installed(chainedForeign: chained)
    }

    /// Removes gate's shim and puts a chained foreign hook back. Returns false when no gate shim was there.
    public func uninstall(_ kind: HookKind) throws -> Bool {
        let fm = FileManager.default
        let path = hookPath(kind)
        guard let existing = try? String(contentsOfFile: path, encoding: .utf8), Self.isShim(existing, kind) else { return false }
        try fm.removeItem(atPath: path)
        if fm.fileExists(atPath: legacyPath(kind)) { try fm.moveItem(atPath: legacyPath(kind), toPath: path) }
        return true
    }

    public static func isShim(_ text: String, _ kind: HookKind) -> Bool {
        text.split(separator: "\n", maxSplits: 3).prefix(3).contains { $0.hasPrefix(kind.marker) }
    }

    /// The binary path a shim embeds.
    public static func embeddedBinary(_ text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix("GATE_BIN='") {
            return String(line.dropFirst("GATE_BIN='".count).dropLast()).replacingOccurrences(of: "'\\''", with: "'")
        }
        return nil
    }

    /// The version a shim was written by.
    public static func embeddedVersion(_ text: String, _ kind: HookKind) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix(kind.marker) {
            return line.split(separator: " ").last.map(String.init)
        }
        return nil
    }

    private func write(_ text: String, to path: String) throws {
        let temporary = path + ".gate-tmp"
        try text.write(toFile: temporary, atomically: false, encoding: .utf8)
        chmod(temporary, 0o755)
        if rename(temporary, path) != 0 {
            throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
    }
}
