import Foundation

/// Re-runs only the failing tests once. A test that passes the second time is flaky: it is recorded in the trail and in
/// `.git/gate/flakes.json`, reported, and never sent to the provider.
///
/// Tests are matched by the runner's own ids (`FlakeCheck.failingNames`). Only a test the re-run really ran and saw
/// pass is flaky: a re-run that errors at suite level (a build error, pytest's "file or directory not found"), or
/// that does not run a test it was asked to, leaves that test still failing.
struct FlakeCheck {
    let context: GateRun
    /// `flaky:` of the pushed config: with `quarantine`, known-flaky failures from the history do not block.
    var flaky = FlakySettings()

    struct Outcome {
        /// The first run's results, with the re-run's verdict per test: flaky tests count as passed, marked `flaky`.
        var results: [SuiteResult]
        var flaky: [String]
        var stillFailing: Bool
    }

    func run(results: [SuiteResult], plan: TestPlan, root: String, commit: ObjectID) -> Outcome {
        let failingBefore = Set(results.flatMap { Self.failingNames($0) })
        let entries = Self.rerunEntries(results: results, plan: plan)
        guard !entries.isEmpty else { return Outcome(results: results, flaky: [], stillFailing: true) }
        context.console.line("gate: re-running the \(failingBefore.count) failing test(s) once to rule out flakiness…")
        let rerun = context.runSuites(entries, root: root, label: commit.short + "-rerun", commit: commit, attempt: 0, phase: .rerun)
        var outcome = Self.judge(results, rerun: rerun)
        if outcome.stillFailing && flaky.quarantine { outcome = quarantine(outcome, commit: commit) }
        if !outcome.flaky.isEmpty {
            context.console.line("gate: flaky (failed, then passed on re-run): \(outcome.flaky.joined(separator: ", "))")
            for name in outcome.flaky { context.trail.append(run: context.runID, event: .flaky, ["test": .string(name), "commit": .string(commit.hex)]) }
            FlakeHistory(path: context.directory.root + "/flakes.json").record(outcome.flaky)
        }
        for note in outcome.results.flatMap(\.notes) where note.hasPrefix(Self.notePrefix) { context.console.line("gate: " + note) }
        return outcome
    }

    /// Lets the failures the history knows as flaky through (`flaky.quarantine`); says so loudly when it cannot read it.
    private func quarantine(_ outcome: Outcome, commit: ObjectID) -> Outcome {
        let known: [String: FlakeRate]
        do {
            known = try TestHistory.existing(in: context.directory)?.knownFlaky(flaky) ?? [:]
        } catch {
            context.console.line(context.console.styled("gate: ⚠ flaky.quarantine: could not read the test history (\(error)); every failure blocks.", .yellow))
            return outcome
        }
        let (results, quarantined) = FlakyQuarantine(known: known).apply(outcome.results)
        guard !quarantined.isEmpty else { return outcome }
        for (name, rate) in quarantined {
            context.console.line("gate: quarantined (flaky.quarantine): \(name) failed, but \(FlakyQuarantine.describe(rate)); it does not block.")
            context.trail.append(run: context.runID, event: .quarantined, [
                "test": .string(name), "commit": .string(commit.hex), "rate": .double(rate.rate), "runs": .int(rate.runs)])
        }
        return Outcome(results: results, flaky: outcome.flaky,
                       stillFailing: results.contains { !$0.verdictPassed })
    }

    static let notePrefix = "re-run: "
    /// At most this many pytest node ids or swift test ids are passed on the re-run's command line.
    static let maxRerunIDs = 500

    /// The first run's results with the re-run's verdict per test. A failing test becomes flaky only when the re-run
    /// of its suite was judged (no suite error) and holds a passing case with the same id.
    static func judge(_ results: [SuiteResult], rerun: [SuiteResult]) -> Outcome {
        var flaky: [String] = []
        let merged = results.map { result -> SuiteResult in
            guard !result.verdictPassed, result.suiteError == nil, let again = rerun.first(where: { $0.suite == result.suite }) else {
                return result
            }
            if let error = again.suiteError {
                let reason = String(error.split(separator: "\n").first ?? "")
                return result.replacingCases(result.cases, addingNotes: [
                    notePrefix + "the re-run of \(result.suite)'s failing tests could not be judged (\(reason)); they count as still failing"])
            }
            // Should an id name two tests, the worse outcome counts: a failure is never hidden by a namesake's pass.
            let seen = Dictionary(again.cases.map { ($0.name, $0.status) }, uniquingKeysWith: { a, b in severity(a) >= severity(b) ? a : b })
            var notRun: [String] = []
            let cases = result.cases.map { item -> TestCaseResult in
                guard item.status == .failed || item.status == .errored else { return item }
                switch seen[item.name] {
                case .passed?:
                    var marked = item
                    marked.status = .passed
                    marked.flaky = true
                    flaky.append(result.suite + ": " + item.name)
                    return marked
                case nil, .skipped?:
                    notRun.append(item.name)
                    return item
                default:
                    return item
                }
            }
            let note = notRun.isEmpty ? [] : [notePrefix + "\(result.suite) did not run \(notRun.count) of the failing test(s) "
                + "it was asked to (\(notRun.prefix(5).joined(separator: ", "))); they count as still failing"]
            return result.replacingCases(cases, addingNotes: note)
        }
        return Outcome(results: merged, flaky: flaky.sorted(), stillFailing: merged.contains { !$0.verdictPassed })
    }

    private static func severity(_ status: TestStatus) -> Int {
        switch status {
        case .passed: return 0
        case .skipped: return 1
        case .failed: return 2
        case .errored: return 3
        }
    }

    /// The ids of the failing tests of a result, as `<suite>: <runner's test id>`; a suite-level error counts as
    /// `suite:<name>`. Every comparison of failing tests across runs (flaky check, fix attempts) goes through this.
    static func failingNames(_ result: SuiteResult) -> [String] {
        var names = result.cases.filter { $0.status == .failed || $0.status == .errored }.map { result.suite + ": " + $0.name }
        if result.suiteError != nil && names.isEmpty { names.append("suite:" + result.suite) }
        return names
    }

    /// The failing suites that can be judged, narrowed to exactly the failing tests where the runner's ids can be
    /// handed back to it (pytest node ids, swift test ids), or to the failing files (node, mocha, jest) or packages (go). A suite that failed as a
    /// whole (suite error) is not re-run: it cannot turn out flaky.
    static func rerunEntries(results: [SuiteResult], plan: TestPlan) -> [TestPlan.Entry] {
        var entries: [TestPlan.Entry] = []
        for result in results where !result.verdictPassed && result.suiteError == nil {
            guard let entry = plan.entries.first(where: { $0.suite.name == result.suite }) else { continue }
            let failing = result.cases.filter { $0.status == .failed || $0.status == .errored }
            switch entry.suite.runner {
            case .pytest where !failing.isEmpty && failing.allSatisfy({ !["", "."].contains(pytestID($0.name, entry.suite)) }):
                // Thousands of node ids could overflow the command line: then their files, which still judge each id.
                let ids = Set(failing.map { pytestID($0.name, entry.suite) })
                let filter = ids.count <= maxRerunIDs ? ids : Set(ids.map { String($0.prefix { $0 != ":" }) })
                entries.append(TestPlan.Entry(suite: entry.suite, filter: filter.sorted()))
            case .swift where !failing.isEmpty && failing.allSatisfy({ SwiftTestID.isTestID($0.name) }):
                // Over the limit, the failing tests' targets: the regex would overflow the command line.
                let ids = Set(failing.map(\.name))
                let filter = ids.count <= maxRerunIDs ? ids : Set(ids.map(SwiftTestID.module(of:)))
                entries.append(TestPlan.Entry(suite: entry.suite, filter: filter.sorted()))
            case .go where !failing.isEmpty:
                entries.append(TestPlan.Entry(suite: entry.suite, filter: Set(failing.map { GoTestRunner.package(ofCase: $0.name) }).sorted()))
            case let runner where runner.runsJavaScript && !failing.isEmpty && failing.allSatisfy({ $0.file != nil }):
                entries.append(TestPlan.Entry(suite: entry.suite, filter: Array(Set(failing.compactMap(\.file))).sorted()))
            default:
                entries.append(entry)
            }
        }
        return entries
    }

    /// The node id pytest understands for a shown (repository-relative) id.
    private static func pytestID(_ id: String, _ suite: SuiteDefinition) -> String {
        RepoRelativeTestID.runnerID(id, directory: RepoPath.cleanDirectory(suite.workingDirectory))
    }
}

/// How often each test has been seen flaky, in `.git/gate/flakes.json`.
struct FlakeHistory {
    let path: String

    func record(_ names: [String]) {
        var counts = (FileManager.default.contents(atPath: path)).flatMap { try? JSONDecoder().decode([String: Int].self, from: $0) } ?? [:]
        for name in names { counts[name, default: 0] += 1 }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        if let data = try? encoder.encode(counts) { try? data.write(to: URL(fileURLWithPath: path), options: .atomic) }
    }
}
