import Foundation

/// `gate report merge`: the JSON reports of a plan's N shard jobs combined into one verdict (and one JUnit file) for
/// the final CI job. Passed only when every shard 1…N sent a report and each passed; a blocked, fixed or timed-out
/// shard blocks; a missing shard, a file that cannot be read, or reports of different plans are errors that name it.
public struct ShardReportMerge {
    /// What the merge found: the combined report, and the shards it could not account for.
    public struct Result: Sendable {
        public var report: RunReport
        /// One line per problem (missing shard, unreadable file, duplicate, mismatch); empty when all N were there.
        public var problems: [String]
        public var exit: GateExitCode { !problems.isEmpty ? .internalFailure : (report.verdict == .passed || report.verdict == .unchecked ? .passed : .blocked) }
    }

    public init() {}

    /// Reads and merges the reports at `paths`. Unreadable files become problems, not thrown errors, so the
    /// merged report still lists every shard that did report.
    public func merge(paths: [String]) -> Result {
        var loaded: [(path: String, report: RunReport)] = []
        var problems: [String] = []
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                problems.append("\(path): no such file (did that shard's job fail before writing its report? check its log)")
                continue
            }
            do { loaded.append((path, try JSONDecoder().decode(RunReport.self, from: data))) } catch {
                problems.append("\(path): not a gate.report/1 JSON report (\(error))")
            }
        }
        return merge(loaded, problems: problems)
    }

    func merge(_ loaded: [(path: String, report: RunReport)], problems initial: [String]) -> Result {
        var problems = initial
        var byIndex: [Int: (path: String, report: RunReport)] = [:]
        var counts = Set<Int>()
        for item in loaded {
            guard let text = item.report.shard, let spec = try? ShardSpec(parsing: text) else {
                problems.append("\(item.path): not a shard's report (it has no `shard`; write it with `gate run --shard K/N --json PATH`)")
                continue
            }
            counts.insert(spec.count)
            if let earlier = byIndex[spec.index] {
                problems.append("\(item.path): shard \(spec) again (already read from \(earlier.path))")
                continue
            }
            byIndex[spec.index] = item
        }
        let count = counts.max() ?? 0
        if counts.count > 1 { problems.append("the reports come from plans of different sizes (\(counts.sorted().map(String.init).joined(separator: ", ")) shards); merge the reports of one plan") }
        let missing = count == 0 ? [] : (1...count).filter { byIndex[$0] == nil }
        for index in missing { problems.append("shard \(index)/\(count) sent no report: its job failed or did not upload it; the merged verdict cannot be passed") }
        if count == 0 && problems.isEmpty { problems.append("no shard report given") }
        let ordered = byIndex.keys.sorted().compactMap { byIndex[$0] }
        return Result(report: combined(ordered, problems: problems), problems: problems)
    }

    private func combined(_ ordered: [(path: String, report: RunReport)], problems: [String]) -> RunReport {
        let reports = ordered.map(\.report)
        let blocking: Set<Verdict> = [.blocked, .fixed, .timeout]
        let verdict: Verdict = !problems.isEmpty || reports.contains { blocking.contains($0.verdict) } ? .blocked
            : (reports.contains { $0.verdict == .unchecked } ? .unchecked : .passed)
        var steps = problems
        for item in ordered where item.report.verdict != .passed {
            steps.append("shard \(item.report.shard ?? "?"): \(item.report.verdict.rawValue) (run \(item.report.run); \(item.path))")
        }
        var report = RunReport(run: RunID.make(), time: EventTrail.timestamp(), mode: .run, verdict: verdict,
                               refs: reports.first?.refs ?? [], changed: Array(Set(reports.flatMap(\.changed))).sorted(),
                               targets: reports.flatMap(\.targets), attempts: reports.flatMap(\.attempts),
                               fixedCommit: reports.compactMap(\.fixedCommit).first, nextSteps: steps,
                               logDirectory: reports.first?.logDirectory ?? "")
        report.mergedFrom = ordered.map(\.path)
        return report
    }
}
