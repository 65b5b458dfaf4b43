import Foundation
import Testing
@testable import GateCore

/// SIGKILL at every step of fix delivery, through a real `git push` and the installed hook (`GATE_TEST_KILL_AT`).
/// Whatever the step, the user's repository stays sound: fsck passes, the branch and work tree are the pushed ones, no
/// lock blocks git, and the next run clears what the killed run left, says so, and delivers the fix.
@Suite("fix delivery survives kill -9", .enabled(if: GitSandbox.hasTool("python3 -m pytest --version")))
struct FixDeliveryKillTests {
    static let calc = "def add(a, b):\n    return a + b\n"
    static let broken = "def add(a, b):\n    return a - b\n\n\ndef sub(a, b):\n    return a - b\n"
    static let tests = "from calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n"
    static let agent = "#!/bin/sh\ncat >/dev/null\nprintf 'calc.py\\n<<<<<<< SEARCH\\ndef add(a, b):\\n    return a - b\\n=======\\ndef add(a, b):\\n    return a + b\\n>>>>>>> REPLACE\\n'\n"

    /// A project whose push breaks `add`, with the hook installed and a command provider that always fixes it.
    func breakingPush() throws -> (box: GitSandbox, pushed: String) {
        let box = try GitSandbox()
        try box.write("agent.sh", Self.agent)
        try box.sh("chmod +x agent.sh")
        let config = "version: 1\nsuites:\n  - name: unit\n    runner: pytest\n    env:\n      PYTHONPATH: .\nfix:\n  provider: command\n  command: \(box.path("agent.sh"))\n  timeout: 30\n"
        try box.makeProject(["calc.py": Self.calc, "tests/test_calc.py": Self.tests, ".gate.yml": config])
        try box.gate("install", in: "work")
        try box.write("work/calc.py", Self.broken)
        try box.sh("git commit -qam 'add sub, break add'", in: "work")
        return (box, try box.rev("HEAD"))
    }

    func lockFiles(_ box: GitSandbox) throws -> [String] {
        try box.sh("cd .git && find . -name '*.lock' | sed 's|^./||' | sort", in: "work").output.split(separator: "\n").map(String.init)
    }

    /// The user's repository is exactly as before the push: branch, index, work tree, objects.
    func expectUntouched(_ box: GitSandbox, pushed: String) throws {
        #expect(try box.sh("git fsck --full --no-progress", in: "work", expect: nil).status == 0)
        #expect(try box.rev("main") == pushed)
        #expect(try box.rev("HEAD") == pushed)
        #expect(try box.sh("git status --porcelain --untracked-files=no", in: "work").output.isEmpty)
        #expect(try box.sh("git diff --quiet \(pushed) && git diff --cached --quiet \(pushed)", in: "work", expect: nil).status == 0)
        #expect(FileManager.default.contents(atPath: box.path("work/calc.py")) == Data(Self.broken.utf8))
        #expect(!box.exists("work/.git/index.lock"))
    }

    @Test(arguments: TestKillPoint.allCases)
    func killAtStepLeavesTheRepositorySoundAndTheNextRunDelivers(_ step: TestKillPoint) throws {
        let (box, pushed) = try breakingPush()
        let killed = try box.sh("git push origin main", in: "work", env: [TestKillPoint.variable: step.rawValue], expect: nil)
        #expect(killed.status != 0)
        #expect(killed.output.contains("died of signal 9"))
        #expect(killed.output.contains("fixed in") == (step == .note))
        try expectUntouched(box, pushed: pushed)
        #expect(try box.rev("main", in: "remote.git") != pushed)
        // The only lock a kill can leave is the one of the ref being written, which git renames over the ref.
        let expectedLocks: [String] = switch step {
        case .ref: ["refs/gate/fixes/main.lock"]
        case .note: ["refs/notes/gate.lock"]
        case .checkout, .commit: []
        }
        #expect(try lockFiles(box) == expectedLocks)
        // The ref being written kept its old value: no fix ref before the ref step, the fix after it.
        let fixRef = try box.sh("git rev-parse -q --verify refs/gate/fixes/main", in: "work", expect: nil)
        #expect((fixRef.status == 0) == (step == .note))
        // git itself is not blocked: a user's `git add` (which takes .git/index.lock) works.
        try box.sh("git add calc.py", in: "work")
        if step == .note { Thread.sleep(forTimeInterval: StaleReferenceLocks.liveWriteSeconds + 0.5) }

        let next = try box.sh("git push origin main", in: "work", expect: 1).output
        #expect(next.contains("cleared a stale lock left by a gate run that was killed (pid"))
        for lock in expectedLocks { #expect(next.contains("removed \(lock), a ref lock left by a gate run that was killed")) }
        #expect(next.contains("fixed in"))
        #expect(next.contains("take it with `git merge --ff-only refs/gate/fixes/main`"))
        #expect(next.contains("gate committed a fix and left your branch untouched"))
        #expect(!next.contains("could not write the note"))
        try expectUntouched(box, pushed: pushed)
        #expect(try lockFiles(box).isEmpty)
        #expect(!(box.read("work/.git/gate/lock") ?? "").contains(" "))

        // Taking the fix is git's own fast-forward; the re-push passes at once on the verified tree.
        let fix = try box.rev("refs/gate/fixes/main")
        #expect(try box.rev("refs/gate/fixes/main~1") == pushed)
        try box.sh("git merge -q --ff-only refs/gate/fixes/main", in: "work")
        let again = try box.sh("git push origin main", in: "work").output
        #expect(again.contains("already passed these tests") || again.contains("no test executed a changed block"))
        #expect(try box.rev("main", in: "remote.git") == fix)
        #expect(try box.sh("git fsck --full --no-progress", in: "work", expect: nil).status == 0)
        #expect(try lockFiles(box).isEmpty)
    }

    /// A run killed while writing `.git/gate/checkout` leaves the directory without its state file (removed before the
    /// first write): the next run must not trust it, and says it wrote it afresh.
    @Test func halfWrittenCheckoutIsWrittenAfreshAndSaid() throws {
        let (box, _) = try breakingPush()
        try box.sh("git reset -q --hard HEAD~1 && echo '# dirty' >> calc.py", in: "work")
        let first = try box.gate("run --no-fix", in: "work").output
        #expect(first.contains(".git/gate/checkout"))
        #expect(!first.contains("half-written"))
        // What a kill mid-checkout leaves: no state file, and a file of the checkout truncated.
        try FileManager.default.removeItem(atPath: box.path("work/.git/gate/checkout.tree"))
        try box.write("work/.git/gate/checkout/calc.py", "")
        try box.sh("git commit -qam 'touch' && echo '# dirty' >> calc.py", in: "work")
        let next = try box.gate("run --no-fix", in: "work").output
        #expect(next.contains("was left half-written by a gate run that was stopped; wrote it afresh"))
        #expect(next.contains("1 passed, 0 failed"))
        #expect(box.read("work/.git/gate/checkout/calc.py") == Self.calc + "# dirty\n")
    }

    /// Without the test hook nothing is killed, and any other value of the variable is ignored.
    @Test func unknownKillStepIsIgnored() throws {
        let (box, pushed) = try breakingPush()
        let output = try box.sh("git push origin main", in: "work", env: [TestKillPoint.variable: "everything"], expect: 1).output
        #expect(output.contains("fixed in"))
        try expectUntouched(box, pushed: pushed)
        #expect(try lockFiles(box).isEmpty)
    }
}
