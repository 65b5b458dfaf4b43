import Foundation
import Testing
@testable import GateCore

/// Range computation against hand-built histories, in process.
@Suite("push range")
struct PushRangeResolverTests {
    let zero = ObjectID(hex: String(repeating: "0", count: 40))!

    func history() throws -> GitSandbox {
        let box = try GitSandbox()
        try box.makeProject(["a.txt": "a\n", "b.txt": "b\n"])
        try box.sh("git fetch -q origin", in: "work")
        return box
    }

    func update(_ box: GitSandbox, local: String, remote: String?, ref: String = "refs/heads/main") throws -> PushUpdate {
        PushUpdate(localRef: ref, localID: ObjectID(hex: try box.rev(local))!, remoteRef: ref,
                   remoteID: try remote.map { ObjectID(hex: try box.rev($0))! } ?? zero)
    }

    @Test func fastForwardUsesRemoteDotDotLocal() throws {
        let box = try history()
        try box.write("work/a.txt", "a2\n")
        try box.sh("git commit -qam one && git mv b.txt c.txt && git commit -qm rename", in: "work")
        let repo = try GitRepository(discoveringFrom: box.path("work"))
        let range = try PushRangeResolver(repository: repo).resolve(try update(box, local: "HEAD", remote: "origin/main"), remote: "origin")
        #expect(range.scope == .range)
        #expect(range.bases == [ObjectID(hex: try box.rev("origin/main"))!])
        #expect(Set(range.changes.flatMap(\.paths)) == ["a.txt", "b.txt", "c.txt"])
        #expect(range.changes.contains { $0.kind == .renamed && $0.oldPath == "b.txt" && $0.newPath == "c.txt" })
    }

    @Test func newBranchDiffsAgainstTheParentOfItsOldestNewCommit() throws {
        let box = try history()
        try box.sh("git checkout -q -b topic && echo x > x.txt && git add x.txt && git commit -qm x && echo y > y.txt && git add y.txt && git commit -qm y", in: "work")
        let repo = try GitRepository(discoveringFrom: box.path("work"))
        let range = try PushRangeResolver(repository: repo).resolve(try update(box, local: "HEAD", remote: nil, ref: "refs/heads/topic"), remote: "origin")
        #expect(range.scope == .range)
        #expect(range.bases == [ObjectID(hex: try box.rev("main"))!])
        #expect(range.changes.map(\.newPath).sorted() == ["x.txt", "y.txt"])
    }

    @Test func newRefOnPushedCommitHasNothingNew() throws {
        let box = try history()
        let repo = try GitRepository(discoveringFrom: box.path("work"))
        let range = try PushRangeResolver(repository: repo).resolve(try update(box, local: "HEAD", remote: nil, ref: "refs/heads/copy"), remote: "origin")
        #expect(range.scope == .nothingNew)
        #expect(!range.needsTests)
    }

    @Test func remoteObjectMissingLocallyFallsBackToTheWalk() throws {
        let box = try history()
        try box.sh("echo z > z.txt && git add z.txt && git commit -qm z", in: "work")
        let repo = try GitRepository(discoveringFrom: box.path("work"))
        let missing = ObjectID(hex: String(repeating: "e", count: 40))!
        let pushed = PushUpdate(localRef: "refs/heads/main", localID: ObjectID(hex: try box.rev("HEAD"))!, remoteRef: "refs/heads/main", remoteID: missing)
        let range = try PushRangeResolver(repository: repo).resolve(pushed, remote: "origin")
        #expect(range.note.contains("remote tip not in this repository"))
        #expect(range.changes.map(\.newPath) == ["z.txt"])
    }

    @Test func rootCommitAndCapFallBackToTheWholeTree() throws {
        let box = try history()
        try box.sh("for i in 1 2 3 4 5; do echo $i > n$i.txt; git add n$i.txt; git commit -qm n$i; done", in: "work")
        let repo = try GitRepository(discoveringFrom: box.path("work"))
        let capped = try PushRangeResolver(repository: repo, commitCap: 3).resolve(try update(box, local: "HEAD", remote: nil, ref: "refs/heads/other"), remote: "nowhere")
        #expect(capped.scope == .wholeTree)
        #expect(capped.note.contains("more than 3 new commits"))
        let root = try PushRangeResolver(repository: repo).resolve(try update(box, local: "HEAD", remote: nil, ref: "refs/heads/other"), remote: "nowhere")
        #expect(root.scope == .wholeTree)
        #expect(root.changes.count == 7)
    }

    @Test func annotatedTagIsPeeledAndTagOfBlobIsSkipped() throws {
        let box = try history()
        try box.sh("echo t > t.txt && git add t.txt && git commit -qm t && git tag -a -m v v1 && git tag blobtag $(git rev-parse HEAD:t.txt)", in: "work")
        let repo = try GitRepository(discoveringFrom: box.path("work"))
        let tagID = ObjectID(hex: try box.rev("v1"))!
        let tag = PushUpdate(localRef: "refs/tags/v1", localID: tagID, remoteRef: "refs/tags/v1", remoteID: zero)
        let range = try PushRangeResolver(repository: repo).resolve(tag, remote: "origin")
        #expect(range.tip == ObjectID(hex: try box.rev("HEAD"))!)
        #expect(range.changes.map(\.newPath) == ["t.txt"])
        let blob = PushUpdate(localRef: "refs/tags/blobtag", localID: ObjectID(hex: try box.rev("blobtag"))!, remoteRef: "refs/tags/blobtag", remoteID: zero)
        #expect(try PushRangeResolver(repository: repo).resolve(blob, remote: "origin").scope == .notACommit)
    }

    @Test func parsingFromTheRightKeepsSpacesInTheLocalRef() throws {
        let a = String(repeating: "a", count: 40), b = String(repeating: "b", count: 40)
        let updates = try PrePushInput.parse(Array("my branch name \(a) refs/heads/x \(b)\n".utf8))
        #expect(updates == [PushUpdate(localRef: "my branch name", localID: ObjectID(hex: a)!, remoteRef: "refs/heads/x", remoteID: ObjectID(hex: b)!)])
        #expect(throws: HookInputError.self) { try PrePushInput.parse(Array("refs/heads/x \(a) refs/heads/x\n".utf8)) }
        #expect(throws: HookInputError.self) { try PrePushInput.parse(Array("x \(a) refs/heads/x \(String(repeating: "0", count: 64))\n".utf8)) }
        #expect(try PrePushInput.parse([]).isEmpty)
    }
}

/// The libgit2 layer's promises: checkouts never touch the user's index, errors keep the C function's name.
@Suite("git layer")
struct GitLayerTests {
    @Test func checkoutIntoOwnDirectoryLeavesIndexAndWorkTreeAlone() throws {
        let box = try GitSandbox()
        try box.makeProject(["a.txt": "one\n", "dir/b.txt": "b\n"])
        try box.sh("echo two > a.txt && git add a.txt && git rm -q dir/b.txt && git commit -qm two && echo dirty > a.txt && git add a.txt", in: "work")
        let repo = try GitRepository(discoveringFrom: box.path("work"))
        let first = try repo.commit(repo.resolveCommit("HEAD~1")).tree
        let second = try repo.commit(repo.resolveCommit("HEAD")).tree
        let target = box.path("checkout")
        _ = try TreeWorkspace.checkout(tree: first, repository: repo, directory: target, stateFile: box.path("state"))
        #expect(box.read("checkout/a.txt") == "one\n" && box.exists("checkout/dir/b.txt"))
        _ = try TreeWorkspace.checkout(tree: second, repository: repo, directory: target, stateFile: box.path("state"))
        #expect(box.read("checkout/a.txt") == "two\n")
        #expect(!box.exists("checkout/dir/b.txt"))
        #expect(try box.sh("git diff --cached --name-only", in: "work").output == "a.txt\n")
        #expect(box.read("work/a.txt") == "dirty\n")
        #expect(try repo.hasTrackedChanges())
    }

    @Test func errorsKeepTheFunctionNameAndMessage() throws {
        let box = try GitSandbox()
        try box.makeProject(["a.txt": "a\n"])
        let repo = try GitRepository(discoveringFrom: box.path("work"))
        do {
            _ = try repo.resolveCommit("no-such-branch")
            Issue.record("resolving a missing branch succeeded")
        } catch let error as GitError {
            #expect(error.function == "git_revparse_single")
            #expect(error.message.contains("no-such-branch"))
        }
        #expect(throws: GitError.self) { try GitRepository(discoveringFrom: box.path("")) }
    }

    @Test func opensFromSubdirectoryAndLinkedWorktree() throws {
        let box = try GitSandbox()
        try box.makeProject(["sub/a.txt": "a\n"])
        try box.sh("git worktree add -q ../linked", in: "work")
        let sub = try GitRepository(discoveringFrom: box.path("work/sub"))
        let linked = try GitRepository(discoveringFrom: box.path("linked"))
        #expect(linked.isLinkedWorktree)
        #expect(linked.commonDirectory == sub.commonDirectory)
        #expect(try linked.effectiveHooksDirectory() == sub.commonDirectory + "/hooks")
    }

    @Test func fixCommitHasParentIdentityAndContent() throws {
        let box = try GitSandbox()
        try box.makeProject(["a.txt": "a\n", "b.txt": "b\n"])
        // In-process libgit2 reads the test process's HOME, so the identity is set in the repository itself.
        try box.sh("git config user.name 'Gate Tester' && git config user.email tester@gate.invalid", in: "work")
        let repo = try GitRepository(discoveringFrom: box.path("work"))
        let head = try repo.resolveCommit("HEAD")
        let id = try repo.createCommit(parent: head, writes: [FileWrite(path: "a.txt", contents: Array("fixed\n".utf8)),
                                                              FileWrite(path: "b.txt", contents: nil)], message: "gate: fix\n")
        let info = try repo.commit(id)
        #expect(info.parents == [head])
        #expect(try box.sh("git show -s --format='%an <%ae>' \(id.hex)", in: "work").output == "Gate Tester <tester@gate.invalid>\n")
        #expect(try box.sh("git show \(id.hex):a.txt", in: "work").output == "fixed\n")
        #expect(try repo.blobID(atPath: "b.txt", inTree: info.tree) == nil)
        #expect(repo.headCommit() == head)
    }
}
