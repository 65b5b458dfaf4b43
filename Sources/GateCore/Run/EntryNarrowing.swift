import Foundation

/// The parts of a commit's check between its plan and its suite runs: the shard or local budget that narrows what
/// runs, and the coverage thresholds judged after.
extension GateRun {
    struct NarrowedEntries {
        var entries: [TestPlan.Entry]
        /// The local budget deferred some units to CI: the tree is not verified by this run.
        var deferredToCI: Bool
    }

    /// What this run executes of `plan`: shard K of N (`--shard`), or what the local budget allows (pre-push);
    /// nil when the shard has nothing (it passes).
    func narrowedEntries(_ plan: TestPlan, config: GateConfig, commit: CommitInfo, label: String, root: String,
                         files: () throws -> [TreeFile], report: inout RunReport.Target) throws -> NarrowedEntries? {
        var entries = plan.entries
        if let shard {
            let split = try shardPlan.map { given in
                guard given.to == commit.id.hex else {
                    throw ShardSpecError(text: shard.description, reason: "--plan was made for \(given.to.prefix(10)), this run checks \(commit.id.short); plan and run the same commit")
                }
                return (given.entries(shard.index, suites: config.suites), given)
            } ?? shardEntries(plan, shard: shard, config: config, root: root, files: files)
            if shardPlan == nil {
                console.line("gate: \(label): shard \(shard) planned from this clone's history; CI jobs should share one plan (`gate plan --shards \(shard.count) --format json > plan.json`, then `--plan plan.json`), or a test may run twice or not at all.")
            }
            entries = split.entries
            for note in split.plan.notes { console.line(console.styled("gate: ⚠ \(note)", .yellow)) }
            let units = split.plan.shards[shard.index - 1].units.count
            report.planReason += "; shard \(shard) of the selection: \(units) of \(split.plan.shards.map(\.units.count).reduce(0, +)) units"
            report.suites = entries.map(\.suite.name)
            guard !entries.isEmpty else {
                console.line("gate: \(label): shard \(shard) has nothing selected (the selection has \(split.plan.shards.map(\.units.count).reduce(0, +)) units in all); passed.")
                return nil
            }
        }
        var deferredToCI = false
        if shard == nil, mode == .prePush, let budget = config.run.localBudgetSeconds {
            let budgeted = try budgetedEntries(plan, budget: budget, config: config, root: root, files: files)
            if let line = budgeted.deferred {
                entries = budgeted.entries
                deferredToCI = true
                console.line(console.styled("gate: \(label): ⚠ " + line, .yellow))
                report.planReason += "; ⚠ " + line
                trail.append(run: runID, event: .selection, ["mode": .string("budget"), "reason": .string(line), "tests": .int(entries.compactMap(\.filter).reduce(0) { $0 + $1.count })])
            }
        }
        return NarrowedEntries(entries: entries, deferredToCI: deferredToCI)
    }

    /// The `quality:` thresholds judged on a passing run's coverage, logged to the trail.
    func measuredQuality(_ quality: QualitySettings, target: CheckTarget, commit: CommitInfo, root: String,
                         coverage: (entries: [TestPlan.Entry], files: [String: String]), results: [SuiteResult],
                         wholeSuiteRan: Bool) throws -> QualityReport {
        let bases = try target.bases.map { try repository.commit($0).tree }
        let report = try QualityCheck(settings: quality, repository: repository, tree: commit.tree, baseTrees: bases, root: root)
            .evaluate(entries: coverage.entries, results: results, files: coverage.files, wholeSuiteRan: wholeSuiteRan)
        trail.append(run: runID, event: .coverage, QualityText.trailFields(report, commit: commit.id))
        return report
    }
}
