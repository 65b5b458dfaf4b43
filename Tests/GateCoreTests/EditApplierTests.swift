import Foundation
import Testing
@testable import GateCore

@Suite struct EditApplierTests {
    /// An applier under the policy gate would use for the files now in `directory`.
    func applier(_ directory: TemporaryDirectory, limits: EditLimits = EditLimits()) throws -> EditApplier {
        EditApplier(validator: EditValidator(root: directory.path, policy: try EditPolicy.indexing(directory), limits: limits))
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

    @Test func newFileIsCreatedNextToSource() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("src/pkg/old.py", "B = 2\n")
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
        try directory.write("win.py", "alpha\r\nbeta\r\ngamma")
        let changed = try applier(directory).apply([
            FileEdit(path: "win.py", search: "alpha\n", replace: "ALPHA\n"),
            FileEdit(path: "win.py", search: "gamma\n", replace: "GAMMA\n"),
        ])
        #expect(changed == ["win.py"])
        #expect(try directory.read("win.py") == "ALPHA\r\nbeta\r\nGAMMA")
    }

    @Test func writesThroughAnInRepositorySymlinkAndKeepsPermissions() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("bin/tool.py", "echo old\n")
        chmod(directory.path + "/bin/tool.py", 0o755)
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/tool.py", withDestinationPath: "bin/tool.py")
        let changed = try applier(directory).apply([FileEdit(path: "tool.py", search: "echo old\n", replace: "echo new\n")])
        // The changed path is the file written, so a commit of it changes the target, not the link.
        #expect(changed == ["bin/tool.py"])
        #expect(try directory.read("bin/tool.py") == "echo new\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: directory.path + "/tool.py") == "bin/tool.py")
        let mode = try FileManager.default.attributesOfItem(atPath: directory.path + "/bin/tool.py")[.posixPermissions] as? Int
        #expect(mode == 0o755)
    }

    @Test func rootConftestIsRefusedAndNothingIsWritten() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("calc.py", "def add(a, b):\n    return a - b\n")
        try directory.write("tests/test_calc.py", "from calc import add\n")
        let conftest = "def pytest_runtest_makereport(item, call):\n    pass\n"
        let error = try #require(#expect(throws: EditRejection.self) {
            try applier(directory).apply([
                FileEdit(path: "calc.py", search: "    return a - b\n", replace: "    return a + b\n"),
                FileEdit(path: "conftest.py", search: "", replace: conftest),
            ])
        })
        #expect(error == EditRejection(block: 2, path: "conftest.py", reason: .notCodeUnderTest(.denied(rule: "matches `conftest.py`"))))
        #expect(!directory.exists("conftest.py"))
        #expect(try directory.read("calc.py") == "def add(a, b):\n    return a - b\n")
    }

    /// Observed: a reply that created 1,000 junk files plus the real fix was committed whole.
    @Test func thousandJunkFilesPlusTheRealFixAreRefusedWholeAndNothingIsWritten() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("calc.py", "def add(a, b):\n    return a - b\n")
        var edits = [FileEdit(path: "calc.py", search: "    return a - b\n", replace: "    return a + b\n")]
        // Junk where new source is otherwise allowed: only the cap stops it.
        edits += (0..<1000).map { FileEdit(path: "junk_\($0).py", search: "", replace: "X = \($0)\n") }
        let error = try #require(#expect(throws: EditRejection.self) { try applier(directory).apply(edits) })
        #expect(error.reason == .tooManyFiles(count: 1001, limit: 10))
        #expect(error.block == 11)
        #expect(error.description.contains("changes 1001 files, more than the 10 one fix may touch (`fix.max_files`)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["calc.py"])
        #expect(try directory.read("calc.py") == "def add(a, b):\n    return a - b\n")
    }

    @Test func filesCapIsConfigurable() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("a.py", "a\n")
        try directory.write("b.py", "b\n")
        let edits = [FileEdit(path: "a.py", search: "a\n", replace: "A\n"), FileEdit(path: "b.py", search: "b\n", replace: "B\n"),
                     FileEdit(path: "./a.py", search: "A\n", replace: "AA\n")]
        #expect(try applier(directory, limits: EditLimits(maxFiles: 2)).apply(edits) == ["a.py", "b.py"])
        #expect(throws: EditRejection(block: 2, path: "b.py", reason: .tooManyFiles(count: 2, limit: 1))) {
            try applier(directory, limits: EditLimits(maxFiles: 1)).apply([FileEdit(path: "a.py", search: "AA\n", replace: "a\n"),
                                                                           FileEdit(path: "b.py", search: "B\n", replace: "b\n")])
        }
        #expect(try directory.read("a.py") == "AA\n")
    }

    @Test func changedLinesOverTheCapAreRefusedWhole() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("calc.py", "def add(a, b):\n    return a - b\n")
        let padding = (0..<400).map { "# line \($0)\n" }.joined()
        let error = try #require(#expect(throws: EditRejection.self) {
            try applier(directory).apply([FileEdit(path: "calc.py", search: "    return a - b\n", replace: "    return a + b\n" + padding)])
        })
        // One line removed, 401 added.
        #expect(error.reason == .tooManyChangedLines(count: 402, limit: 400))
        #expect(error.description.contains("`fix.max_changed_lines`"))
        #expect(try directory.read("calc.py") == "def add(a, b):\n    return a - b\n")
    }

    @Test func changedLinesCountOnlyWhatDiffers() {
        #expect(EditLimits.changedLines(FileEdit(path: "a", search: "a\nb\nc\n", replace: "a\nB\nc\n")) == 2)
        #expect(EditLimits.changedLines(FileEdit(path: "a", search: "", replace: "x\ny\n")) == 2)
        #expect(EditLimits.changedLines(FileEdit(path: "a", search: "a\nb\n", replace: "a\n")) == 1)
        #expect(EditLimits.changedLines(FileEdit(path: "a", search: "a\n", replace: "a\n")) == 0)
        #expect(EditLimits().maxFiles == 10 && EditLimits().maxChangedLines == 400)
    }
}
