import ArgumentParser
import Foundation
import GateCore

struct InstallCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Installs gate's pre-push hook (or, with --server in a bare repository, its pre-receive hook).")

    @Flag(help: "Rewrite a gate shim written by another build.") var force = false
    @Flag(help: "Install the server-side pre-receive hook (bare repositories).") var server = false
    @Flag(name: [.customShort("y"), .long], help: "Register gate inside lefthook, pre-commit or husky without asking.") var yes = false

    func run() throws {
        try withExitCodes {
            let console = Console()
            let repository = try GitRepository(discoveringFrom: currentDirectory)
            let kind: HookKind = server ? .preReceive : .prePush
            if server && !repository.isBare {
                throw UsageError(description: "--server installs the pre-receive hook of a bare repository; this one has a work tree. Run `gate install` for the client hook.")
            }
            let hooks = try repository.effectiveHooksDirectory()
            if !server { try recordEnvironment(repository, console: console) }
            var integrations: [any HookIntegration] = []
            if !server, let work = repository.workDirectory {
                integrations = HookIntegrations.detect(workDirectory: work, hooksDirectory: hooks)
                if !integrations.isEmpty {
                    guard try register(integrations, console: console) else { return .misuse }
                    // A manager whose hook git does not run yet: gate's own shim runs until it does.
                    guard integrations.contains(where: { !$0.isHookInstalled }) else { return .passed }
                }
            }
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
            for integration in integrations where !integration.isHookInstalled {
                console.line("  \(integration.name)'s hook is not installed, so gate's shim runs for now; after `\(integration.hookInstallCommand)`, \(integration.name) runs gate.")
            }
            console.line("  check the setup with `gate doctor`.")
            return .passed
        }
    }

    /// Records this clone's gate binary and active virtualenv in `.git/config`, where hooks started with a minimal
    /// PATH (GUI clients) find them; tracked files never hold these absolute paths.
    private func recordEnvironment(_ repository: GitRepository, console: Console) throws {
        try repository.setLocalConfig(GateHookLine.binaryConfigKey, SupportFiles.executablePath())
        if let venv = ProcessInfo.processInfo.environment["VIRTUAL_ENV"], !venv.isEmpty {
            try repository.setLocalConfig(ToolEnvironment.virtualenvConfigKey, venv)
            console.line("  recorded the active virtualenv \(venv) (git config \(ToolEnvironment.virtualenvConfigKey)) for hooks run without it")
        }
    }

    /// Registers gate inside the hook managers in use, after showing what changes. Returns false when declined.
    private func register(_ integrations: [any HookIntegration], console: Console) throws -> Bool {
        let plan = integrations.flatMap { integration in integration.plan().map { "\(integration.name): \($0)" } }
        if plan.isEmpty {
            for integration in integrations { console.line(console.styled("✓", .green) + " gate is already registered in \(integration.configPath)") }
            return true
        }
        console.line("gate install will:")
        for line in plan { console.line("  - " + line) }
        if !yes {
            if isatty(STDIN_FILENO) == 1 {
                FileHandle.standardError.write(Data("Proceed? [Y/n] ".utf8))
                let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
                if answer.hasPrefix("n") {
                    console.line("gate: nothing changed. Without this, \(integrations.map(\.name).joined(separator: " and ")) will not run gate on push.")
                    return false
                }
            } else {
                console.line("  (stdin is not a terminal, so gate goes ahead; `--yes` says so explicitly)")
            }
        }
        for integration in integrations {
            do { try integration.register() } catch let error as HookIntegrationError { throw UsageError(description: error.description) }
            console.line(console.styled("✓", .green) + " registered gate in \(integration.configPath) — commit it so teammates' pushes run gate too")
            if let next = integration.nextStep { console.line("  next: " + next) }
        }
        return true
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
            if let work = repository.workDirectory {
                for integration in HookIntegrations.detect(workDirectory: work, hooksDirectory: installer.hooksDirectory) where integration.isRegistered {
                    console.line("gate is still registered in \(integration.configPath) (\(integration.name)): remove its gate entry there; gate never edits it away.")
                }
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
                throw UsageError(description: "\(path) exists; use --force to overwrite it."
                                 + (ConfigDrift.notice(repository).map { "\n  note: " + $0 } ?? ""))
            }
            var paths: [String] = []
            if let head = repository.headCommit() { paths = try repository.listFiles(inTree: repository.commit(head).tree).map(\.path) }
            let enumerator = FileManager.default.enumerator(atPath: work)
            while let item = enumerator?.nextObject() as? String {
                if item.hasPrefix(".git") || item.contains("/.") || item.hasPrefix(".build") || item.contains("node_modules") { continue }
                paths.append(item)
            }
            let read = { (path: String) -> [UInt8]? in FileManager.default.contents(atPath: work + "/" + path).map(Array.init) }
            let suites = SuiteDetector.detect(paths: Array(Set(paths)).sorted(), read: read)
            try SuiteDetector.configText(for: suites).write(toFile: path, atomically: true, encoding: .utf8)
            print("wrote \(path) with \(suites.count) suite(s): \(suites.map { "\($0.name) (\($0.runner.rawValue))" }.joined(separator: ", "))")
            for note in SuiteDetector.unsupported(paths: Array(Set(paths)).sorted(), read: read) { print("warning: " + note) }
            if let notice = ConfigDrift.notice(repository) { print("note: " + notice + " (`git add .gate.yml && git commit -m 'gate config'`)") }
            return .passed
        }
    }
}
