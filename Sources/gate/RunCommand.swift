import ArgumentParser
import Foundation
import GateCore

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Runs the gate by hand on a range (default: upstream..HEAD).")

    @Option(help: "The base revision (default: the upstream of the current branch, else the whole tree).") var from: String?
    @Option(help: "The revision to check (default: HEAD).") var to: String = "HEAD"
    @Flag(help: "Run every test, not only the affected ones.") var all = false
    @Flag(name: .customLong("no-fix"), help: "Do not ask an AI provider for a fix.") var noFix = false
    @Option(help: "Run only shard K of N of the selection (as `gate plan --shards N` splits it), e.g. 2/4.") var shard: String?
    @Flag(help: "With --shard: ask an AI provider for a fix (off by default in sharded CI runs).") var fix = false
    @Option(help: ArgumentHelp("Write the run's results as one JUnit XML file (overrides report.junit of .gate.yml).", valueName: "path"))
    var junit: String?
    @Option(help: ArgumentHelp("Also write the run's JSON report (gate.report/1) here, e.g. for `gate report merge`.", valueName: "path"))
    var json: String?
    @Option(help: ArgumentHelp("With --shard: run shard K of this plan (`gate plan --format json` output) instead of planning again.", valueName: "plan.json"))
    var plan: String?

    func run() throws {
        try withExitCodes {
            let environment = ProcessInfo.processInfo.environment
            let shardSpec = try shard.map { text in
                do { return try ShardSpec(parsing: text) } catch { throw UsageError(description: "\(error)") }
            }
            let console = Console(environment: environment)
            let repository = try GitRepository(discoveringFrom: currentDirectory)
            let tip = try RevisionArgument.commit(repository, to, what: "--to")
            let base = try from.map { try RevisionArgument.commit(repository, $0, what: "--from") } ?? (all ? nil : RevisionArgument.upstreamBase(repository, tip))
            let givenPlan = try plan.map { try ShardPlanFile.read($0, relativeTo: currentDirectory, shard: shardSpec, tip: tip) }
            let name = repository.headReferenceName() ?? to
            let range = try PushRangeResolver(repository: repository).resolve(from: base, to: tip, name: name)
            InterruptTrap.shared.install()
            let run = try GateRun(repository: repository, console: console, environment: environment, mode: .run)
            run.runAll = all
            run.shard = shardSpec
            run.shardPlan = givenPlan
            if !noFix && (shardSpec == nil || fix) { run.fixer = FixLoop(environment: environment, remote: nil) }
            run.junitPath = junit.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: currentDirectory, isDirectory: true)).standardizedFileURL.path }
            run.jsonPath = json.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: currentDirectory, isDirectory: true)).standardizedFileURL.path }
            return try run.check([range]).exit
        }
    }
}

struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "Shows the event trail (.git/gate/events.jsonl).")

    @Option(help: "Show at most this many events (newest last).") var limit: Int = 50
    @Option(help: "text or json") var format: OutputFormat = .text

    func run() throws {
        try withExitCodes {
            let repository = try GitRepository(discoveringFrom: currentDirectory)
            let trail = EventTrail(path: GateDirectory(commonGitDirectory: repository.commonDirectory).events)
            let (events, unreadable) = trail.read()
            let shown = events.suffix(max(0, limit))
            switch format {
            case .json:
                for event in shown { print(EventText.json(event)) }
            case .text:
                if events.isEmpty { print("No gate runs recorded yet in \(trail.path).") }
                for event in shown { print(EventText.line(event)) }
                if unreadable > 0 { print("(\(unreadable) unreadable lines skipped)") }
            }
            return .passed
        }
    }
}

enum OutputFormat: String, ExpressibleByArgument { case text, json }
