import Foundation

/// One gate invocation over a set of pushed refs: plan, run and judge each pushed commit, then report.
public final class GateRun {
    public let repository: GitRepository
    public let console: Console
    public let environment: [String: String]
    public let directory: GateDirectory
    public let trail: EventTrail
    public let runID: String
    public let mode: RunMode
    public var runAll = false
    /// Repairs failing tests; nil blocks at once.
    public var fixer: FixLoopRunner?
    /// The settings used when the repository itself is in charge (server): overrides a pushed `.gate.yml`.
    public var configOverride: (GateConfig, [UInt8])?
    /// Never read `.gate.yml` from the pushed tree (server): without `configOverride`, suites are detected.
    public var ignoreTreeConfig = false
    /// Whether a watchdog cut the run short (server timeout): the verdict is then `timeout`, not the killed tests'.
    public var stoppedEarly: (@Sendable () -> Bool)?
    /// Where checkouts go; nil uses the shared `.git/gate/checkout` (pre-push, run).
    public var privateCheckoutDirectory: String?
    /// Runs only this shard of the plan (`gate run --shard K/N`); nil runs the whole plan.
    public var shard: ShardSpec?
    /// The plan `gate plan --format json` wrote (`gate run --shard K/N --plan FILE`): run its shard K as it is, so every
    /// shard job runs the same split whatever history each has; nil plans again from this clone's history.
    public var shardPlan: ShardPlan?
    /// Where to write the run's JUnit XML (`gate run --junit`); overrides `report.junit` of `.gate.yml`.
    public var junitPath: String?
    /// Where to copy the run's JSON report (`gate run --json`), e.g. for `gate report merge` in CI.
    public var jsonPath: String?

    private var lock: RunLock?
    /// Set when a pushed commit changed code that no suite can test: the verdict is then `unchecked`, not `passed`.
    private var unchecked = false
    private let started = Date()
    /// `run.log_limit` and `run.retention` of the last config read; `ranTests` once a suite ran (pruning is due).
    private var runSettings = GateConfig.RunSettings()
    private var reportSettings = GateConfig.ReportSettings()
    private var ranTests = false
    /// Every suite run of this gate run, and `history:` of the last config read, for the test history.
    var captures: [SuiteRunCapture] = []
    var historySettings = HistorySettings()
    var verifiedCacheHit = false

    public init(repository: GitRepository, console: Console, environment: [String: String], mode: RunMode) throws {
        self.repository = repository
        self.console = console
        self.environment = environment
        self.mode = mode
        directory = GateDirectory(commonGitDirectory: repository.commonDirectory)
        try directory.ensureExists()
        trail = EventTrail(path: directory.events)
        runID = RunID.make()
    }

    public struct Outcome: Sendable {
        public var exit: GateExitCode
        public var reportPath: String?
        public var fixedCommit: ObjectID?
    }

    /// Checks every range; returns the verdict. Config errors are thrown (exit 2).
    public func check(_ ranges: [RefRange], remote: String? = nil) throws -> Outcome {
        defer { lock?.release() }
        var startFields: [String: JSONValue] = ["mode": .string(mode.rawValue), "refs": .int(ranges.count)]
        if let remote { startFields["remote"] = .string(remote) }
        trail.append(run: runID, event: .runStart, startFields)
        for range in ranges {
            trail.append(run: runID, event: .range, [
                "ref": .string(range.ref), "scope": .string(range.scope.rawValue), "range": .string(range.display),
                "note": .string(range.note), "files": .int(range.changes.count),
            ])
        }
        let targets = CheckTarget.group(ranges)
        let changed = Array(Set(ranges.flatMap { $0.changes.flatMap(\.paths) })).sorted()
        if targets.isEmpty {
            let why = ranges.isEmpty ? "nothing to push" : ranges.map { "\($0.ref): \($0.note)" }.joined(separator: "; ")
            console.line((console.usesColor ? console.styled("gate: ✓ nothing to check", .green) : "gate: nothing to check") + " — " + why)
            trail.append(run: runID, event: .verdict, ["verdict": .string(Verdict.passed.rawValue), "exit": 0, "reason": .string(why)])
            if let jsonPath {
                var report = RunReport(run: runID, time: EventTrail.timestamp(), mode: mode, verdict: .passed, refs: ranges, changed: changed,
                                       targets: [], attempts: [], fixedCommit: nil, nextSteps: [why], logDirectory: logDirectory)
                report.shard = shard?.description
                if let written = try? ReportWriter(directory: directory.reports).write(report) { copyJSON(written.jsonPath, to: jsonPath) }
            }
            return Outcome(exit: .passed)
        }

        var reports: [RunReport.Target] = []
        var attempts: [FixAttemptRecord] = []
        var fixedCommit: ObjectID?
        var blocked = false
        for target in targets {
            var outcome = try checkTarget(target)
            if !outcome.report.passed, let fixer, let plan = outcome.plan, let config = outcome.config {
                let fix = try fixer.repair(target: target, report: outcome.report, plan: plan, config: config, context: self)
                attempts += fix.attempts
                if let results = fix.finalResults { outcome.report.results = results }
                if let commit = fix.fixedCommit { fixedCommit = commit }
                if fix.passedAsFlaky { outcome.report.passed = true }
            }
            reports.append(outcome.report)
            if outcome.report.blocksPush || fixedCommit != nil { blocked = true }
        }

        let belowCoverage = blocked && reports.allSatisfy(\.passed)
        let verdict: Verdict = stoppedEarly?() == true ? .timeout : (fixedCommit != nil ? .fixed : (belowCoverage ? .belowCoverage : (blocked ? .blocked : (unchecked ? .unchecked : .passed))))
        var report = RunReport(run: runID, time: EventTrail.timestamp(), mode: mode, verdict: verdict, refs: ranges,
                               changed: changed, targets: reports, attempts: attempts, fixedCommit: fixedCommit,
                               nextSteps: [], logDirectory: logDirectory)
        report.diffCoverage = reports.compactMap { $0.quality?.diffCoverage.percent }.min()
        report.nextSteps = nextSteps(report)
        report.shard = shard?.description
        var reportPath: String?
        // Every run that ran tests keeps its report (for `gate report`, CI and the JUnit file); only a blocked one
        // is announced and noted.
        let written = blocked || ranTests || jsonPath != nil ? try ReportWriter(directory: directory.reports).write(report) : nil
        if let jsonPath, let written { copyJSON(written.jsonPath, to: jsonPath) }
        if ranTests || junitPath != nil { writeJUnit(report) }
        if blocked, let written {
            reportPath = written.markdownPath
            if !repository.isBare || mode != .preReceive {
                for target in reports where target.blocksPush {
                    do {
                        try repository.addNote(written.markdown, to: target.commit, whileLocked: { TestKillPoint.note.reach(environment) })
                    } catch {
                        console.line("gate: could not write the note on \(target.commit.short) under refs/notes/gate (\(error)); the report is at \(written.markdownPath).")
                    }
                }
            }
        }
        printSummary(report, reportPath: reportPath)
        let exit: GateExitCode = blocked ? .blocked : .passed
        var fields: [String: JSONValue] = ["verdict": .string(verdict.rawValue), "exit": .int(Int(exit.rawValue)),
                                           "elapsed": .double(Date().timeIntervalSince(started))]
        if let reportPath { fields["report"] = .string(reportPath) }
        if let fixedCommit { fields["commit"] = .string(fixedCommit.hex) }
        if let percent = report.diffCoverage { fields["diff_coverage"] = .double(percent) }
        trail.append(run: runID, event: .verdict, fields)
        recordHistory(verdict: verdict, attempts: attempts, started: started, diffCoverage: report.diffCoverage)
        if ranTests {
            let pruned = runSettings.retention.prune(directory, keeping: runID)
            if !pruned.isEmpty { trail.append(run: runID, event: .runsPruned, ["runs": .int(pruned.count)]) }
        }
        return Outcome(exit: exit, reportPath: reportPath, fixedCommit: fixedCommit)
    }

    public var logDirectory: String { directory.logs + "/" + runID }

    /// Copies the JSON report where `--json` asks; a failure to write is said, not fatal.
    private func copyJSON(_ source: String, to path: String) {
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(contentsOf: URL(fileURLWithPath: source)).write(to: URL(fileURLWithPath: path), options: .atomic)
            console.line("gate: JSON report written to \(path)")
        } catch {
            console.line(console.styled("gate: ⚠ could not write the JSON report \(path) (\(error)); check that its directory is writable.", .yellow))
        }
    }

    /// Writes the JUnit XML file `--junit` or `report.junit` asks for; a failure to write is said, not fatal.
    private func writeJUnit(_ report: RunReport) {
        guard let path = junitPath ?? reportSettings.junit.map({ RunReportPaths.inWorkTree($0, repository: repository) }) else { return }
        do {
            try JUnitReport.write(report, to: path)
            if mode != .preReceive { console.line("gate: JUnit XML written to \(path)") }
        } catch {
            console.line(console.styled("gate: ⚠ could not write the JUnit XML file \(path) (\(error)); check that its directory is writable.", .yellow))
        }
    }

    struct TargetOutcome {
        var report: RunReport.Target
        var plan: TestPlan? = nil
        var config: GateConfig? = nil
    }

    /// Plans and runs one commit's tests.
    func checkTarget(_ target: CheckTarget) throws -> TargetOutcome {
        let commit = try repository.commit(target.tip)
        var listing: [TreeFile]?
        let files = { [repository] () throws -> [TreeFile] in
            if let listing { return listing }
            listing = try repository.listFiles(inTree: commit.tree)
            return listing!
        }
        // `load` and `detected` already fill in detected suites; a server config without `suites:` is completed here.
        let (config, configBytes) = try configOverride.map { (try ConfigLoader.completed($0.0, files: files, repository: repository), $0.1) }
            ?? (ignoreTreeConfig ? ConfigLoader.detected(files: files, repository: repository) : ConfigLoader(repository: repository).load(tree: commit.tree, files: files))
        try announceDetectedSuites(config, files: files, label: commit.id.short)
        let planned = try TestPlanner(repository: repository, trail: trail, runID: runID, directory: directory, environment: environment)
            .plan(config: config, tree: commit.tree, changes: target.changes, files: files, runAll: runAll)
        let plan = config.quality.measuresCoverage ? CoveragePlan.widened(planned, suites: config.suites, changes: target.changes) : planned
        var report = RunReport.Target(commit: commit.id, tree: commit.tree, refs: target.refs, workspace: "-",
                                      planMode: plan.mode, planReason: plan.reason, suites: plan.entries.map(\.suite.name),
                                      results: [], verifiedBefore: false, passed: true)
        let label = "\(commit.id.short)"
        if plan.entries.isEmpty {
            if TestPlanner.changesCodeWithoutSuites(config, target.changedPaths) {
                console.line(console.styled("gate: \(label): warning: ", .yellow) + plan.reason)
                trail.append(run: runID, event: .nothingCheckable, ["commit": .string(commit.id.hex), "reason": .string(plan.reason)])
                unchecked = true
            } else {
                console.line("gate: \(label): " + plan.reason)
            }
            return TargetOutcome(report: report)
        }
        let cacheKey = VerifiedTreeCache.key(tree: commit.tree, selection: plan.fingerprint, configBytes: configBytes,
                                             toolVersions: ToolFingerprint.of(plan.entries.map(\.suite.runner), environment: environment))
        let cache = VerifiedTreeCache(path: directory.verifiedTrees)
        if shard == nil, cache.contains(cacheKey) {
            report.verifiedBefore = true
            verifiedCacheHit = true
            historySettings = config.history
            console.line("gate: \(label): tree \(commit.tree.short) already passed these tests (\(plan.entries.count) suites); nothing to re-run.")
            trail.append(run: runID, event: .verifiedCacheHit, ["commit": .string(commit.id.hex), "tree": .string(commit.tree.hex)])
            return TargetOutcome(report: report)
        }
        runSettings = config.run
        historySettings = config.history
        reportSettings = config.report
        do { try ToolCheck(tools: ToolEnvironment(repository: repository)).require(plan.entries.map(\.suite), base: environment) } catch {
            trail.append(run: runID, event: .toolMissing, ["exit": 3, "error": .string(String(describing: error))])
            throw error
        }
        try acquireLock(wait: config.run.lockWait)
        let workspace = try prepareWorkspace(commit)
        report.workspace = workspace.path
        if workspace.rewroteAfterKill {
            console.line("gate: \(workspace.path) was left half-written by a gate run that was stopped; wrote it afresh.")
        }
        for problem in workspace.submoduleProblems {
            console.line(console.styled("gate: ⚠ \(problem)", .yellow))
            report.planReason += "; ⚠ \(problem)"
            trail.append(run: runID, event: .submoduleMissing, ["path": .string(problem.gitlink.path), "commit": .string(problem.gitlink.commit.hex)])
        }
        if workspace.inPlace { BytecodeCaches.invalidate(target.changedPaths, in: workspace.path) }
        let place = workspace.inPlace ? "the work tree" : (mode == .preReceive ? "a private checkout" : workspace.path)
        guard let narrowed = try narrowedEntries(plan, config: config, commit: commit, label: label, root: workspace.path,
                                                 files: files, report: &report) else { return TargetOutcome(report: report) }
        let (entries, deferredToCI) = (narrowed.entries, narrowed.deferredToCI)
        console.line("gate: \(label): running \(entries.map { $0.suite.name + ($0.filter.map { " (\($0.count) selected)" } ?? "") }.joined(separator: ", ")) in \(place) — \(plan.reason)")
        let quality = config.quality
        let coverage = try quality.measuresCoverage ? LineCoverageRequest.requesting(
            entries, directory: logDirectory + "/coverage-" + label,
            files: CoveragePlan.analysedFiles(entries, config: config, changed: target.changedPaths, tree: files)) : (entries: entries, files: [:])
        let results = runSuites(coverage.entries, root: workspace.path, label: label, commit: commit.id, attempt: 0)
        report.results = results
        report.passed = results.allSatisfy(\.verdictPassed)
        if report.passed && quality.measuresCoverage {
            report.quality = try measuredQuality(quality, target: target, commit: commit, root: workspace.path, coverage: coverage,
                                                 results: results, wholeSuiteRan: shard == nil && !deferredToCI && CoveragePlan.ranWhole(plan.entries, suites: config.suites))
        }
        if !report.blocksPush && shard == nil && !deferredToCI { cache.record(cacheKey) }
        return TargetOutcome(report: report, plan: TestPlan(mode: plan.mode, reason: plan.reason, entries: entries), config: config)
    }

    /// Says which suites were detected when the config leaves them out, so a detection is never silent.
    private func announceDetectedSuites(_ config: GateConfig, files: () throws -> [TreeFile], label: String) throws {
        let origin: String
        switch config.suiteSource {
        case .configFile: return
        case .detectedWithoutConfigFile: origin = ignoreTreeConfig ? "no server config" : "no .gate.yml"
        case .detectedWithoutSuitesKey: origin = configOverride == nil ? "no suites in .gate.yml" : "no suites in the server config"
        }
        let found = config.suites.isEmpty ? "no test suite detected" : "detected " + SuiteDetector.describe(config.suites, paths: try files().map(\.path))
        console.line("gate: \(label): \(origin): \(found)")
        let read = ConfigLoader.reader(try files(), repository: repository)
        for note in SuiteDetector.unsupported(paths: try files().map(\.path), read: read) { console.line("gate: \(label): WARNING: " + note) }
    }

    /// Runs suites and logs each result to the trail.
    func runSuites(_ entries: [TestPlan.Entry], root: String, label: String, commit: ObjectID, attempt: Int,
                   phase: TestRunPhase? = nil) -> [SuiteResult] {
        try? FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
        if root != repository.workDirectory { BytecodeCaches.clearAll(in: root) }
        ranTests = true
        let executor = SuiteExecutor(console: console, logDirectory: logDirectory, environment: environment, logLimit: runSettings.logLimit,
                                     tools: ToolEnvironment(repository: repository))
        let results = executor.run(entries, root: root, label: attempt == 0 ? label : "\(label)-attempt\(attempt)")
        for result in results {
            captures.append(SuiteRunCapture(commit: commit, phase: phase ?? (attempt > 0 ? .fix : .first), attempt: attempt,
                                            wholeSuite: entries.first { $0.suite.name == result.suite }?.filter == nil, result: result))
            var fields: [String: JSONValue] = [
                "suite": .string(result.suite), "runner": .string(result.runner.rawValue), "commit": .string(commit.hex),
                "passed": .int(result.passed), "failed": .int(result.failed), "errors": .int(result.errored),
                "skipped": .int(result.skipped), "duration": .double(result.duration), "attempt": .int(attempt),
            ]
            if let error = result.suiteError { fields["error"] = .string(String(error.prefix(500))) }
            trail.append(run: runID, event: .suite, fields)
            if mode != .preReceive { console.line("  " + SummaryFormat.suiteLine(result, console: console)) }
        }
        return results
    }

    func prepareWorkspace(_ commit: CommitInfo) throws -> TreeWorkspace {
        if let privateCheckoutDirectory {
            return try TreeWorkspace.checkout(tree: commit.tree, repository: repository, directory: privateCheckoutDirectory, stateFile: nil)
        }
        return try TreeWorkspace.prepare(commit: commit, repository: repository, gateDirectory: directory)
    }

    /// Releases the run lock, if this run holds it (`gate plan` takes it only to collect pytest ids in the checkout).
    func releaseLock() {
        lock?.release()
        lock = nil
    }

    func acquireLock(wait: Double) throws {
        guard lock == nil, privateCheckoutDirectory == nil else { return }
        let candidate = RunLock(path: directory.lock)
        switch candidate.acquire(wait: wait, onWait: { holder in console.line("gate: waiting for \(holder) to finish…") }) {
        case .acquired(let stale):
            if let stale {
                console.line("gate: cleared a stale lock left by a gate run that was killed (pid \(stale)).")
                trail.append(run: runID, event: .staleLockCleared, ["pid": .int(Int(stale))])
            }
            for path in StaleReferenceLocks(commonDirectory: repository.commonDirectory).clear() {
                console.line("gate: removed \(path), a ref lock left by a gate run that was killed while writing it; the ref kept its old value.")
                trail.append(run: runID, event: .staleLockCleared, ["path": .string(path)])
            }
            lock = candidate
            _ = InterruptTrap.shared.addCleanup { candidate.release() }
        case .busy(let holder):
            throw GateBusyError(holder: holder, lockPath: directory.lock)
        }
    }

    private func nextSteps(_ report: RunReport) -> [String] {
        if let fixed = report.fixedCommit {
            let branch = report.refs.compactMap(\.localRef).first { $0.hasPrefix("refs/heads/") }
            let take = branch.map { "`git merge --ff-only refs/gate/fixes/\($0.dropFirst("refs/heads/".count))`" } ?? "`git checkout \(fixed.short)`"
            return ["gate committed a fix and left your branch untouched: review it with `git show \(fixed.short)`, take it with \(take), then `git push` again; the re-push passes at once because the tree is verified."]
        }
        if report.verdict == .belowCoverage { return QualityText.nextSteps(server: mode == .preReceive) }
        guard report.verdict == .blocked else { return [] }
        if mode == .preReceive {
            return ["Fix the failing tests locally, commit, and push again.", "An admin finds this report on the server under gate/reports/\(report.run).md."]
        }
        return ["Fix the failing tests, commit, and `git push` again.",
                "Re-run the check by hand with `gate run`.",
                "To push anyway (not recommended): `GATE_SKIP=1 git push` or `git push --no-verify`."]
    }

    private func printSummary(_ report: RunReport, reportPath: String?) {
        if mode == .preReceive {
            for line in ServerSummary.lines(report) { console.line(line) }
            return
        }
        for line in SummaryFormat.block(report, reportPath: reportPath, elapsed: Date().timeIntervalSince(started), console: console) {
            console.line(line)
        }
    }
}

/// Another gate run holds the repository's lock.
public struct GateBusyError: Error, CustomStringConvertible {
    public let holder: String
    public let lockPath: String
    public var description: String {
        "another gate run is checking this repository (\(holder)). Wait for it and push again; raise run.lock_wait to wait longer. Lock: \(lockPath)"
    }
}
