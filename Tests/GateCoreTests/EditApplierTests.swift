import Foundation
import Testing
@testable import GateCore

@Suite struct EditApplierTests {
    func applier(_ directory: TemporaryDirectory) -> EditApplier {
        EditApplier(validator: EditValidator(root: directory.path))
    }

    @Test func exactMatchIsReplaced() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("src/calc.py", "def add(a, b):\n    return a - b\n\ndef sub(a, b):\n    return a - b\n")
        let changed = try applier(directory).apply([FileEdit(
            path: "src/calc.py", search: "def add(a, b):\n    return a - b\n", replace: "def add(a, b):\n    return a + b\n")])
        #expect(changed == ["src/calc.py"])
        #expect(try directory.read("src/calc.py") == "def add(a, b):\n    return a + b\n\ndef sub(a, b):\n    return a - b\n")
    }

    @Test func searchMatchingTwiceIsRejected() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("src/calc.py", "    return a - b\n    return a - b\n")
        let error = try #require(#expect(throws: EditRejection.self) {
            try applier(directory).apply([FileEdit(path: "src/calc.py", search: "    return a - b\n", replace: "    return 0\n")])
        })
        #expect(error == EditRejection(block: 1, path: "src/calc.py", reason: .searchAmbiguous(matches: 2)))
        #expect(error.description.contains("matches 2 places"))
    }

    @Test func searchNotMatchingIsRejected() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("a.py", "x = 1\n")
        #expect(throws: EditRejection(block: 1, path: "a.py", reason: .searchNotFound)) {
            try applier(directory).apply([FileEdit(path: "a.py", search: "y = 1\n", replace: "y = 2\n")])
        }
        #expect(try directory.read("a.py") == "x = 1\n")
    }

    @Test func whitespaceTolerantMatchReindentsTheReplacement() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("src/shape.py", "class Shape:\n    def area(self):\n        return self.w + self.h\n")
        let changed = try applier(directory).apply([FileEdit(
            path: "src/shape.py",
            search: "def area(self):\n    return self.w + self.h  \n",
            replace: "def area(self):\n    # width times height\n    return self.w * self.h\n")])
        #expect(changed == ["src/shape.py"])
        #expect(try directory.read("src/shape.py") == "class Shape:\n    def area(self):\n        # width times height\n        return self.w * self.h\n")
    }

    @Test func newFileIsCreatedWithItsDirectories() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let changed = try applier(directory).apply([FileEdit(path: "src/pkg/new.py", search: "", replace: "A = 1\n")])
        #expect(changed == ["src/pkg/new.py"])
        #expect(try directory.read("src/pkg/new.py") == "A = 1\n")
    }

    @Test func creatingAnExistingFileIsRejected() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("a.py", "x = 1\n")
        #expect(throws: EditRejection(block: 1, path: "a.py", reason: .fileAlreadyExists)) {
            try applier(directory).apply([FileEdit(path: "a.py", search: "", replace: "y\n")])
        }
    }

    @Test func allOrNothingWhenALaterEditFails() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("first.py", "one\n")
        try directory.write("second.py", "two\n")
        let edits = [
            FileEdit(path: "first.py", search: "one\n", replace: "ONE\n"),
            FileEdit(path: "brand_new.py", search: "", replace: "new\n"),
            FileEdit(path: "second.py", search: "three\n", replace: "THREE\n"),
        ]
        #expect(throws: EditRejection(block: 3, path: "second.py", reason: .searchNotFound)) {
            try applier(directory).apply(edits)
        }
        #expect(try directory.read("first.py") == "one\n")
        #expect(!directory.exists("brand_new.py"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(leftovers == ["first.py", "second.py"])
    }

    @Test func protectedEditStopsEverythingBeforeAnyWrite() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("src/a.py", "a\n")
        try directory.write("tests/test_a.py", "assert a\n")
        #expect(throws: EditRejection.self) {
            try applier(directory).apply([
                FileEdit(path: "src/a.py", search: "a\n", replace: "b\n"),
                FileEdit(path: "tests/test_a.py", search: "assert a\n", replace: "assert True\n"),
            ])
        }
        #expect(try directory.read("src/a.py") == "a\n")
        #expect(try directory.read("tests/test_a.py") == "assert a\n")
    }

    @Test func sequentialEditsToOneFileAndLineEndingsArePreserved() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("win.txt", "alpha\r\nbeta\r\ngamma")
        let changed = try applier(directory).apply([
            FileEdit(path: "win.txt", search: "alpha\n", replace: "ALPHA\n"),
            FileEdit(path: "win.txt", search: "gamma\n", replace: "GAMMA\n"),
        ])
        #expect(changed == ["win.txt"])
        #expect(try directory.read("win.txt") == "ALPHA\r\nbeta\r\nGAMMA")
    }

    @Test func writesThroughAnInRepositorySymlinkAndKeepsPermissions() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("bin/tool.sh", "echo old\n")
        chmod(directory.path + "/bin/tool.sh", 0o755)
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/tool", withDestinationPath: "bin/tool.sh")
        _ = try applier(directory).apply([FileEdit(path: "tool", search: "echo old\n", replace: "echo new\n")])
        #expect(try directory.read("bin/tool.sh") == "echo new\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory.path + "/tool") == "bin/tool.sh")
        let mode = try FileManager.default.attributesOfItem(atPath: directory.path + "/bin/tool.sh")[.posixPermissions] as? Int
        #expect(mode == 0o755)
    }
}
