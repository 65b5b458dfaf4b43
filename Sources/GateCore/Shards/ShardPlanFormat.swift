import Foundation

/// How `gate plan` prints a shard plan.
public enum ShardPlanFormat: String, Sendable, CaseIterable {
    /// For people: each shard's time and units.
    case text
    /// The whole plan, every unit with its time and where the time comes from.
    case json
    /// A GitHub Actions matrix for `strategy.matrix: ${{ fromJSON(...) }}`: `{"include": [{"shard": "1/4", …}]}`.
    case github
    /// GitLab CI `parallel:matrix` YAML giving each job `GATE_SHARD: K/N`.
    case gitlab

    public func render(_ plan: ShardPlan) throws -> String {
        switch self {
        case .json: return try Self.json(plan)
        case .github: return try Self.github(plan)
        case .gitlab: return Self.gitlab(plan)
        case .text: return Self.text(plan)
        }
    }

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    private static func json(_ plan: ShardPlan) throws -> String {
        let encoder = encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        return String(decoding: try encoder.encode(plan), as: UTF8.self)
    }

    private static func github(_ plan: ShardPlan) throws -> String {
        struct Job: Encodable { var shard: String; var index: Int; var total: Int; var units: Int; var seconds: Double }
        struct Matrix: Encodable { var include: [Job] }
        let jobs = plan.shards.map {
            Job(shard: "\($0.index)/\(plan.shards.count)", index: $0.index, total: plan.shards.count, units: $0.units.count,
                seconds: (($0.seconds * 10).rounded() / 10))
        }
        return String(decoding: try encoder().encode(Matrix(include: jobs)), as: UTF8.self)
    }

    private static func gitlab(_ plan: ShardPlan) -> String {
        let values = plan.shards.map { "\"\($0.index)/\(plan.shards.count)\"" }.joined(separator: ", ")
        return "parallel:\n  matrix:\n    - GATE_SHARD: [\(values)]"
    }

    private static func text(_ plan: ShardPlan) -> String {
        let total = plan.shards.reduce(0) { $0 + $1.units.count }
        var lines = ["\(total) units in \(plan.shards.count) shards (\(plan.mode.rawValue): \(plan.reason))",
                     String(format: "longest shard %.1f s; lower bound %.1f s; %d units estimated (no recorded time)",
                            plan.makespan, plan.lowerBound, plan.estimatedUnits)]
        for shard in plan.shards {
            lines.append(String(format: "  shard %d/%d: %d units, %.1f s", shard.index, plan.shards.count, shard.units.count, shard.seconds))
            for unit in shard.units.prefix(5) { lines.append("    \(unit.suite)  \(unit.id)") }
            if shard.units.count > 5 { lines.append("    … and \(shard.units.count - 5) more") }
        }
        lines += plan.notes.map { "⚠ " + $0 }
        return lines.joined(separator: "\n")
    }
}
