import Foundation

/// Re-runs only the failing tests once. A test that passes the second time is flaky: it is recorded in the trail and in
/// `.git/gate/flakes.json`, reported, and never sent to the provider.
struct FlakeCheck {
    let context: GateRun

    struct Outcome {
        /// The results after the re-run, with flaky tests no longer failing.
        var results: [SuiteResult]
        var flaky: [String]
        var stillFailing: Bool
    }

    func run(results: [SuiteResult], plan: TestPlan, root: String, commit: ObjectID) -> Outcome {
        let failingBefore = Set(results.flatMap { Self.failingNames($0) })
        let entries = Self.rerunEntries(results: results, plan: plan)
        guard !entries.isEmpty else { return Outcome(results: results, flaky: [], stillFailing: true) }
        context.console.line("gate: re-running the \(failingBefore.count) failing test(s) once to rule out flakiness…")
        let rerun = context.runSuites(entries, root: root, label: commit.short + "-rerun", commit: commit, attempt: 0)
        let failingAfter = Set(rerun.flatMap { Self.failingNames($0) })
        let flaky = failingBefore.subtracting(failingAfter).filter { !$0.hasPrefix("suite:") }.sorted()
        var merged = results.filter { result in !rerun.contains { $0.suite == result.suite } }
        merged += rerun
        if !flaky.isEmpty {
            context.console.line("gate: flaky (failed, then passed on re-run): \(flaky.joined(separator: ", "))")
            for name in flaky { context.trail.append(run: context.runID, event: "flaky", ["test": .string(name), "commit": .string(commit.hex)]) }
            FlakeHistory(path: context.directory.root + "/flakes.json").record(flaky)
        }
        return Outcome(results: merged, flaky: flaky, stillFailing: !failingAfter.isEmpty)
    }

    /// Names of the failing tests of a result; a suite-level error counts as `suite:<name>`.
    static func failingNames(_ result: SuiteResult) -> [String] {
        var names = result.cases.filter { $0.status == .failed || $0.status == .errored }.map { result.suite + ": " + $0.name }
        if result.suiteError != nil && names.isEmpty { names.append("suite:" + result.suite) }
        return names
    }

    /// The failing suites, narrowed to the failing files (pytest, node) where the results name them.
    static func rerunEntries(results: [SuiteResult], plan: TestPlan) -> [TestPlan.Entry] {
        var entries: [TestPlan.Entry] = []
        for result in results where !result.verdictPassed {
            guard let entry = plan.entries.first(where: { $0.suite.name == result.suite }) else { continue }
            let files = Set(result.cases.filter { $0.status == .failed || $0.status == .errored }.compactMap(\.file))
            let narrowable = entry.suite.runner == .pytest || entry.suite.runner == .node
            if narrowable && !files.isEmpty && result.suiteError == nil {
                entries.append(TestPlan.Entry(suite: entry.suite, filter: files.sorted()))
            } else {
                entries.append(entry)
            }
        }
        return entries
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
