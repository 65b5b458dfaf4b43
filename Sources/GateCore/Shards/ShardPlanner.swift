/// Turns a test plan into shard units (pytest files into their node ids), prices them from the history and splits
/// them (`ShardPartition`).
struct ShardPlanner {
    /// Lists the node ids of pytest paths (relative to the suite's working directory) in the checkout.
    let collectPytest: (SuiteDefinition, [String]) throws -> [String]
    let estimate: DurationEstimate

    struct Units {
        var units: [ShardUnit]
        var notes: [String]
    }

    /// The units of `entries`; `wholeSuite` lists the unit ids of a suite an entry runs whole.
    func units(_ entries: [TestPlan.Entry], wholeSuite: (SuiteDefinition) -> [String]) -> Units {
        var units: [ShardUnit] = []
        var notes: [String] = []
        for entry in entries {
            let suite = entry.suite
            guard suite.runner != .command else {
                units.append(ShardUnit(suite: suite.name, runner: .command, id: suite.name, seconds: 0, timing: .estimated))
                continue
            }
            var ids = entry.filter ?? wholeSuite(suite)
            if suite.runner == .pytest {
                let paths = ids.filter { !$0.contains("::") }
                do {
                    let collected = try collectPytest(suite, paths)
                    ids = ids.filter { $0.contains("::") } + collected
                } catch {
                    notes.append("\(suite.name): its test files stay whole (pytest could not list their tests: \(error))")
                }
            }
            for id in Set(ids).sorted() {
                units.append(ShardUnit(suite: suite.name, runner: suite.runner, id: id, seconds: 0, timing: .estimated))
            }
        }
        let directories = Dictionary(entries.map { ($0.suite.name, RepoPath.cleanDirectory($0.suite.workingDirectory)) }) { first, _ in first }
        return Units(units: estimate.price(units, directory: { directories[$0] ?? "" }), notes: notes)
    }
}
