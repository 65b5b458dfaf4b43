import Foundation
import Testing
@testable import GateCore

/// `GitRepository.addedLines`: the new-side lines a range adds or modifies, computed in process with libgit2.
@Suite struct AddedLinesTests {
    static let body = (1...20).map { "line \($0) of a file long enough to be found similar after an edit" }.joined(separator: "\n") + "\n"

    @Test func modifiedRenamedDeletedAndBinaryFiles() throws {
        let box = try GitSandbox("added-lines")
        try box.write("work/keep.py", "a = 1\nb = 2\nc = 3\n")
        try box.write("work/moved.py", Self.body)
        try box.write("work/edited-move.py", Self.body)
        try box.write("work/gone.py", "x = 1\n")
        try box.sh("git init -q && git add -A && git commit -q -m base", in: "work")
        try box.write("work/keep.py", "a = 1\nb = 20\nc = 3\nd = 4\n")
        try box.sh("git mv moved.py renamed.py && git mv edited-move.py edited-renamed.py && git rm -q gone.py", in: "work")
        try box.write("work/edited-renamed.py", Self.body.replacingOccurrences(of: "line 7 of", with: "LINE 7 of"))
        try box.write("work/new.py", "n = 1\nm = 2\n")
        try Data([0, 1, 2, 0, 255]).write(to: URL(fileURLWithPath: box.path("work/blob.bin")))
        try box.sh("git add -A && git commit -q -m change", in: "work")
        let repository = try GitRepository(discoveringFrom: box.path("work"))
        let base = try repository.commit(repository.resolveCommit("HEAD~1")).tree
        let tip = try repository.commit(repository.resolveCommit("HEAD")).tree
        let lines = try repository.addedLines(from: base, to: tip) { _ in true }
        #expect(lines["keep.py"] == [2, 4])
        #expect(lines["edited-renamed.py"] == [7], "a renamed file counts only its edited line")
        #expect(lines["renamed.py"] == nil, "a pure rename changes no line")
        #expect(lines["new.py"] == [1, 2])
        #expect(lines["gone.py"] == nil && lines["blob.bin"] == nil)
        #expect(try repository.addedLines(from: base, to: tip) { $0 != "keep.py" }["keep.py"] == nil)
        #expect(try repository.addedLines(from: nil, to: base) { _ in true }["keep.py"] == [1, 2, 3])
    }
}
