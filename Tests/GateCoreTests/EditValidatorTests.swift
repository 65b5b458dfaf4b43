import Foundation
import Testing
@testable import GateCore

@Suite struct EditValidatorTests {
    func reason(_ path: String, in directory: TemporaryDirectory) throws -> EditRejection.Reason? {
        let validator = EditValidator(root: directory.path, policy: try EditPolicy.indexing(directory))
        return validator.rejections(for: [FileEdit(path: path, search: "a\n", replace: "b\n")]).first?.reason
    }

    @Test func pathsOutsideTheRepositoryAreRejected() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("src/lib.py", "x\n")
        #expect(try reason("../x", in: directory) == .parentTraversal)
        #expect(try reason("src/../../x", in: directory) == .parentTraversal)
        #expect(try reason("/etc/passwd", in: directory) == .absolutePath)
        #expect(try reason("", in: directory) == .emptyPath)
        #expect(try reason("src/ok.py", in: directory) == nil)
        #expect(try reason("./src/ok.py", in: directory) == nil)
    }

    @Test func symlinkEscapeIsRejected() throws {
        let directory = try TemporaryDirectory()
        let outside = try TemporaryDirectory()
        defer { directory.remove(); outside.remove() }
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/vendor", withDestinationPath: outside.path)
        try directory.write("src/real.py", "x\n")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/alias.py", withDestinationPath: "src/real.py")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/sneaky.py", withDestinationPath: "tests/helpers.py")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/dangling.py", withDestinationPath: "../../elsewhere.py")

        #expect(try reason("vendor/lib.py", in: directory) == .escapesRoot(through: "vendor"))
        #expect(try reason("alias.py", in: directory) == nil)
        try directory.write("tests/helpers.py", "x\n")
        #expect(try reason("sneaky.py", in: directory) == .notCodeUnderTest(.denied(rule: "matches `tests`")))
        #expect(try reason("dangling.py", in: directory) == .escapesRoot(through: "dangling.py"))
    }

    @Test func gitDirectoryIsRejected() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(try reason(".git/config", in: directory) == .insideGitDirectory)
        #expect(try reason("sub/.GIT/hooks/pre-push", in: directory) == .insideGitDirectory)
    }

    @Test func onlyCodeUnderTestPasses() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("src/checks.py", "x\n")
        try directory.write("docs/api.md", "x\n")
        #expect(try reason("src/checks.py", in: directory) == nil)
        #expect(try reason("tests/helpers.py", in: directory) == .notCodeUnderTest(.denied(rule: "matches `tests`")))
        #expect(try reason("tests/test_calc.py", in: directory) == .notCodeUnderTest(.denied(rule: "matches `test_*.py`")))
        #expect(try reason("yarn.lock", in: directory) == .notCodeUnderTest(.denied(rule: "matches `yarn.lock`")))
        #expect(try reason(".gate.yml", in: directory) == .notCodeUnderTest(.denied(rule: "matches `.gate.yml`")))
        #expect(try reason("docs/api.md", in: directory) == .notCodeUnderTest(.notSource))
        #expect(try reason("conftest.py", in: directory) == .notCodeUnderTest(.denied(rule: "matches `conftest.py`")))
    }

    /// A symlink with an innocent name must not lead to a file that is no code under test.
    @Test func symlinkToNonSourceIsRejected() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("src/lib.py", "x\n")
        try directory.write("config/settings.ini", "x\n")
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/src/settings.py", withDestinationPath: "../config/settings.ini")
        #expect(try reason("src/settings.py", in: directory) == .notCodeUnderTest(.notSource))
    }

    @Test func rejectionTextNamesTheBlockAndTheRule() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("src/b.py", "x\n")
        let validator = EditValidator(root: directory.path, policy: try EditPolicy.indexing(directory))
        let edits = [FileEdit(path: "src/a.py", search: "", replace: "x\n"), FileEdit(path: "tests/conftest.py", search: "a\n", replace: "b\n")]
        let error = try #require(#expect(throws: EditRejection.self) { try validator.validate(edits) })
        #expect(error.block == 2)
        #expect(error.description == "Edit block 2 (tests/conftest.py) was rejected: the path is protected (matches `conftest.py`); the tests and their configuration are correct, do not change them: change the code under test instead.")
        #expect(validator.protectedDescriptions.contains("*_test.go"))
        #expect(validator.protectedDescriptions.contains("sitecustomize.py"))
    }
}
