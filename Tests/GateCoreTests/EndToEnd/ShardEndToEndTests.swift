import Foundation
import Testing
@testable import GateCore

/// `gate plan --shards N` and `gate run --shard K/N` on a real pytest project: the shards partition the selection,
/// and running every shard fails exactly the tests one unsharded run fails.
@Suite(.serialized) struct ShardEndToEndTests {
    static let config = "version: 1\nsuites:\n  - name: unit\n    runner: pytest\n    env:\n      PYTHONPATH: .\nselection:\n  coverage: false\nfix:\n  provider: none\n"

    /// Five test files of six tests each; two tests fail (one assertion, one error), one file's tests are slow.
    static func project() -> [String: String] {
        var files = ["calc.py": "def add(a, b):\n    return a + b\n", ".gate.yml": config, "README.md": "# calc\n"]
        for file in 0..<5 {
            var text = "import time\nfrom calc import add\n\n"
            for test in 0..<6 {
                let body: String
                switch (file, test) {
                case (1, 2): body = "    assert add(1, 1) == 3"
                case (3, 5): body = "    raise RuntimeError('boom')"
                case (4, _): body = "    time.sleep(0.2)\n    assert add(\(test), 1) == \(test + 1)"
                default: body = "    assert add(\(test), \(file)) == \(test + file)"
                }
                text += "\ndef test_\(test)():\n\(body)\n\n"
            }
            files["tests/test_f\(file).py"] = text
        }
        return files
    }

    static let failing: Set<String> = ["tests/test_f1.py::test_2", "tests/test_f3.py::test_5"]

    /// The failing test ids of the last report gate wrote (reports are written when a run blocks).
    private func failingInNewReports(_ box: GitSandbox, after seen: inout Set<String>) throws -> Set<String> {
        let directory = box.path("work/.git/gate/reports")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var failed = Set<String>()
        for name in names where name.hasSuffix(".json") && !seen.contains(name) {
            seen.insert(name)
            let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
            Self.collectFailing(json, into: &failed)
        }
        return failed
    }

    private static func collectFailing(_ value: Any, into failed: inout Set<String>) {
        if let object = value as? [String: Any] {
            if let name = object["name"] as? String, let status = object["status"] as? String, ["failed", "errored"].contains(status) {
                failed.insert(name)
            }
            for child in object.values { collectFailing(child, into: &failed) }
        } else if let array = value as? [Any] {
            for child in array { collectFailing(child, into: &failed) }
        }
    }

    private func plan(_ box: GitSandbox, _ count: Int) throws -> [String: Any] {
        let output = try box.gate("plan --shards \(count) --all --format json", in: "work").output
        let start = output.firstIndex(of: "{")!
        return try JSONSerialization.jsonObject(with: Data(output[start...].utf8)) as! [String: Any]
    }

    @Test func everyShardCountPartitionsTheSelectionAndFailsWhatOneRunFails() throws {
        guard GitSandbox.hasTool("python3 -c 'import pytest'") else { return }
        let box = try GitSandbox()
        try box.makeProject(Self.project())
        var seen = Set<String>()
        // One unsharded run: the reference failing set, and the durations the plans then use.
        try box.gate("run --all --no-fix", in: "work", expect: 1)
        #expect(try failingInNewReports(box, after: &seen) == Self.failing)

        let everyTest = Set((0..<5).flatMap { file in (0..<6).map { "tests/test_f\(file).py::test_\($0)" } })
        for count in [1, 2, 3, 4, 7] {
            let plan = try plan(box, count)
            let shards = plan["shards"] as! [[String: Any]]
            #expect(shards.count == count)
            let ids = shards.flatMap { ($0["units"] as! [[String: Any]]).map { $0["id"] as! String } }
            #expect(ids.count == everyTest.count, "a test in two shards, or one missing, for N=\(count)")
            #expect(Set(ids) == everyTest)
            #expect((plan["estimatedUnits"] as? Int) == 0)

            // The shards run one shared plan, as CI jobs do: each shard's run records durations, so planning again
            // between shards could split differently (a test twice, another never).
            try box.sh("'\(GitSandbox.gateBinary)' plan --shards \(count) --all --format json 2>/dev/null > ../plan-\(count).json", in: "work")
            var failed = Set<String>()
            var ran: [String] = []
            for index in 1...count {
                let result = try box.gate("run --all --no-fix --shard \(index)/\(count) --plan ../plan-\(count).json --json ../ran-\(count)-\(index).json", in: "work", expect: nil)
                #expect(result.status == 0 || result.status == 1, "\(result.output)")
                failed.formUnion(try failingInNewReports(box, after: &seen))
                let report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: URL(fileURLWithPath: box.path("ran-\(count)-\(index).json"))))
                ran += report.targets.flatMap(\.results).flatMap(\.cases).map(\.name)
            }
            #expect(failed == Self.failing, "N=\(count)")
            #expect(ran.sorted() == everyTest.sorted(), "N=\(count): every test ran exactly once")
        }
        // The slow file's tests (0.2 s each) are spread: no shard of 4 holds more than two of them.
        let four = try plan(box, 4)["shards"] as! [[String: Any]]
        for shard in four {
            let slow = (shard["units"] as! [[String: Any]]).filter { ($0["id"] as! String).hasPrefix("tests/test_f4.py") }
            #expect(slow.count <= 2)
        }
    }

    @Test func aShardWithNothingSelectedPassesAndSaysSo() throws {
        guard GitSandbox.hasTool("python3 -c 'import pytest'") else { return }
        let box = try GitSandbox()
        try box.makeProject(["calc.py": "def add(a, b):\n    return a + b\n", ".gate.yml": Self.config,
                             "tests/test_calc.py": "from calc import add\n\ndef test_add():\n    assert add(1, 2) == 3\n"])
        let empty = try box.gate("run --all --no-fix --shard 3/3", in: "work")
        #expect(empty.output.contains("shard 3/3 has nothing selected"))
        let ran = try box.gate("run --all --no-fix --shard 1/3", in: "work")
        #expect(ran.output.contains("1 passed"))
    }

    @Test func matrixFormatsAreWhatCIReads() throws {
        guard GitSandbox.hasTool("python3 -c 'import pytest'") else { return }
        let box = try GitSandbox()
        try box.makeProject(Self.project())
        let github = try box.gate("plan --shards 3 --all --format github", in: "work").output
        let line = github.split(separator: "\n").last.map(String.init) ?? ""
        let matrix = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
        let include = matrix["include"] as! [[String: Any]]
        #expect(include.map { $0["shard"] as! String } == ["1/3", "2/3", "3/3"])
        let gitlab = try box.gate("plan --shards 2 --all --format gitlab", in: "work").output
        #expect(gitlab.contains("parallel:\n  matrix:\n    - GATE_SHARD: [\"1/2\", \"2/2\"]"))
        // Each plan collected pytest ids under the run lock and released it: the next command finds no stale lock.
        #expect(!gitlab.contains("stale lock"), "\(gitlab)")
        #expect(!(try box.gate("plan --shards 2 --all", in: "work").output.contains("stale lock")))
    }

    @Test func badShardValuesAreUsageErrors() throws {
        let box = try GitSandbox()
        try box.makeProject(["README.md": "# x\n"])
        for bad in ["0/2", "3/2", "two"] {
            let result = try box.gate("run --no-fix --shard \(bad)", in: "work", expect: 2)
            #expect(result.output.contains("K/N") || result.output.contains("between"))
        }
        try box.gate("plan --shards 0", in: "work", expect: 2)
    }
}
