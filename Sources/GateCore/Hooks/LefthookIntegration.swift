import Foundation
import Yams

/// lefthook: gate becomes a `pre-push` command in lefthook.yml with `use_stdin: true`, so it sees every pushed ref.
/// `lefthook install` renames any other pre-push hook to `pre-push.old` and never runs it; a shim there is dead.
public struct LefthookIntegration: HookIntegration {
    public let name = "lefthook"
    public let configPath: String
    public let hooksDirectory: String

    static let configNames = ["lefthook.yml", ".lefthook.yml", "lefthook.yaml", ".lefthook.yaml"]
    static let aside = "pre-push.old"
    /// The command entry gate adds under `pre-push: commands:`, at a two-space indent step.
    static func entry(indent: String) -> String {
        let step = "  "
        return indent + "gate:\n"
            + indent + step + "run: '" + GateHookLine.binary + " pre-push {1} {2}'\n"
            + indent + step + "use_stdin: true\n"
    }

    static func isLefthookScript(_ text: String) -> Bool { text.contains("call_lefthook") || text.contains("lefthook run") }

    public static func detect(workDirectory: String, hooksDirectory: String) -> LefthookIntegration? {
        let config = configNames.map { workDirectory + "/" + $0 }.first { FileManager.default.fileExists(atPath: $0) }
        let installed = ManagedHookFiles.text(hooksDirectory + "/pre-push").map(isLefthookScript) ?? false
        guard config != nil || installed else { return nil }
        return LefthookIntegration(configPath: config ?? workDirectory + "/lefthook.yml", hooksDirectory: hooksDirectory)
    }

    public var nextStep: String? { nil }
    public var isRegistered: Bool { ManagedHookFiles.text(configPath).map(GateHookLine.isCalled) ?? false }
    public let hookInstallCommand = "lefthook install"
    public var isHookInstalled: Bool { ManagedHookFiles.text(hooksDirectory + "/pre-push").map(Self.isLefthookScript) ?? false }

    public func plan() -> [String] {
        var lines = ManagedHookFiles.tangles(hooksDirectory: hooksDirectory, aside: Self.aside, isManagerScript: Self.isLefthookScript)
        if !isRegistered { lines.append("add a `gate` command (use_stdin: true) to the pre-push hook in \(configPath)") }
        return lines
    }

    public func register() throws {
        if !isRegistered {
            let text = ManagedHookFiles.text(configPath) ?? ""
            let updated = try Self.inserting(into: text)
            try ManagedHookFiles.replace(configPath, with: updated)
        }
        _ = try ManagedHookFiles.untangle(hooksDirectory: hooksDirectory, aside: Self.aside, isManagerScript: Self.isLefthookScript,
                                          restoreChainTo: nil)
    }

    /// The config with gate's command added, checked by parsing it back.
    static func inserting(into text: String) throws -> String {
        var lines = text.components(separatedBy: "\n")
        if let hookLine = lines.firstIndex(where: { $0.hasPrefix("pre-push:") }) {
            let block = (hookLine + 1..<lines.count).prefix { lines[$0].isEmpty || lines[$0].hasPrefix(" ") || lines[$0].hasPrefix("#") }
            if let commands = block.first(where: { lines[$0].trimmingCharacters(in: .whitespaces) == "commands:" }) {
                let indent = String(lines[commands].prefix { $0 == " " })
                let child = block.first { $0 > commands && !lines[$0].trimmingCharacters(in: .whitespaces).isEmpty
                    && !lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix("#") }
                let childIndent = child.map { String(lines[$0].prefix { $0 == " " }) } ?? indent + "  "
                lines.insert(entry(indent: childIndent), at: commands + 1)
            } else {
                lines.insert("  commands:\n" + entry(indent: "    "), at: hookLine + 1)
            }
        } else {
            lines = ManagedHookFiles.appending("pre-push:\n  commands:\n" + entry(indent: "    "), to: text).components(separatedBy: "\n")
        }
        let updated = lines.joined(separator: "\n").replacingOccurrences(of: "\n\n\n", with: "\n\n")
        guard let parsed = try? Yams.load(yaml: updated) as? [String: Any],
              let hook = parsed["pre-push"] as? [String: Any], let commands = hook["commands"] as? [String: Any],
              let gate = commands["gate"] as? [String: Any], (gate["run"] as? String).map(GateHookLine.isCalled) == true
        else {
            throw HookIntegrationError(description: "gate cannot add itself to this lefthook config safely. Add under `pre-push: commands:`:\n"
                                       + entry(indent: "    "))
        }
        return updated
    }

    public func diagnose() -> [HookIntegrationFinding] {
        var findings: [HookIntegrationFinding] = []
        let aside = hooksDirectory + "/" + Self.aside
        if ManagedHookFiles.isGateShim(aside) {
            findings.append(.init(ok: false, title: "lefthook",
                                  detail: isRegistered
                                    ? "gate's old shim \(aside) is left over from before `lefthook install` (unused: gate runs as a lefthook command)"
                                    : "`lefthook install` renamed gate's shim to \(aside); lefthook never runs it, so gate does not run on push",
                                  fix: "gate install --yes"))
        }
        if isRegistered {
            findings.append(.init(ok: true, title: "lefthook", detail: "gate is a pre-push command in \(configPath)", fix: nil))
        } else {
            findings.append(.init(ok: false, title: "lefthook", detail: "\(configPath) has no gate command for pre-push", fix: "gate install --yes"))
        }
        if !isHookInstalled {
            findings.append(ManagedHookFiles.isGateShim(hooksDirectory + "/pre-push")
                ? .init(ok: true, title: "lefthook hook", detail: "lefthook's hook is not installed; gate's own shim runs", fix: nil)
                : .init(ok: false, title: "lefthook hook",
                        detail: "\(hooksDirectory)/pre-push is not lefthook's, so lefthook.yml does not run on push", fix: "lefthook install"))
        }
        return findings
    }
}
