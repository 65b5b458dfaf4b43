import Testing
@testable import GateCore

/// Splitting units into shards: every unit once, deterministic, and close to the lower bound.
struct ShardPartitionTests {
    static func units(_ seconds: [Double]) -> [ShardUnit] {
        seconds.enumerated().map { ShardUnit(suite: "unit", runner: .pytest, id: "tests/test_\($0.offset).py::t", seconds: $0.element, timing: .recorded) }
    }

    /// Skewed like real suites: most fast, some slow, a few very slow (a fixed pseudo-random sequence).
    static func skewed(_ count: Int) -> [Double] {
        var state: UInt64 = 42
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            let roll = Double(state >> 33) / Double(1 << 31)
            return roll < 0.9 ? 0.01 + roll / 10 : (roll < 0.99 ? 1 + roll * 2 : 20 + roll * 10)
        }
    }

    @Test(arguments: [1, 2, 3, 4, 8, 16])
    func everyUnitLandsInExactlyOneShard(count: Int) {
        let units = Self.units(Self.skewed(500))
        let shards = ShardPartition.split(units, into: count)
        #expect(shards.count == count)
        let placed = shards.flatMap { $0 }
        #expect(placed.count == units.count)
        #expect(Set(placed.map(\.id)) == Set(units.map(\.id)))
    }

    @Test func theSameInputsInAnyOrderGiveTheSameShards() {
        let units = Self.units(Self.skewed(300) + Array(repeating: 0.5, count: 40))
        let first = ShardPartition.split(units, into: 6)
        #expect(ShardPartition.split(units.reversed(), into: 6) == first)
        #expect(ShardPartition.split(units.shuffled(), into: 6) == first)
    }

    @Test(arguments: [2, 4, 8, 16])
    func twoThousandSkewedTestsFinishWithinFivePercentOfTheLowerBound(count: Int) {
        let units = Self.units(Self.skewed(2000))
        let makespan = ShardPartition.split(units, into: count).map { $0.reduce(0) { $0 + $1.seconds } }.max() ?? 0
        #expect(makespan <= ShardPartition.lowerBound(units, count: count) * 1.05)
    }

    @Test func moreShardsThanUnitsLeavesShardsEmpty() {
        let shards = ShardPartition.split(Self.units([1, 2]), into: 4)
        #expect(shards.map(\.count).sorted() == [0, 0, 1, 1])
    }

    @Test func shardSpecsAreCheckedWithAHint() throws {
        #expect(try ShardSpec(parsing: "2/4") == ShardSpec(index: 2, count: 4))
        for bad in ["0/3", "4/3", "x", "1/0", "2", "1/999"] {
            #expect(throws: ShardSpecError.self) { try ShardSpec(parsing: bad) }
        }
    }

    @Test func unrecordedUnitsTakeTheMedianOfTheirSuitesRecordedUnits() {
        let units = ["tests/test_a.py::t1", "tests/test_a.py::t2", "tests/test_b.py::t3", "tests/test_new.py::t4"].map {
            ShardUnit(suite: "unit", runner: .pytest, id: $0, seconds: 0, timing: .estimated)
        }
        let estimate = DurationEstimate(medians: ["unit": ["tests/test_a.py::t1": 1, "tests/test_a.py::t2": 3, "tests/test_b.py::t3": 8]])
        let priced = estimate.price(units, directory: { _ in "" })
        #expect(priced.map(\.seconds) == [1, 3, 8, 3])
        #expect(priced.map(\.timing) == [.recorded, .recorded, .recorded, .estimated])
        let file = ShardUnit(suite: "unit", runner: .pytest, id: "tests/test_a.py", seconds: 0, timing: .estimated)
        #expect(estimate.price([file], directory: { _ in "" }).first?.seconds == 4)
        let other = ShardUnit(suite: "go", runner: .go, id: "./pkg", seconds: 0, timing: .estimated)
        #expect(estimate.price([other], directory: { _ in "" }).first?.seconds == DurationEstimate.fallbackSeconds)
    }
}
