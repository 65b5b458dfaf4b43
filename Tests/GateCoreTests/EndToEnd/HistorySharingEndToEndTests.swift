import Foundation
import GRDB
import Testing
@testable import GateCore

/// `gate history export/import/write-ref` on real repositories, and the ref pushed and fetched through a real remote.
@Suite struct HistorySharingEndToEndTests {
    /// Records `count` pushes of `prefix` straight into the history of the repository at `work`.
    private func seed(_ box: GitSandbox, _ work: String, prefix: String, count: Int, tests: Int = 3, start: Double = 1_800_000_000) throws {
        let database = try HistoryDatabase(directory: GateDirectory(commonGitDirectory: box.path(work + "/.git")))
        let recorder = HistoryRecorder(database: database, settings: HistorySettings())
        for index in 0..<count {
            let cases = (0..<tests).map { TestCaseResult(name: "tests/test_\(prefix).py::test_\($0)", status: .passed, duration: 0.1 * Double($0 + 1)) }
            try recorder.record(TestHistoryTests.push("\(prefix)-\(index)", at: start + Double(index), [
                TestHistoryTests.capture(SuiteRunCapture(commit: TestHistoryTests.commitA, phase: .first, attempt: 0, wholeSuite: true,
                                                         result: SuiteResult(suite: "unit", runner: .pytest, cases: cases)).result),
            ]))
        }
    }

    private func counts(_ box: GitSandbox, _ work: String) throws -> [Int] {
        let database = try HistoryDatabase(path: box.path(work + "/.git/gate/history.sqlite"))
        return try database.read { db in
            [try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM push") ?? -1, try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM test_run") ?? -1]
        }
    }

    @Test func importMergesAndImportingTwiceAddsNothing() throws {
        let box = try GitSandbox()
        try box.makeProject(["a.txt": "a\n"])
        try box.sh("git clone -q remote.git other")
        try seed(box, "work", prefix: "a", count: 4)
        try seed(box, "other", prefix: "b", count: 2)
        try box.gate("history export --output ../a.json", in: "work")
        let first = try box.gate("history import ../a.json", in: "other").output
        #expect(first.contains("imported 4 new of 4 pushes and 12 new of 12 test runs"))
        let again = try box.gate("history import ../a.json", in: "other").output
        #expect(again.contains("imported 0 new of 4 pushes and 0 new of 12 test runs"))
        #expect(try counts(box, "other") == [6, 18])
        // Its export now holds both, oldest first, and stdout is the same JSON as --output.
        let exported = try box.gate("history export", in: "other").output
        let archive = try HistoryArchive.decode(Data(exported.utf8), source: "stdout")
        #expect(Set(archive.pushes.map(\.run)) == Set(["a-0", "a-1", "a-2", "a-3", "b-0", "b-1"]))
    }

    @Test func aFileThatIsNotAnExportIsRefusedWithExit2AndNothingWritten() throws {
        let box = try GitSandbox()
        try box.makeProject(["a.txt": "a\n"])
        try seed(box, "work", prefix: "a", count: 1)
        try box.write("bad.json", "{\"format\": \"something-else\"}")
        let bad = try box.gate("history import ../bad.json", in: "work", expect: 2).output
        #expect(bad.contains("not a gate history export"))
        // Valid header, one broken row: the whole import is refused, the history stays as it was.
        try box.write("broken.json", "{\"format\": \"gate-history\", \"version\": 1, \"pushes\": [{\"run\": \"x\"}], \"testRuns\": [], \"fixAttempts\": []}")
        try box.gate("history import ../broken.json", in: "work", expect: 2)
        try box.write("future.json", "{\"format\": \"gate-history\", \"version\": 9}")
        #expect(try box.gate("history import ../future.json", in: "work", expect: 2).output.contains("version 9"))
        #expect(try counts(box, "work") == [1, 3])
    }

    @Test func theHistoryRefIsPushedFetchedAndMergedBothWays() throws {
        let box = try GitSandbox()
        try box.makeProject(["a.txt": "a\n"])
        try box.sh("git clone -q remote.git other")
        try seed(box, "work", prefix: "a", count: 3)
        #expect(try box.gate("history write-ref", in: "work").output.contains("wrote 3 pushes to refs/gate/history"))
        try box.sh("git push -q origin refs/gate/history", in: "work")
        // The CI lines: fetch and import, record, write and push (a fast-forward on top of the fetched history).
        try box.sh("git fetch -q origin '+refs/gate/history:refs/gate/history'", in: "other")
        try box.gate("history import --ref refs/gate/history", in: "other")
        try seed(box, "other", prefix: "b", count: 2)
        try box.gate("history write-ref", in: "other")
        try box.sh("git push -q origin refs/gate/history", in: "other")
        #expect(try counts(box, "other") == [5, 15])
        try box.sh("git fetch -q origin '+refs/gate/history:refs/gate/history'", in: "work")
        try box.gate("history import --ref refs/gate/history", in: "work")
        #expect(try counts(box, "work") == [5, 15])
        // The ref is a line of commits, each with one file.
        let log = try box.sh("git log --format=%s refs/gate/history && git ls-tree --name-only refs/gate/history", in: "work").output
        #expect(log == "gate: test history, 5 pushes\ngate: test history, 3 pushes\nhistory.json\n")
        #expect(try box.gate("history import --ref refs/gate/missing", in: "work", expect: 2).output.contains("does not exist"))
    }

    @Test func twoImportProcessesAtOnceBothSucceed() throws {
        let box = try GitSandbox()
        try box.makeProject(["a.txt": "a\n"])
        try box.sh("git clone -q remote.git one && git clone -q remote.git two")
        try seed(box, "one", prefix: "a", count: 150, tests: 20)
        try seed(box, "two", prefix: "b", count: 150, tests: 20)
        try box.gate("history export --output ../a.json", in: "one")
        try box.gate("history export --output ../b.json", in: "two")
        let gate = GitSandbox.gateBinary
        let both = try box.sh("'\(gate)' history import ../a.json & a=$!; '\(gate)' history import ../b.json & b=$!; wait $a; ra=$?; wait $b; rb=$?; echo \"exit $ra $rb\"",
                              in: "work").output
        #expect(both.contains("exit 0 0"))
        #expect(!both.contains("locked"))
        #expect(try counts(box, "work") == [300, 6000])
    }
}
