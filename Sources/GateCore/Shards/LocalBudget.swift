import Foundation

/// `run.local_budget_seconds`: the units a pre-push hook runs within its time budget, shortest expected first, and
/// the ones it leaves to CI.
public struct LocalBudget: Sendable {
    public let seconds: Double

    public init(seconds: Double) { self.seconds = seconds }

    /// Units in order of expected time (ties by suite and id, so the choice is stable); kept while the running total
    /// stays within the budget. At least the shortest unit is always kept, so a budget never runs nothing.
    public func split(_ units: [ShardUnit]) -> (kept: [ShardUnit], deferred: [ShardUnit]) {
        let ordered = units.sorted { ($0.seconds, $0.suite, $0.id) < ($1.seconds, $1.suite, $1.id) }
        var total = 0.0
        var kept: [ShardUnit] = []
        var deferred: [ShardUnit] = []
        for unit in ordered {
            if deferred.isEmpty && (kept.isEmpty || total + unit.seconds <= seconds) {
                kept.append(unit)
                total += unit.seconds
            } else {
                deferred.append(unit)
            }
        }
        return (kept, deferred)
    }

    /// The loud line the hook prints when it defers units.
    public static func deferredLine(_ deferred: [ShardUnit], kept: [ShardUnit], budget: Double) -> String {
        let later = deferred.reduce(0) { $0 + $1.seconds }
        let now = kept.reduce(0) { $0 + $1.seconds }
        return "run.local_budget_seconds \(String(format: "%g", budget)): ran \(kept.count) of \(kept.count + deferred.count) selected units (~\(Int(now.rounded())) s); "
            + "deferred to CI: \(deferred.count) units, ~\(Int(later.rounded())) s — run `gate run --shard K/N` (see `gate plan`) in CI, "
            + "or `gate run` here to run them all"
    }
}
