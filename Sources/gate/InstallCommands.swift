import ArgumentParser
import Foundation
import GateCore

struct InstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Installs gate's pre-push hook (or, with --server in a bare repository, its pre-receive hook).")

    @Flag(help: "Rewrite a gate shim written by another build.") var force = false
    @Flag(help: "Install the server-side pre-receive hook (bare repositories).") var server = false

    func run() throws {
        try withExitCodes {
            let console = Console()
            let repository = try GitRepository(discoveringFrom: currentDirectory)
            let kind: HookKind = server ? .preReceive : .prePush
            if server && !repository.isBare {
                throw UsageError(description: "--server installs the pre-receive hook of a bare repository; this one has a work tree. Run `gate install` for the client hook.")
            }
            let hooks = try repository.effectiveHooksDirectory()
            let installer = HookInstaller(hooksDirectory: hooks, gateBinary: SupportFiles.executablePath())
            do {
                switch try installer.install(kind, force: force) {
                case .installed(let chained):
                    console.line(console.styled("✓", .green) + " installed \(installer.hookPath(kind))")
                    if chained { console.line("  the existing hook was kept as \(installer.legacyPath(kind)) and runs first") }
                case .alreadyInstalled:
                    console.line(console.styled("✓", .green) + " already installed at \(installer.hookPath(kind))")
                case .rewrote:
                    console.line(console.styled("✓", .green) + " rewrote \(installer.hookPath(kind))")
                }
            } catch let failure as HookInstaller.Failure {
                throw UsageError(description: failure.description)
            }
            if let configured = try repository.configString("core.hooksPath") {
                console.line("  core.hooksPath is set (\(configured)), so the hook went there, where git looks.")
            }
            console.line("  check the setup with `gate doctor`.")
            return .passed
        }
    }
}

struct UninstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uninstall",
        abstract: "Removes gate's hooks and restores any chained foreign hook.")

    func run() throws {
        try withExitCodes {
            let console = Console()
            let repository = try GitRepository(discoveringFrom: currentDirectory)
            let installer = HookInstaller(hooksDirectory: try repository.effectiveHooksDirectory(), gateBinary: SupportFiles.executablePath())
            var removed = false
            for kind in [HookKind.prePush, .preReceive] where try installer.uninstall(kind) {
                removed = true
                console.line("✓ removed gate's \(kind.rawValue) hook from \(installer.hooksDirectory)")
            }
            if !removed { console.line("gate: no gate hook found in \(installer.hooksDirectory); nothing to do.") }
            return .passed
        }
    }
}

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Writes a starter .gate.yml for the test suites it detects.")

    @Flag(help: "Overwrite an existing .gate.yml.") var force = false

    func run() throws {
        try withExitCodes {
            let repository = try GitRepository(discoveringFrom: currentDirectory)
            guard let work = repository.workDirectory else { throw UsageError(description: "gate init needs a work tree.") }
            let path = work + "/.gate.yml"
            if FileManager.default.fileExists(atPath: path) && !force {
                throw UsageError(description: "\(path) exists; use --force to overwrite it.")
            }
            var paths: [String] = []
            if let head = repository.headCommit() { paths = try repository.listFiles(inTree: repository.commit(head).tree).map(\.path) }
            let enumerator = FileManager.default.enumerator(atPath: work)
            while let item = enumerator?.nextObject() as? String {
                if item.hasPrefix(".git") || item.contains("/.") || item.hasPrefix(".build") || item.contains("node_modules") { continue }
                paths.append(item)
            }
            let suites = SuiteDetector.detect(paths: Array(Set(paths)).sorted())
            try SuiteDetector.configText(for: suites).write(toFile: path, atomically: true, encoding: .utf8)
            print("wrote \(path) with \(suites.count) suite(s): \(suites.map { "\($0.name) (\($0.runner.rawValue))" }.joined(separator: ", "))")
            return .passed
        }
    }
}
