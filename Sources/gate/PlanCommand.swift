import ArgumentParser
import Foundation
import GateCore

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Splits the tests a range affects into N shards balanced by recorded duration, for a CI matrix.",
        discussion: "Each CI job then runs its own shard with `gate run --shard K/N` over the same range: the plan is deterministic.")

    @Option(help: "How many shards (1-\(ShardSpec.maximumCount)).") var shards: Int
    @Option(help: "The base revision (default: the upstream's merge-base, else the whole tree).") var from: String?
    @Option(help: "The revision to check (default: HEAD).") var to: String = "HEAD"
    @Flag(help: "Plan every test, not only the affected ones.") var all = false
    @Option(help: "text, json, github (a matrix for fromJSON) or gitlab (parallel:matrix)") var format: ShardPlanFormat = .text

    func run() throws {
        try withExitCodes {
            do { _ = try ShardSpec(index: 1, count: shards) } catch { throw UsageError(description: "\(error)".replacingOccurrences(of: "--shard", with: "--shards")) }
            let environment = ProcessInfo.processInfo.environment
            let repository = try GitRepository(discoveringFrom: currentDirectory)
            let tip = try RevisionArgument.commit(repository, to, what: "--to")
            let base = try from.map { try RevisionArgument.commit(repository, $0, what: "--from") } ?? (all ? nil : RevisionArgument.upstreamBase(repository, tip))
            let range = try PushRangeResolver(repository: repository).resolve(from: base, to: tip, name: repository.headReferenceName() ?? to)
            InterruptTrap.shared.install()
            let run = try GateRun(repository: repository, console: Console(environment: environment), environment: environment, mode: .plan)
            run.runAll = all
            print(try format.render(try run.shardPlan(range, count: shards)))
            return .passed
        }
    }
}

extension ShardPlanFormat: ExpressibleByArgument {}

/// Reads `gate run --plan FILE`: a `gate plan --format json` output for the same commit and shard count.
enum ShardPlanFile {
    static func read(_ path: String, relativeTo directory: String, shard: ShardSpec?, tip: ObjectID) throws -> ShardPlan {
        guard let shard else { throw UsageError(description: "--plan needs --shard K/N (which shard of the plan to run)") }
        let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: directory, isDirectory: true))
        guard let data = FileManager.default.contents(atPath: url.path) else { throw UsageError(description: "--plan \(path): no such file; write it with `gate plan --shards N --format json > \(path)`") }
        let plan: ShardPlan
        do { plan = try JSONDecoder().decode(ShardPlan.self, from: data) } catch {
            throw UsageError(description: "--plan \(path) is not `gate plan --format json` output (\(error))")
        }
        guard plan.shards.count == shard.count else {
            throw UsageError(description: "--plan \(path) has \(plan.shards.count) shards, --shard says \(shard.count)")
        }
        guard plan.to == tip.hex else {
            throw UsageError(description: "--plan \(path) was made for \(plan.to.prefix(10)), this run checks \(tip.short); plan and run the same commit")
        }
        return plan
    }
}
