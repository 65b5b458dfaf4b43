import Foundation
import Testing
@testable import GateCore

/// Submodules through real pushes: a bump is a change gate counts, tests see the submodule's files at the recorded
/// commit in gate's own checkout, and a submodule commit that is not available locally is said out loud.
@Suite("submodules end to end", .enabled(if: GitSandbox.hasTool("python3 -m pytest --version")))
struct SubmoduleEndToEndTests {
    static let allowFile = "git -c protocol.file.allow=always"
    /// Reads the submodule's data file: passes only when the submodule's files are present at the bumped commit.
    static let test = "from pathlib import Path\n\n\ndef test_vendored_data():\n    assert Path('vendor/sub/data.txt').read_text() == 'v2\\n'\n"
    static let unrelated = "def test_unrelated():\n    assert True\n"

    /// A project with `vendor/sub` at v1 pushed, then bumped to v2 and committed (not pushed), hook installed.
    func bumpedProject() throws -> GitSandbox {
        let box = try GitSandbox()
        try box.write("subsrc/data.txt", "v1\n")
        try box.sh("git init -q && git add -A && git commit -qm v1", in: "subsrc")
        try box.makeProject(["tests/test_vendor.py": Self.test.replacingOccurrences(of: "v2", with: "v1"), "tests/test_other.py": Self.unrelated,
                             "app.py": "X = 1\n",
                             ".gate.yml": "version: 1\nsuites:\n  - name: unit\n    runner: pytest\n"])
        try box.sh("\(Self.allowFile) submodule -q add '\(box.path("subsrc"))' vendor/sub && git commit -qm 'vendor sub' && git push -q --no-verify origin main", in: "work")
        try box.gate("install", in: "work")
        try box.write("subsrc/data.txt", "v2\n")
        try box.sh("git commit -qam v2", in: "subsrc")
        try box.sh("\(Self.allowFile) -C vendor/sub pull -q origin HEAD", in: "work")
        try box.write("work/tests/test_vendor.py", Self.test)
        try box.sh("git add vendor/sub tests/test_vendor.py && git commit -qm 'bump sub to v2'", in: "work")
        return box
    }

    @Test func aBumpIsListedAndSelectsEveryTest() throws {
        let box = try bumpedProject()
        // Only the gitlink changes: without the test edit, the bump alone must still count.
        try box.sh("git reset -q --soft HEAD~1 && git reset -q tests/test_vendor.py && git commit -qm 'bump only'", in: "work")
        let changed = try box.gate("changed --from origin/main", in: "work").output
        #expect(changed == "vendor/sub\n")
        let affected = try box.gate("affected --from origin/main --explain", in: "work").output
        #expect(affected.contains("vendor/sub changed: a submodule moved to another commit"))
        #expect(affected.contains("test_other.py"))
    }

    @Test func aBumpRunsTestsWithTheSubmodulesFilesInGatesCheckout() throws {
        let box = try bumpedProject()
        // A tracked edit keeps gate out of the work tree: the tests run in .git/gate/checkout.
        try box.sh("echo 'X = 2' > app.py", in: "work")
        let output = try box.sh("git push origin main", in: "work").output
        #expect(output.contains(".git/gate/checkout"))
        #expect(output.contains("running unit"))
        #expect(output.contains("2 passed, 0 failed"))
        #expect(box.read("work/.git/gate/checkout/vendor/sub/data.txt") == "v2\n")
        #expect(try box.rev("main", in: "remote.git") == box.rev("HEAD"))
    }

    /// The work tree's submodule is at an older commit than the one recorded: gate must not run there.
    @Test func aWorkTreeWhoseSubmoduleLagsIsNotUsed() throws {
        let box = try bumpedProject()
        try box.sh("git -C vendor/sub checkout -q HEAD~1", in: "work")
        #expect(box.read("work/vendor/sub/data.txt") == "v1\n")
        let output = try box.sh("git push origin main", in: "work").output
        #expect(output.contains(".git/gate/checkout"))
        #expect(output.contains("2 passed, 0 failed"))
    }

    /// The work tree's submodule is at the recorded commit but its tracked file is edited: gate must not run there.
    @Test func aWorkTreeWhoseSubmoduleIsEditedIsNotUsed() throws {
        let box = try bumpedProject()
        try box.write("work/vendor/sub/data.txt", "edited\n")
        let output = try box.sh("git push origin main", in: "work").output
        #expect(output.contains(".git/gate/checkout"))
        #expect(output.contains("2 passed, 0 failed"))
        #expect(box.read("work/vendor/sub/data.txt") == "edited\n")
    }

    /// A submodule with a submodule of its own: both are written into gate's checkout.
    @Test func nestedSubmodulesAreCheckedOutToo() throws {
        let box = try GitSandbox()
        try box.write("innersrc/inner.txt", "deep\n")
        try box.sh("git init -q && git add -A && git commit -qm inner", in: "innersrc")
        try box.write("subsrc/data.txt", "v1\n")
        try box.sh("git init -q && git add -A && git commit -qm v1 && \(Self.allowFile) submodule -q add '\(box.path("innersrc"))' lib/inner && git commit -qm inner",
                   in: "subsrc")
        let test = "from pathlib import Path\n\n\ndef test_deep():\n    assert Path('vendor/sub/lib/inner/inner.txt').read_text() == 'deep\\n'\n"
        try box.makeProject(["tests/test_deep.py": test, "app.py": "X = 1\n", ".gate.yml": "version: 1\nsuites:\n  - name: unit\n    runner: pytest\n"])
        try box.gate("install", in: "work")
        try box.sh("\(Self.allowFile) submodule -q add '\(box.path("subsrc"))' vendor/sub && \(Self.allowFile) submodule -q update --init --recursive && git commit -qm 'vendor sub'",
                   in: "work")
        try box.sh("echo 'X = 2' > app.py", in: "work")
        let output = try box.sh("git push origin main", in: "work").output
        #expect(output.contains(".git/gate/checkout"))
        #expect(output.contains("1 passed, 0 failed"))
        #expect(!output.contains("not checked out where tests run"))
        #expect(box.read("work/.git/gate/checkout/vendor/sub/lib/inner/inner.txt") == "deep\n")
    }

    @Test func aSubmoduleCommitMissingLocallyIsSaidOutLoud() throws {
        let box = try bumpedProject()
        // Record a submodule commit this clone has never fetched.
        try box.write("subsrc/data.txt", "v3\n")
        try box.sh("git commit -qam v3", in: "subsrc")
        let unseen = try box.rev("HEAD", in: "subsrc")
        try box.sh("git update-index --cacheinfo 160000,\(unseen),vendor/sub && git commit -qm 'bump to unseen' && echo 'X = 2' > app.py", in: "work")
        let output = try box.sh("git push origin main", in: "work", expect: 1).output
        #expect(output.contains("submodule vendor/sub at \(unseen.prefix(10)) is not checked out where tests run"))
        #expect(output.contains("git submodule update --init --recursive"))
        #expect(box.read("work/.git/gate/events.jsonl")?.contains("\"event\":\"submodule_missing\"") == true)
        let report = try #require(try FileManager.default.contentsOfDirectory(atPath: box.path("work/.git/gate/reports")).first { $0.hasSuffix(".md") })
        #expect(box.read("work/.git/gate/reports/" + report)?.contains("submodule vendor/sub at \(unseen.prefix(10)) is not checked out") == true)
    }
}
