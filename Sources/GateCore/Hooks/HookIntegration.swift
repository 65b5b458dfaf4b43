import Foundation

/// A hook manager (lefthook, pre-commit, husky, a tracked hooks directory) that owns the pre-push hook and runs
/// commands from its own configuration. gate registers itself there instead of writing a shim the manager would
/// rename, chain in a loop, or commit for teammates.
public protocol HookIntegration {
    /// "lefthook", "pre-commit", "husky".
    var name: String { get }
    /// The file gate's entry lives in.
    var configPath: String { get }
    /// Whether that file already calls gate.
    var isRegistered: Bool { get }
    /// Whether git runs the manager on push (its hook script is installed).
    var isHookInstalled: Bool { get }
    /// The command that installs the manager's hook script.
    var hookInstallCommand: String { get }
    /// What the user must do next for the registration to take effect, if anything.
    var nextStep: String? { get }
    /// One line per change `register()` would make.
    func plan() -> [String]
    /// Adds gate's entry and cleans up gate shims the manager set aside. Never rewrites the user's lines.
    func register() throws
    /// What doctor reports: a failing item always carries a command that fixes it.
    func diagnose() -> [HookIntegrationFinding]
}

/// One doctor line about a hook manager.
public struct HookIntegrationFinding: Sendable, Equatable {
    public let ok: Bool
    public let title: String
    public let detail: String
    public let fix: String?
}

/// The error when a manager's file cannot be edited safely: it tells the user the lines to add by hand.
public struct HookIntegrationError: Error, CustomStringConvertible {
    public let description: String
}

/// Finds the hook managers a repository uses.
public enum HookIntegrations {
    /// Every manager in use, judged from its configuration file, its installed hook script and `core.hooksPath`.
    public static func detect(workDirectory: String, hooksDirectory: String) -> [any HookIntegration] {
        var found: [any HookIntegration] = []
        if let script = HookScriptIntegration.detect(workDirectory: workDirectory, hooksDirectory: hooksDirectory) {
            return [script]
        }
        if let lefthook = LefthookIntegration.detect(workDirectory: workDirectory, hooksDirectory: hooksDirectory) { found.append(lefthook) }
        if let preCommit = PreCommitIntegration.detect(workDirectory: workDirectory, hooksDirectory: hooksDirectory) { found.append(preCommit) }
        return found
    }
}

/// Recognises the pre-push scripts hook managers install, and the gate shims they set aside.
enum ManagedHookFiles {
    static func text(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    static func isGateShim(_ path: String) -> Bool {
        text(path).map { HookInstaller.isShim($0, .prePush) } ?? false
    }

    /// Puts a manager's script back where git runs it when `gate install` once chained it behind gate's shim, and
    /// removes a gate shim the manager renamed (`aside`). A foreign hook gate had chained moves to `restoreChainTo`.
    static func untangle(hooksDirectory: String, aside: String, isManagerScript: (String) -> Bool, restoreChainTo: String?) throws -> [String] {
        let fm = FileManager.default
        let hook = hooksDirectory + "/pre-push"
        let chained = hooksDirectory + "/" + HookKind.prePush.legacyName
        let asidePath = hooksDirectory + "/" + aside
        var done: [String] = []
        if isGateShim(hook), let text = text(chained), isManagerScript(text) {
            try fm.removeItem(atPath: hook)
            try fm.moveItem(atPath: chained, toPath: hook)
            done.append("put the manager's hook back at \(hook) (gate's shim had chained it)")
        }
        if isGateShim(asidePath) {
            try fm.removeItem(atPath: asidePath)
            done.append("removed gate's old shim \(asidePath)")
            if let restoreChainTo, fm.fileExists(atPath: chained), !(text(chained).map(isManagerScript) ?? false),
               !fm.fileExists(atPath: hooksDirectory + "/" + restoreChainTo) {
                try fm.moveItem(atPath: chained, toPath: hooksDirectory + "/" + restoreChainTo)
                done.append("kept the hook gate had chained as \(hooksDirectory)/\(restoreChainTo), which the manager runs first")
            }
        }
        return done
    }

    /// What `untangle` would do, for the plan.
    static func tangles(hooksDirectory: String, aside: String, isManagerScript: (String) -> Bool) -> [String] {
        let hook = hooksDirectory + "/pre-push"
        var lines: [String] = []
        if isGateShim(hook), let text = text(hooksDirectory + "/" + HookKind.prePush.legacyName), isManagerScript(text) {
            lines.append("restore the manager's hook at \(hook), which gate's shim had chained (the chain ran it twice)")
        }
        if isGateShim(hooksDirectory + "/" + aside) { lines.append("remove gate's old shim \(hooksDirectory)/\(aside)") }
        return lines
    }

    /// Appends `block` to `text`, with a blank line between.
    static func appending(_ block: String, to text: String) -> String {
        var result = text
        if !result.isEmpty && !result.hasSuffix("\n") { result += "\n" }
        if !result.isEmpty { result += "\n" }
        return result + block
    }

    /// Writes a file through a temporary file and a rename, keeping its mode (`mode` for a new file).
    static func replace(_ path: String, with text: String, mode: mode_t? = nil) throws {
        var info = stat()
        let finalMode = stat(path, &info) == 0 ? info.st_mode & 0o7777 : (mode ?? 0o644)
        let temporary = path + ".gate-tmp"
        try text.write(toFile: temporary, atomically: false, encoding: .utf8)
        chmod(temporary, finalMode)
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw HookIntegrationError(description: "cannot write \(path): \(reason)")
        }
    }
}
