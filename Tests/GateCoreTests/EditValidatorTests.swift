import Foundation
import Testing
@testable import GateCore

@Suite struct EditValidatorTests {
    func reason(_ path: String, in directory: TemporaryDirectory, protectedPaths: [String] = [], extraGlobs: [String] = []) -> EditRejection.Reason? {
        let validator = EditValidator(root: directory.path, extraProtectedGlobs: extraGlobs, protectedPaths: protectedPaths)
        return validator.rejections(for: [FileEdit(path: path, search: "a\n", replace: "b\n")]).first?.reason
    }

    @Test func pathsOutsideTheRepositoryAreRejected() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(reason("../x", in: directory) == .parentTraversal)
        #expect(reason("src/../../x", in: directory) == .parentTraversal)
        #expect(reason("/etc/passwd", in: directory) == .absolutePath)
        #expect(reason("", in: directory) == .emptyPath)
        #expect(reason("src/ok.py", in: directory) == nil)
        #expect(reason("./src/ok.py", in: directory) == nil)
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

        #expect(reason("vendor/lib.py", in: directory) == .escapesRoot(through: "vendor"))
        #expect(reason("alias.py", in: directory) == nil)
        #expect(reason("sneaky.py", in: directory) == .protectedPath(rule: "matches `**/tests/**`"))
        #expect(reason("dangling.py", in: directory) == .escapesRoot(through: "dangling.py"))
    }

    @Test func gitDirectoryIsRejected() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(reason(".git/config", in: directory) == .insideGitDirectory)
        #expect(reason("sub/.GIT/hooks/pre-push", in: directory) == .insideGitDirectory)
    }

    @Test func protectedPathsAreRejected() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect(reason("tests/helpers.py", in: directory) == .protectedPath(rule: "matches `**/tests/**`"))
        #expect(reason("tests/test_calc.py", in: directory) == .protectedPath(rule: "matches `test_*.py`"))
        #expect(reason("web/__tests__/app.js", in: directory) == .protectedPath(rule: "matches `**/__tests__/**`"))
        #expect(reason("yarn.lock", in: directory) == .protectedPath(rule: "matches `yarn.lock`"))
        #expect(reason("test_calc.py", in: directory) == .protectedPath(rule: "matches `test_*.py`"))
        #expect(reason("Package.swift", in: directory) == .protectedPath(rule: "matches `Package.swift`"))
        #expect(reason(".github/workflows/ci.yml", in: directory) == .protectedPath(rule: "matches `/.github/**`"))
        #expect(reason(".gate.yml", in: directory) == .protectedPath(rule: "matches `.gate.yml`"))
        #expect(reason("src/checks.py", in: directory, protectedPaths: ["./src/checks.py"]) == .protectedPath(rule: "explicitly protected"))
        #expect(reason("docs/api.md", in: directory, extraGlobs: ["docs/**"]) == .protectedPath(rule: "matches `docs/**`"))
    }

    @Test func rejectionTextNamesTheBlockAndTheRule() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let validator = EditValidator(root: directory.path)
        let edits = [FileEdit(path: "src/a.py", search: "", replace: "x\n"), FileEdit(path: "tests/conftest.py", search: "a\n", replace: "b\n")]
        let error = try #require(#expect(throws: EditRejection.self) { try validator.validate(edits) })
        #expect(error.block == 2)
        #expect(error.description == "Edit block 2 (tests/conftest.py) was rejected: the path is protected (matches `**/tests/**`); the tests are correct, do not change them: change the code under test instead.")
        #expect(validator.protectedDescriptions.contains("*_test.go"))
    }
}
