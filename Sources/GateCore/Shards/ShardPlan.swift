/// The selected tests split into N shards, as `gate plan --shards N` prints it and `gate run --shard K/N` runs it.
public struct ShardPlan: Sendable, Codable, Equatable {
    public struct Shard: Sendable, Codable, Equatable {
        /// 1-based, as `--shard K/N` takes it.
        public var index: Int
        public var seconds: Double
        public var units: [ShardUnit]
    }

    public var from: String?
    public var to: String
    public var mode: TestPlan.Mode
    public var reason: String
    public var shards: [Shard]
    /// max(longest unit, total / N): no split can finish sooner.
    public var lowerBound: Double
    /// Units priced by the estimate rule, not by the history.
    public var estimatedUnits: Int
    /// Why some units are coarser than they could be (a pytest file whose tests could not be listed).
    public var notes: [String]

    public var makespan: Double { shards.map(\.seconds).max() ?? 0 }

    public init(from: String?, to: String, mode: TestPlan.Mode, reason: String, split: [[ShardUnit]], notes: [String]) {
        self.from = from
        self.to = to
        self.mode = mode
        self.reason = reason
        let all = split.flatMap { $0 }
        shards = split.enumerated().map { Shard(index: $0.offset + 1, seconds: $0.element.reduce(0) { $0 + $1.seconds }, units: $0.element) }
        lowerBound = ShardPartition.lowerBound(all, count: max(1, split.count))
        estimatedUnits = all.filter { $0.timing == .estimated }.count
        self.notes = notes
    }

    /// The suite runs of shard `index`: each suite's units as its filter, a `command` suite whole.
    public func entries(_ index: Int, suites: [SuiteDefinition]) -> [TestPlan.Entry] {
        guard let shard = shards.first(where: { $0.index == index }) else { return [] }
        return suites.compactMap { suite in
            let ids = shard.units.filter { $0.suite == suite.name }.map(\.id)
            guard !ids.isEmpty else { return nil }
            return TestPlan.Entry(suite: suite, filter: suite.runner == .command ? nil : ids)
        }
    }
}
