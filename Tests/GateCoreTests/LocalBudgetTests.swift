import Testing
@testable import GateCore

/// `LocalBudget.split`: shortest units first, a strict prefix within the budget, never an empty run.
struct LocalBudgetTests {
    static func unit(_ id: String, _ seconds: Double) -> ShardUnit {
        ShardUnit(suite: "unit", runner: .pytest, id: id, seconds: seconds, timing: .recorded)
    }

    @Test func keepsTheShortestUnitsWithinTheBudget() {
        let units = [Self.unit("c", 5), Self.unit("a", 1), Self.unit("d", 20), Self.unit("b", 2)]
        let split = LocalBudget(seconds: 8).split(units)
        #expect(split.kept.map(\.id) == ["a", "b", "c"])
        #expect(split.deferred.map(\.id) == ["d"])
        #expect(LocalBudget.deferredLine(split.deferred, kept: split.kept, budget: 8).contains("deferred to CI: 1 units, ~20 s"))
    }

    @Test func aBudgetBelowTheShortestUnitStillRunsIt() {
        let split = LocalBudget(seconds: 0.5).split([Self.unit("a", 3), Self.unit("b", 4)])
        #expect(split.kept.map(\.id) == ["a"])
        #expect(split.deferred.map(\.id) == ["b"])
    }

    @Test func everythingFitsNothingDeferred() {
        #expect(LocalBudget(seconds: 100).split([Self.unit("a", 3), Self.unit("b", 4)]).deferred.isEmpty)
    }
}
