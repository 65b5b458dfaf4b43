import Foundation
import Testing
@testable import GateCore

/// Real `git push` to a local bare remote, through the installed shim and the built gate binary.
@Suite("pre-push end to end")
struct PrePushEndToEndTests {
    /// A project whose one `command` suite passes while value.txt says "ok".
    static let files = [
        ".gate.yml": "version: 1\nsuites:\n  - name: check\n    runner: command\n    command: sh test.sh\n    timeout: 60\n",
        "test.sh": "grep -q '^ok$' value.txt || { echo 'value.txt is not ok'; exit 1; }\n",
        "value.txt": "ok\n",
        "README.md": "# sample\n",
    ]

    func project() throws -> GitSandbox {
        let box = try GitSandbox()
        try box.makeProject(Self.files)
        try box.gate("install", in: "work")
        return box
    }

    func commit(_ box: GitSandbox, _ file: String, _ text: String, _ message: String) throws {
        try box.write("work/" + file, text)
        try box.sh("git add -A && git commit -q -m '\(message)'", in: "work")
    }

    @Test func passingPushGoesThrough() throws {
        let box = try project()
        try commit(box, "notes.txt", "hello\n", "add notes")
        let push = try box.sh("git push origin main", in: "work")
        #expect(push.output.contains("PASSED"))
        #expect(try box.rev("main", in: "remote.git") == box.rev("HEAD"))
    }

    @Test func failingTestBlocksAndLeavesReportAndNote() throws {
        let box = try project()
        let before = try box.rev("main", in: "remote.git")
        try commit(box, "value.txt", "broken\n", "break it")
        let push = try box.sh("git push origin main", in: "work", expect: 1)
        #expect(push.output.contains("BLOCKED"))
        #expect(push.output.contains("value.txt is not ok"))
        #expect(try box.rev("main", in: "remote.git") == before)
        let reports = try FileManager.default.contentsOfDirectory(atPath: box.path("work/.git/gate/reports"))
        #expect(reports.contains { $0.hasSuffix(".md") } && reports.contains { $0.hasSuffix(".json") })
        let note = try box.sh("git notes --ref gate show HEAD", in: "work").output
        #expect(note.contains("# gate: blocked"))
        let json = try #require(reports.first { $0.hasSuffix(".json") })
        let data = try #require(FileManager.default.contents(atPath: box.path("work/.git/gate/reports/" + json)))
        let report = try JSONDecoder().decode(RunReport.self, from: data)
        #expect(report.verdict == .blocked)
        #expect(report.changed == ["value.txt"])
        #expect(report.targets.first?.results.first?.failed == 1)
    }

    @Test func multiRefPushWhereOnlyTheSecondRefBreaksIsBlocked() throws {
        let box = try project()
        try commit(box, "notes.txt", "fine\n", "fine change")
        try box.sh("git checkout -q -b topic", in: "work")
        try commit(box, "value.txt", "broken\n", "break on topic")
        try box.sh("git checkout -q main", in: "work")
        let push = try box.sh("git push origin main topic", in: "work", expect: 1)
        #expect(push.output.contains("BLOCKED"))
        // pre-push is all or nothing: neither ref moved.
        #expect(try box.sh("git ls-remote ../remote.git topic", in: "work").output.isEmpty)
        #expect(try box.rev("main", in: "remote.git") != box.rev("main"))
    }

    @Test func newBranchIsCheckedAgainstItsNewCommits() throws {
        let box = try project()
        try box.sh("git checkout -q -b feature", in: "work")
        try commit(box, "value.txt", "broken\n", "break on feature")
        let push = try box.sh("git push -u origin feature", in: "work", expect: 1)
        #expect(push.output.contains("new ref: 1 new commit"))
        try box.write("work/extra.txt", "more\n")
        try commit(box, "value.txt", "ok\n", "mend")
        let second = try box.sh("git push -u origin feature", in: "work")
        #expect(second.output.contains("PASSED"))
        #expect(second.output.contains("2 new commits"))
    }

    @Test func deletionPassesWithoutRunningTests() throws {
        let box = try project()
        try box.sh("git push -q --no-verify origin main:refs/heads/old", in: "work")
        let push = try box.sh("git push origin --delete old", in: "work")
        #expect(push.output.contains("nothing to check"))
        #expect(!push.output.contains("running"))
    }

    @Test func tagPushes() throws {
        let box = try project()
        try box.sh("git tag light && git tag -a -m annotated v1.0", in: "work")
        let push = try box.sh("git push origin light v1.0", in: "work")
        #expect(push.output.contains("nothing to check"))
        // A tag on a commit the remote lacks is checked like a branch.
        try commit(box, "value.txt", "broken\n", "break")
        try box.sh("git tag -a -m broken v2.0", in: "work")
        let blocked = try box.sh("git push origin v2.0", in: "work", expect: 1)
        #expect(blocked.output.contains("BLOCKED"))
    }

    @Test func forcePushAfterRebaseChecksOnlyTheRewrittenCommits() throws {
        let box = try project()
        try box.sh("git checkout -q -b topic", in: "work")
        try commit(box, "a.txt", "a\n", "a on topic")
        try box.sh("git push -q origin topic", in: "work")
        try box.sh("git checkout -q main", in: "work")
        try commit(box, "b.txt", "b\n", "b on main")
        try box.sh("git push -q origin main", in: "work")
        try box.sh("git checkout -q topic && git rebase -q main", in: "work")
        try commit(box, "value.txt", "broken\n", "break after rebase")
        let push = try box.sh("git push --force origin topic", in: "work", expect: 1)
        #expect(push.output.contains("history rewritten"))
        #expect(push.output.contains("BLOCKED"))
    }

    @Test func dirtyWorkTreeDoesNotDecideTheVerdict() throws {
        let box = try project()
        // Pushed commit is broken, the uncommitted edit would pass: blocked.
        try commit(box, "value.txt", "broken\n", "break")
        try box.write("work/value.txt", "ok\n")
        let blocked = try box.sh("git push origin main", in: "work", expect: 1)
        #expect(blocked.output.contains(".git/gate/checkout"))
        #expect(box.read("work/value.txt") == "ok\n")
        // Pushed commit is good, the uncommitted edit would fail: passes.
        try box.write("work/extra.txt", "more\n")
        try box.sh("git add -A && git commit -q -m mend", in: "work")
        try box.write("work/value.txt", "broken again\n")
        let passed = try box.sh("git push origin main", in: "work")
        #expect(passed.output.contains("PASSED"))
        #expect(box.read("work/value.txt") == "broken again\n")
        #expect(try box.sh("git status --porcelain", in: "work").output.contains("value.txt"))
    }

    @Test func chainedForeignHookRunsFirstAndItsFailureBlocks() throws {
        let box = try GitSandbox()
        try box.makeProject(Self.files)
        try box.write("work/.git/hooks/pre-push", "#!/bin/sh\ncat > \"$(git rev-parse --git-dir)/foreign-stdin\"\necho \"$1 $2\" > \"$(git rev-parse --git-dir)/foreign-args\"\n[ -f \"$(git rev-parse --git-dir)/foreign-fail\" ] && exit 7\nexit 0\n")
        try box.sh("chmod +x .git/hooks/pre-push", in: "work")
        let install = try box.gate("install", in: "work")
        #expect(install.output.contains("pre-push.gate-legacy"))
        try commit(box, "notes.txt", "x\n", "notes")
        try box.sh("git push origin main", in: "work")
        let stdin = try #require(box.read("work/.git/foreign-stdin"))
        #expect(stdin.hasPrefix("refs/heads/main "))
        #expect(box.read("work/.git/foreign-args")?.hasPrefix("origin ") == true)
        try box.write("work/.git/foreign-fail", "")
        try commit(box, "notes.txt", "y\n", "notes 2")
        let blocked = try box.sh("git push origin main", in: "work", expect: 1)
        #expect(blocked.output.contains("chained hook"))
        // Uninstall puts the foreign hook back.
        try box.gate("uninstall", in: "work")
        #expect(box.read("work/.git/hooks/pre-push")?.contains("foreign-stdin") == true)
    }

    @Test func coreHooksPathIsHonoured() throws {
        let box = try GitSandbox()
        try box.makeProject(Self.files)
        try box.sh("git config core.hooksPath .githooks", in: "work")
        try box.gate("install", in: "work")
        #expect(box.exists("work/.githooks/pre-push"))
        #expect(!box.exists("work/.git/hooks/pre-push"))
        try commit(box, "value.txt", "broken\n", "break")
        try box.sh("git push origin main", in: "work", expect: 1)
        let doctor = try box.gate("doctor", in: "work", expect: nil)
        #expect(doctor.output.contains("core.hooksPath=.githooks (local)"))
    }

    @Test func gateSkipSkipsWithOneLine() throws {
        let box = try project()
        try commit(box, "value.txt", "broken\n", "break")
        let push = try box.sh("git push origin main", in: "work", env: ["GATE_SKIP": "1"])
        #expect(push.output.contains("gate: skipped (GATE_SKIP=1)"))
        #expect(try box.rev("main", in: "remote.git") == box.rev("HEAD"))
    }

    @Test func malformedStdinIsExitTwoNamingTheLine() throws {
        let box = try project()
        let head = try box.rev("HEAD")
        let zero = String(repeating: "0", count: 40)
        let bad = try box.gate("pre-push origin ../remote.git", in: "work",
                               stdin: "refs/heads/main \(head) refs/heads/main \(zero)\nthis is not a ref line\n", expect: 2)
        #expect(bad.output.contains("line 2"))
        let empty = try box.gate("pre-push origin ../remote.git", in: "work", stdin: "")
        #expect(empty.output.contains("nothing to check"))
    }

    @Test func localRefWithSpacesAndSha256ZeroIds() throws {
        let box = try project()
        let head = try box.rev("HEAD")
        let zero40 = String(repeating: "0", count: 40)
        let spaced = try box.gate("pre-push origin ../remote.git", in: "work",
                                  stdin: "HEAD~0 with spaces \(head) refs/heads/spaced \(zero40)\n")
        #expect(spaced.output.contains("nothing to check") || spaced.output.contains("PASSED"))
        let zero64 = String(repeating: "0", count: 64)
        let deletion = try box.gate("pre-push origin ../remote.git", in: "work",
                                    stdin: "(delete) \(zero64) refs/heads/gone \(String(repeating: "a", count: 64))\n")
        #expect(deletion.output.contains("deleted"))
    }

    @Test func invalidConfigIsExitTwoWithLineNumber() throws {
        let box = try project()
        try commit(box, ".gate.yml", "version: 1\nsuites:\n  - name: check\n    runner: command\n    command: sh test.sh\n    timout: 5\n", "typo")
        let push = try box.sh("git push origin main", in: "work", expect: 1)
        #expect(push.output.contains(":6: unknown key \"timout\""))
        let run = try box.gate("run --no-fix", in: "work", expect: 2)
        #expect(run.output.contains(".gate.yml (in tree"))
        #expect(run.output.contains(":6: unknown key \"timout\" in a suite"))
    }

    @Test func concurrentRunsWaitForTheLock() throws {
        let box = try project()
        try commit(box, "test.sh", "sleep 2\ngrep -q '^ok$' value.txt\n", "slow test")
        let gate = GitSandbox.gateBinary
        // Two runs at once on the same repository: the second waits for the first, and both finish.
        let result = try box.sh("'\(gate)' run --no-fix > one.log 2>&1 & sleep 0.5; '\(gate)' run --no-fix > two.log 2>&1; wait; cat one.log two.log", in: "work")
        #expect(result.output.contains("waiting for gate run pid"))
        #expect(result.output.components(separatedBy: "PASSED").count == 3)
        // With no time to wait, the second fails clearly.
        try box.write("work/.gate.yml", Self.files[".gate.yml"]! + "run:\n  lock_wait: 0.2\n")
        try box.sh("git commit -q -am 'short lock wait'", in: "work")
        let busy = try box.sh("'\(gate)' run --no-fix > one.log 2>&1 & sleep 0.5; '\(gate)' run --no-fix; status=$?; wait; exit $status", in: "work", expect: 3)
        #expect(busy.output.contains("another gate run is checking this repository"))
    }

    @Test func interruptKillsTheTestsAndReleasesTheLock() throws {
        let box = try project()
        try commit(box, "test.sh", "echo $$ > \"$GATE_PID_FILE\"\nsleep 30 & wait\n", "slow test")
        let gate = GitSandbox.gateBinary
        let pidFile = box.path("suite.pid")
        let script = """
        '\(gate)' run --no-fix > run.log 2>&1 &
        gate=$!
        for i in $(seq 1 100); do [ -s '\(pidFile)' ] && break; sleep 0.1; done
        kill -INT $gate
        wait $gate
        echo "exit=$?"; cat run.log
        """
        let result = try box.sh(script, in: "work", env: ["GATE_PID_FILE": pidFile])
        #expect(result.output.contains("exit=130"))
        let suitePID = try #require(Int32((box.read("suite.pid") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)))
        // The suite's whole process group is gone (the shell and its background sleep).
        #expect(kill(-suitePID, 0) == -1 && errno == ESRCH)
        #expect(box.read("work/.git/gate/lock")?.isEmpty == true)
        // Every line of the trail is intact JSON, and a new run can take the lock at once.
        for line in (box.read("work/.git/gate/events.jsonl") ?? "").split(separator: "\n") {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil, "\(line)")
        }
        try commit(box, "test.sh", "grep -q '^ok$' value.txt\n", "fast test")
        let again = try box.gate("run --no-fix", in: "work")
        #expect(!again.output.contains("waiting"))
    }

    @Test func verifiedTreePassesAtOnceUntilConfigChanges() throws {
        let box = try project()
        let first = try box.gate("run --no-fix", in: "work")
        #expect(first.output.contains("running check"))
        let second = try box.gate("run --no-fix", in: "work")
        #expect(second.output.contains("already passed these tests"))
        #expect(!second.output.contains("running check"))
        // A config change is a new tree and new settings: the tests run again.
        try commit(box, ".gate.yml", Self.files[".gate.yml"]! + "run:\n  lock_wait: 30\n", "config")
        let third = try box.gate("run --no-fix", in: "work")
        #expect(third.output.contains("running check"))
    }

    @Test func walkCapFromConfigFallsBackToTheWholeTreeAndSaysSo() throws {
        let box = try project()
        try commit(box, ".gate.yml", Self.files[".gate.yml"]! + "run:\n  max_commits: 2\n", "cap the walk")
        try box.sh("git push -q --no-verify origin main", in: "work")
        try box.sh("git checkout -q -b long && for i in 1 2 3; do echo $i > n$i.txt && git add n$i.txt && git commit -qm n$i; done", in: "work")
        let push = try box.sh("git push origin long", in: "work")
        #expect(push.output.contains("more than 2 new commits, so every file counts"))
        #expect(push.output.contains("PASSED"))
    }
}
