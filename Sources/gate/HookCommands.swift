import ArgumentParser
import Foundation
import GateCore

struct PrePushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pre-push",
        abstract: "The pre-push hook entry point: reads the refs git is pushing from stdin and checks them.")

    @Argument(help: "The remote's name (or URL), as git passes it.") var remote: String?
    @Argument(help: "The remote's URL, as git passes it.") var url: String?
    @Flag(name: .customLong("no-fix"), help: "Block at once on failure; do not ask an AI provider for a fix.") var noFix = false

    func run() throws {
        try withExitCodes {
            let environment = ProcessInfo.processInfo.environment
            let console = Console(environment: environment)
            let input = readStandardInput()
            switch GateSkip.request(environment) {
            case .skip(let value):
                let refs = input.split(separator: 10).count
                let trail = GateSkip.record(value: value, mode: .prePush, refs: refs, remote: remote, directory: currentDirectory)
                console.line("gate: skipped (GATE_SKIP=\(value))" + (trail.map { "; logged to \($0)." } ?? "."))
                return .passed
            case .unrecognised(let value):
                console.line("gate: GATE_SKIP=\(value) is not 1, true or yes, so gate runs.")
            case .run:
                break
            }
            // Hook input is refused before anything else happens; blank input may come from pre-commit (recovered below).
            let blank = input.allSatisfy { $0 == 10 || $0 == 32 }
            var updates = blank ? [] : try PrePushInput.parse(input)
            let repository = try GitRepository(discoveringFrom: currentDirectory)
            var remoteName = remote ?? "origin"
            if blank, let recovered = PreCommitPushInput.recover(environment, resolve: { try? repository.resolveCommit($0) }) {
                updates = try PrePushInput.parse(Array(recovered.line.utf8))
                remoteName = remote ?? recovered.remoteName ?? remoteName
                console.line("gate: run by pre-commit, which passes hooks only the first pushed ref: checking \(recovered.localRef).")
            }
            if environment[FixLoop.repushGuardVariable] == nil, let notice = ConfigDrift.notice(repository) { console.line("gate: " + notice) }
            let resolver = PushRangeResolver(repository: repository, commitCap: try GateSettings.commitCap(repository))
            let ranges = try updates.map { try resolver.resolve($0, remote: remoteName) }
            InterruptTrap.shared.install()
            let run = try GateRun(repository: repository, console: console, environment: environment, mode: .prePush)
            if !noFix && environment[FixLoop.repushGuardVariable] == nil {
                run.fixer = FixLoop(environment: environment, remote: remoteName)
            }
            return try run.check(ranges, remote: remoteName).exit
        }
    }
}

struct PreReceiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pre-receive",
        abstract: "The server-side hook entry point: checks pushed refs in a bare repository; never fixes.")

    func run() throws {
        try withExitCodes {
            let environment = ProcessInfo.processInfo.environment
            return try ServerGate(environment: environment).check(input: readStandardInput())
        }
    }
}

/// Repository-level settings read from git config, before any tree is known.
enum GateSettings {
    /// The walk cap for new refs: `git config gate.maxCommits`, else `run.max_commits` of HEAD's `.gate.yml`
    /// (the pushed trees are not known before the walk), else the default.
    static func commitCap(_ repository: GitRepository) throws -> Int {
        if let text = try repository.configString("gate.maxCommits"), let value = Int(text), value > 0 { return value }
        if let head = repository.headCommit(), let tree = try? repository.commit(head).tree,
           let blob = try? repository.blobID(atPath: ".gate.yml", inTree: tree),
           let config = try? ConfigLoader(repository: repository).parse(try repository.blobContents(blob), name: ".gate.yml") {
            return config.run.maxCommits
        }
        return GateConfig.RunSettings().maxCommits
    }
}
