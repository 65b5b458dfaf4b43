import Foundation

/// A hooks directory inside the work tree (`core.hooksPath`): husky v9 (`.husky/_`, whose `h` runs `.husky/pre-push`),
/// husky v4–8 (`.husky`, sourcing `.husky/_/husky.sh`), or a project's own `.githooks`. The pre-push script there is
/// the team's, usually tracked: gate adds one line that calls it through `GateHookLine` and never writes an absolute
/// path or a shim into it.
public struct HookScriptIntegration: HookIntegration {
    public let name: String
    /// The script git (or husky's dispatcher) runs for pre-push.
    public let configPath: String
    public let hooksDirectory: String

    public static func detect(workDirectory: String, hooksDirectory: String) -> HookScriptIntegration? {
        let work = URL(fileURLWithPath: workDirectory).standardizedFileURL.path
        guard hooksDirectory.hasPrefix(work + "/"),
              hooksDirectory.dropFirst(work.count + 1).split(separator: "/").first != ".git" else { return nil }
        let url = URL(fileURLWithPath: hooksDirectory)
        if url.lastPathComponent == "_" && url.deletingLastPathComponent().lastPathComponent == ".husky" {
            return HookScriptIntegration(name: "husky", configPath: url.deletingLastPathComponent().path + "/pre-push",
                                         hooksDirectory: hooksDirectory)
        }
        let husky = url.lastPathComponent == ".husky"
        return HookScriptIntegration(name: husky ? "husky" : "core.hooksPath", configPath: hooksDirectory + "/pre-push",
                                     hooksDirectory: hooksDirectory)
    }

    /// git runs this directory's scripts directly (husky v9 through `_/h`).
    public var isHookInstalled: Bool { true }
    public var hookInstallCommand: String { name == "husky" ? "npx husky" : "" }

    var text: String? { ManagedHookFiles.text(configPath) }
    public var nextStep: String? { nil }
    public var isRegistered: Bool { text.map(GateHookLine.isCalled) ?? false }
    /// A gate shim written here by an older gate: it embeds an absolute path teammates would get.
    var holdsShim: Bool { text.map { HookInstaller.isShim($0, .prePush) || HookInstaller.embeddedBinary($0) != nil } ?? false }

    public func plan() -> [String] {
        if isRegistered { return [] }
        return FileManager.default.fileExists(atPath: configPath)
            ? ["add one line to \(configPath) (kept as it is otherwise): \(GateHookLine.shellLine)"]
            : ["create \(configPath) with the line: \(GateHookLine.shellLine)"]
    }

    public func register() throws {
        guard !isRegistered else { return }
        if holdsShim {
            throw HookIntegrationError(description: "\(configPath) holds a gate shim with an absolute path. Restore the team's version (`git checkout -- \(configPath)`, or delete it if it was never committed), then run `gate install --yes`.")
        }
        if let text {
            try ManagedHookFiles.replace(configPath, with: ManagedHookFiles.appending(GateHookLine.shellLine + "\n", to: text))
            return
        }
        var script = "#!/usr/bin/env sh\n"
        if name == "husky" && FileManager.default.fileExists(atPath: hooksDirectory + "/_/husky.sh") {
            script += ". \"$(dirname -- \"$0\")/_/husky.sh\"\n"
        }
        try FileManager.default.createDirectory(atPath: (configPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try ManagedHookFiles.replace(configPath, with: script + "\n" + GateHookLine.shellLine + "\n", mode: 0o755)
    }

    public func diagnose() -> [HookIntegrationFinding] {
        let where_ = "\(name) (core.hooksPath=\(hooksDirectory))"
        if holdsShim {
            return [.init(ok: false, title: name, detail: "\(configPath) holds a gate shim with an absolute path that would be committed for teammates",
                          fix: "git checkout -- \(configPath) && gate install --yes")]
        }
        let dispatcher = hooksDirectory + "/pre-push"
        if configPath != dispatcher && access(dispatcher, X_OK) != 0 {
            return [.init(ok: false, title: name, detail: "\(dispatcher) is missing, so git never runs \(configPath) — \(where_)", fix: hookInstallCommand)]
        }
        if isRegistered { return [.init(ok: true, title: name, detail: "\(configPath) calls gate — \(where_)", fix: nil)] }
        return [.init(ok: false, title: name, detail: "\(configPath) does not call gate, so pushes are not checked — \(where_)",
                      fix: "gate install --yes")]
    }
}
