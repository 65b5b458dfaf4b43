import Foundation

/// Shard plans inside a gate run: `gate plan --shards N` prints one, `gate run --shard K/N` runs one shard of it.
extension GateRun {
    /// The plan of `range` split into `count` shards, computed as a push would select (pytest files are collected
    /// in gate's checkout of the tip's tree to split them into node ids).
    public func shardPlan(_ range: RefRange, count: Int) throws -> ShardPlan {
        defer { releaseLock() }
        guard let tip = range.tip, let target = CheckTarget.group([range]).first else {
            return ShardPlan(from: range.bases.first?.hex, to: range.tip?.hex ?? "", mode: .none, reason: range.note,
                             split: Array(repeating: [], count: count), notes: [])
        }
        let commit = try repository.commit(tip)
        var listing: [TreeFile]?
        let files = { [repository] () throws -> [TreeFile] in
            if let listing { return listing }
            listing = try repository.listFiles(inTree: commit.tree)
            return listing!
        }
        let config = try ConfigLoader(repository: repository).load(tree: commit.tree, files: files).0
        let plan = try planner.plan(config: config, tree: commit.tree, changes: target.changes, files: files, runAll: runAll)
        let units = try shardUnits(plan, config: config, commit: commit, files: files)
        return ShardPlan(from: range.bases.first?.hex, to: tip.hex, mode: plan.mode, reason: plan.reason,
                         split: ShardPartition.split(units.units, into: count), notes: units.notes)
    }

    /// The suite runs of `shard` of the plan, in the workspace already checked out at `root`.
    func shardEntries(_ plan: TestPlan, shard: ShardSpec, config: GateConfig, root: String,
                      files: () throws -> [TreeFile]) throws -> (entries: [TestPlan.Entry], plan: ShardPlan) {
        let units = try shardUnits(plan, config: config, root: root, files: files)
        let split = ShardPlan(from: nil, to: "", mode: plan.mode, reason: plan.reason,
                              split: ShardPartition.split(units.units, into: shard.count), notes: units.notes)
        return (split.entries(shard.index, suites: config.suites), split)
    }

    /// The pre-push hook's share of `plan` under `run.local_budget_seconds`: the entries to run now, and the line
    /// saying what was deferred to CI (nil when everything fits).
    func budgetedEntries(_ plan: TestPlan, budget: Double, config: GateConfig, root: String,
                         files: () throws -> [TreeFile]) throws -> (entries: [TestPlan.Entry], deferred: String?) {
        let units = try shardUnits(plan, config: config, root: root, files: files)
        let split = LocalBudget(seconds: budget).split(units.units)
        guard !split.deferred.isEmpty else { return (plan.entries, nil) }
        let kept = ShardPlan(from: nil, to: "", mode: plan.mode, reason: plan.reason, split: [split.kept], notes: units.notes)
        return (kept.entries(1, suites: config.suites), LocalBudget.deferredLine(split.deferred, kept: split.kept, budget: budget))
    }

    var planner: TestPlanner {
        TestPlanner(repository: repository, trail: trail, runID: runID, directory: directory, environment: environment)
    }

    private func shardUnits(_ plan: TestPlan, config: GateConfig, commit: CommitInfo,
                            files: () throws -> [TreeFile]) throws -> ShardPlanner.Units {
        guard plan.entries.contains(where: { $0.suite.runner == .pytest }) else {
            return try shardUnits(plan, config: config, root: nil, files: files)
        }
        try acquireLock(wait: config.run.lockWait)
        let workspace = try prepareWorkspace(commit)
        return try shardUnits(plan, config: config, root: workspace.path, files: files)
    }

    private func shardUnits(_ plan: TestPlan, config: GateConfig, root: String?,
                            files: () throws -> [TreeFile]) throws -> ShardPlanner.Units {
        let whole = plan.entries.contains { $0.filter == nil && $0.suite.runner != .command }
            ? try planner.everyUnit(config: config, files: files) : [:]
        let tools = ToolEnvironment(repository: repository)
        let logs = logDirectory
        let collect = { [environment] (suite: SuiteDefinition, paths: [String]) throws -> [String] in
            guard let root else { return paths }
            try? FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
            return try PytestCollector().collect(paths, suite: suite, root: root,
                                                 logPath: logs + "/collect-" + SuiteExecutor.safeFileName(suite.name) + ".log",
                                                 environment: tools.environment(for: suite, base: environment))
        }
        let medians = try recordedMedians(plan.entries.map(\.suite.name))
        return ShardPlanner(collectPytest: collect, estimate: DurationEstimate(medians: medians))
            .units(plan.entries, wholeSuite: { whole[$0.name] ?? [] })
    }

    /// The history's median test durations of these suites; none when no run recorded a history yet.
    private func recordedMedians(_ suites: [String]) throws -> [String: [String: Double]] {
        guard let history = try TestHistory.existing(in: directory) else { return [:] }
        var medians: [String: [String: Double]] = [:]
        for suite in Set(suites) { medians[suite] = try history.medianSeconds(suite: suite) }
        return medians
    }
}
