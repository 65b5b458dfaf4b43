import Foundation
import Testing
@testable import GateCore

/// What a CI pipeline does after `gate plan`: each shard job writes its JSON report and JUnit file, a final job
/// merges them (`gate report merge`), and the durations travel back to the next plan through a history export.
@Suite(.serialized, .enabled(if: GitSandbox.hasTool("python3 -c 'import pytest, jsonschema'") && GitSandbox.hasTool("xmllint --version")))
struct ShardMergeEndToEndTests {
    /// One plan, then every shard of it in turn (each shard's run records durations, so planning again between
    /// shards would split differently: the shards share the plan file, as CI jobs do).
    private func runShards(_ box: GitSandbox, count: Int) throws -> [String] {
        try box.sh("mkdir -p ../out && '\(GitSandbox.gateBinary)' plan --shards \(count) --all --format json 2>/dev/null > ../out/plan.json", in: "work")
        return try (1...count).map { index in
            let json = box.path("out/shard-\(index).json")
            let result = try box.gate("run --all --no-fix --shard \(index)/\(count) --plan ../out/plan.json --json \(json) --junit \(box.path("out/shard-\(index).xml"))",
                                      in: "work", expect: nil)
            #expect(result.status == 0 || result.status == 1, "\(result.output)")
            return json
        }
    }

    private func failing(_ path: String) throws -> Set<String> {
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
        return Set(report.targets.flatMap(\.results).flatMap(\.cases).filter { $0.status == .failed || $0.status == .errored }.map(\.name))
    }

    @Test func mergedShardsBlockOnAnyFailureAndNameAMissingShard() throws {
        let box = try GitSandbox()
        try box.makeProject(ShardEndToEndTests.project())
        try box.gate("run --all --no-fix", in: "work", expect: 1)
        let reports = try runShards(box, count: 3)

        let merged = try box.gate("report merge \(reports.joined(separator: " ")) --junit \(box.path("out/all.xml")) --output \(box.path("out/all.json"))",
                                  in: "work", expect: 1)
        #expect(merged.output.contains("merged 3 shard report(s): blocked"), "\(merged.output)")
        #expect(try failing(box.path("out/all.json")) == ShardEndToEndTests.failing)
        let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: URL(fileURLWithPath: box.path("out/all.json"))))
        #expect(report.verdict == .blocked)
        #expect(report.mergedFrom == reports)
        #expect(Set(report.targets.flatMap(\.results).flatMap(\.cases).map(\.name)).count == 30)
        try MachineReadableReportEndToEndTests.validate(report: box.path("out/all.json"), box: box)
        try MachineReadableReportEndToEndTests.validate(report: reports[0], box: box)
        try MachineReadableReportEndToEndTests.xmllint(box.path("out/all.xml"), box: box)
        let xml = try String(contentsOfFile: box.path("out/all.xml"), encoding: .utf8)
        #expect(xml.contains("tests=\"30\""), "\(xml.prefix(400))")

        // Shard 2 never reported: an error naming it, whatever the others say.
        let partial = try box.gate("report merge \(reports[0]) \(reports[2]) --output \(box.path("out/partial.json"))", in: "work", expect: 3)
        #expect(partial.output.contains("shard 2/3 sent no report"), "\(partial.output)")
        let gone = try box.gate("report merge \(reports[0]) \(reports[1]) \(box.path("out/nope.json"))", in: "work", expect: 3)
        #expect(gone.output.contains("nope.json: no such file"))
        #expect(gone.output.contains("shard 3/3 sent no report"))
        // The same shard twice does not stand in for a missing one.
        try box.gate("report merge \(reports[0]) \(reports[0]) \(reports[1])", in: "work", expect: 3)
        // A report that is not a shard's is refused by name.
        try box.gate("run --all --no-fix --json \(box.path("out/whole.json"))", in: "work", expect: 1)
        let whole = try box.gate("report merge \(box.path("out/whole.json"))", in: "work", expect: 3)
        #expect(whole.output.contains("not a shard's report"))
    }

    @Test func mergedShardsPassOnlyWhenEveryShardPassed() throws {
        let box = try GitSandbox()
        var files = ShardEndToEndTests.project()
        files = files.mapValues { $0.replacingOccurrences(of: "assert add(1, 1) == 3", with: "assert add(1, 1) == 2")
            .replacingOccurrences(of: "raise RuntimeError('boom')", with: "pass") }
        try box.makeProject(files)
        let reports = try runShards(box, count: 2)
        let merged = try box.gate("report merge \(reports.joined(separator: " ")) --output \(box.path("out/all.json"))", in: "work")
        #expect(merged.output.contains("merged 2 shard report(s): passed (30 passed, 0 failed or errored)"), "\(merged.output)")
        try MachineReadableReportEndToEndTests.validate(report: box.path("out/all.json"), box: box)

        // A plan of another size or another commit is refused before anything runs.
        let size = try box.gate("run --all --no-fix --shard 1/3 --plan ../out/plan.json", in: "work", expect: 2).output
        #expect(size.contains("has 2 shards, --shard says 3"), "\(size)")
        try box.sh("echo '# more' >> README.md && git commit -qam more", in: "work")
        let stale = try box.gate("run --all --no-fix --shard 1/2 --plan ../out/plan.json", in: "work", expect: 2).output
        #expect(stale.contains("plan and run the same commit"), "\(stale)")
    }

    /// A fresh CI clone knows no durations; importing another clone's export gives the plan recorded times for every unit.
    @Test func aPlanUsesTimingsImportedFromAnotherClone() throws {
        let box = try GitSandbox()
        try box.makeProject(ShardEndToEndTests.project())
        try box.sh("git clone -q remote.git ci")
        let before = try plan(box, in: "ci")
        #expect((before["estimatedUnits"] as? Int) == 30)

        try box.gate("run --all --no-fix", in: "work", expect: 1)
        try box.gate("history export --output ../timings.json", in: "work")
        try box.gate("history import ../timings.json", in: "ci")
        let after = try plan(box, in: "ci")
        #expect((after["estimatedUnits"] as? Int) == 0)

        // The same through the ref: write-ref, push, fetch, import --ref.
        try box.sh("git clone -q remote.git ci2")
        try box.gate("history write-ref", in: "work")
        try box.sh("git push -q --no-verify origin refs/gate/history", in: "work")
        try box.sh("git fetch -q origin refs/gate/history:refs/gate/history", in: "ci2")
        try box.gate("history import --ref refs/gate/history", in: "ci2")
        #expect((try plan(box, in: "ci2")["estimatedUnits"] as? Int) == 0)
    }

    private func plan(_ box: GitSandbox, in directory: String) throws -> [String: Any] {
        let output = try box.gate("plan --shards 2 --all --format json", in: directory).output
        let start = try #require(output.firstIndex(of: "{"))
        return try #require(try JSONSerialization.jsonObject(with: Data(output[start...].utf8)) as? [String: Any])
    }
}
