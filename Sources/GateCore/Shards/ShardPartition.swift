/// Splits units into N shards so that they finish together: longest first, each onto the shard with the least
/// time so far (LPT; at most 4/3 of the optimum, and near the lower bound when units are many and small).
///
/// Deterministic: ties are broken by suite and id, then by the lowest shard number, so every CI job that computes
/// the plan from the same inputs gets the same shards.
public enum ShardPartition {
    public static func split(_ units: [ShardUnit], into count: Int) -> [[ShardUnit]] {
        precondition(count >= 1)
        let ordered = units.sorted { ($1.seconds, $0.suite, $0.id) < ($0.seconds, $1.suite, $1.id) }
        var shards = Array(repeating: [ShardUnit](), count: count)
        var loads = Array(repeating: 0.0, count: count)
        for unit in ordered {
            var lightest = 0
            for shard in 1..<count where loads[shard] < loads[lightest] { lightest = shard }
            shards[lightest].append(unit)
            loads[lightest] += unit.seconds
        }
        return shards.map { $0.sorted { ($0.suite, $0.id) < ($1.suite, $1.id) } }
    }

    /// The best any split can do: the longest unit, or the total spread evenly.
    public static func lowerBound(_ units: [ShardUnit], count: Int) -> Double {
        max(units.map(\.seconds).max() ?? 0, units.reduce(0) { $0 + $1.seconds } / Double(count))
    }
}
