import Testing

@testable import GateCore

/// Swift per-test selection from recorded coverage: `LineDiff`, `SwiftChangeLocator` and `SwiftCoverageRefinement`
/// over an in-memory package whose recorded function spans are those LLVM 21's coverage mapping gave for the same
/// source (`LLVMCoverageExportTests`: a body opens at its `{` and closes after its `}`).
@Suite struct SwiftCoverageSelectionTests {
    static let tiny = """
        public func add(_ a: Int, _ b: Int) -> Int {
            if a > 100 {
                return 0
            }
            return a + b
        }

        public func mul(_ a: Int, _ b: Int) -> Int { a * b }

        public struct Box {
            public var value: Int
            public init(_ v: Int) { value = v }
            public func doubled() -> Int { value * 2 }
        }

        """
    static let spans = [
        SwiftFunctionSpan(name: "$s4Tiny3addyS2i_SitF", kind: .body, startLine: 1, startColumn: 44, endLine: 6, endColumn: 2),
        SwiftFunctionSpan(name: "$s4Tiny3mulyS2i_SitF", kind: .body, startLine: 8, startColumn: 44, endLine: 8, endColumn: 53),
        SwiftFunctionSpan(name: "$s4Tiny3BoxVyACSicfC", kind: .body, startLine: 12, startColumn: 27, endLine: 12, endColumn: 40),
        SwiftFunctionSpan(name: "$s4Tiny3BoxV7doubledSiyF", kind: .body, startLine: 13, startColumn: 34, endLine: 13, endColumn: 47),
    ]
    static let tree: [String: String] = [
        "Package.swift": "// swift-tools-version:5.9\n",
        "Sources/Tiny/Tiny.swift": tiny,
        "Sources/Other/Other.swift": "public func other() -> Int { 1 }\n",
        "Sources/tool/main.swift": "print(1)\n",
        "Tests/TinyTests/TinyTests.swift": "import XCTest\n",
        "Tests/OtherTests/OtherTests.swift": "import XCTest\n",
    ]
    static let dumper: ManifestDumper = { _ in Array(dump.utf8) }
    static let dump = """
        {"name": "Tiny", "targets": [
          {"name": "Tiny", "type": "regular", "dependencies": []},
          {"name": "Other", "type": "regular", "dependencies": []},
          {"name": "tool", "type": "executable", "dependencies": []},
          {"name": "TinyTests", "type": "test", "dependencies": [{"byName": ["Tiny", null]}]},
          {"name": "OtherTests", "type": "test", "dependencies": [{"byName": ["Other", null]}]}
        ], "products": []}
        """
    static let suites = [SuiteScope(name: "swift", runner: .swift)]

    /// The seed: `testAdd` ran `add`, `testMul` ran `mul`, `doubled()` ran `Box.init` and `doubled`.
    static func seed(_ repository: InMemoryRepository) -> SwiftCoverageData {
        var data = SwiftCoverageData(commit: "c0ffee", workingDirectory: "")
        for file in repository.files where file.path.hasSuffix(".swift") { data.files[file.path] = file.blobID }
        let blob = data.files["Sources/Tiny/Tiny.swift"]!
        data.functions[blob] = spans
        data.tests = ["TinyTests.TinyTests/testAdd": [blob: [0]], "TinyTests.TinyTests/testMul": [blob: [1]],
                      "TinyTests.doubled()": [blob: [2, 3]], "OtherTests.OtherTests/testOther": [:]]
        return data
    }

    private func select(_ edits: [String: String], data: ((InMemoryRepository) -> SwiftCoverageData)? = nil) throws -> Selection {
        let before = InMemoryRepository(Self.tree)
        var tree = Self.tree
        for (path, text) in edits { tree[path] = text }
        // One source holding both versions' blobs, as the object database does.
        var both = Self.tree
        for (path, text) in edits { both["old-" + path] = Self.tree[path]; both[path] = text }
        let source = InMemoryRepository(both)
        let index = try InMemoryRepository(tree).index(dumpManifest: Self.dumper)
        let changed = edits.keys.sorted()
        let selection = TestSelector.select(changed: changed, index: index, suites: Self.suites, rules: SelectionRules())
        return SwiftCoverageRefinement(data: (data ?? Self.seed)(before), index: index, source: source, suites: Self.suites, rules: SelectionRules())
            .refine(selection, changed: changed)
    }

    @Test func lineDiffNamesTheReplacedInsertedAndDeletedOldLines() throws {
        let old = "a\nb\nc\nd\ne\n"
        #expect(LineDiff.hunks(old: Array(old.utf8), new: Array("a\nB\nc\nd\ne\n".utf8))
            == [LineDiff.Hunk(oldStart: 2, oldCount: 1, newStart: 2, newCount: 1)])
        #expect(LineDiff.hunks(old: Array(old.utf8), new: Array("a\nb\nx\ny\nc\nd\ne\n".utf8))
            == [LineDiff.Hunk(oldStart: 3, oldCount: 0, newStart: 3, newCount: 2)])
        #expect(LineDiff.hunks(old: Array(old.utf8), new: Array("a\nc\nd\nE\n".utf8))
            == [LineDiff.Hunk(oldStart: 2, oldCount: 1, newStart: 2, newCount: 0), LineDiff.Hunk(oldStart: 5, oldCount: 1, newStart: 4, newCount: 1)])
        #expect(LineDiff.hunks(old: Array(old.utf8), new: Array(old.utf8)) == [])
        #expect(LineDiff.hunks(old: Array(old.utf8), new: Array("1\n2\n3\n4\n5\n6\n".utf8), limit: 3) == nil)
    }

    @Test func bodyChangeSelectsOnlyTheTestsThatExecutedIt() throws {
        let selection = try select(["Sources/Tiny/Tiny.swift": Self.tiny.replacingOccurrences(of: "return a + b", with: "return a - b")])
        #expect(selection.mode == .selected)
        #expect(selection.ids == ["TinyTests.TinyTests/testAdd"])
        #expect(selection.tests.first?.note == "executed a changed function")
        #expect(selection.reason.hasSuffix("Swift per-test coverage: TinyTests 1 of 3 tests"), "\(selection.reason)")
    }

    @Test func oneLineBodyChangeBehindAnUnchangedSignatureIsInsideTheFunction() throws {
        let selection = try select(["Sources/Tiny/Tiny.swift": Self.tiny.replacingOccurrences(of: "{ a * b }", with: "{ a * b + 1 }")])
        #expect(selection.ids == ["TinyTests.TinyTests/testMul"])
        let both = try select(["Sources/Tiny/Tiny.swift": Self.tiny.replacingOccurrences(of: "value * 2", with: "value * 3")])
        #expect(both.ids == ["TinyTests.doubled()"])
    }

    @Test func signatureDeclarationAndNewFunctionKeepTheWholeTarget() throws {
        let signature = try select(["Sources/Tiny/Tiny.swift": Self.tiny.replacingOccurrences(of: "-> Int { a * b }", with: "-> Int? { a * b }")])
        #expect(signature.ids == ["TinyTests"])
        #expect(signature.reason.contains("TinyTests whole (Sources/Tiny/Tiny.swift:8 changes code outside any function body"), "\(signature.reason)")
        let stored = try select(["Sources/Tiny/Tiny.swift": Self.tiny.replacingOccurrences(of: "public var value: Int", with: "public var value: Int = 1")])
        #expect(stored.ids == ["TinyTests"])
        let added = try select(["Sources/Tiny/Tiny.swift": Self.tiny + "public func sub(_ a: Int, _ b: Int) -> Int { a - b }\n"])
        #expect(added.ids == ["TinyTests"])
    }

    @Test func changeInAFunctionNoTestExecutedSelectsNothingAndSaysSo() throws {
        let selection = try select(["Sources/Tiny/Tiny.swift": Self.tiny.replacingOccurrences(of: "return 0", with: "return 1")]) { repository in
            var data = Self.seed(repository)
            data.tests["TinyTests.TinyTests/testAdd"] = [:]
            return data
        }
        #expect(selection.mode == .none)
        #expect(selection.reason.hasSuffix("no test executed the changed functions"), "\(selection.reason)")
    }

    @Test func initialValueFallsBackToTheTarget() throws {
        let selection = try select(["Sources/Tiny/Tiny.swift": Self.tiny.replacingOccurrences(of: "return a + b", with: "return a - b")]) { repository in
            var data = Self.seed(repository)
            let blob = data.files["Sources/Tiny/Tiny.swift"]!
            data.functions[blob]![0].kind = .initializer
            return data
        }
        #expect(selection.ids == ["TinyTests"])
        #expect(selection.reason.contains("changes an initial value"), "\(selection.reason)")
    }

    @Test func functionThatRunsWhileTestsAreListedFallsBackToTheTarget() throws {
        // swift-algorithms 1.2.1: listing the tests ran `reverse(subrange:)`, so no single test owns it.
        let selection = try select(["Sources/Tiny/Tiny.swift": Self.tiny.replacingOccurrences(of: "{ a * b }", with: "{ a * b + 1 }")]) { repository in
            var data = Self.seed(repository)
            data.discovery[data.files["Sources/Tiny/Tiny.swift"]!] = [1]
            return data
        }
        #expect(selection.ids == ["TinyTests"])
        #expect(selection.reason.contains("changes $s4Tiny3mulyS2i_SitF, which runs while the tests are listed"), "\(selection.reason)")
    }

    @Test func staleOrIncompleteSeedsFallBackHonestly() throws {
        // A file of the target's closure that changed since the seed counts as a change, located the same way.
        let since = try select(["Sources/Tiny/Tiny.swift": Self.tiny.replacingOccurrences(of: "{ a * b }", with: "{ a * b + 1 }")]) { repository in
            var data = Self.seed(repository)
            data.files["Tests/TinyTests/TinyTests.swift"] = "0ld"
            return data
        }
        #expect(since.ids == ["TinyTests"])
        #expect(since.reason.contains("Tests/TinyTests/TinyTests.swift is new since the coverage seed") == false)
        #expect(since.reason.contains("cannot be read"), "\(since.reason)")
        let unrecorded = try select(["Sources/Tiny/Tiny.swift": Self.tiny.replacingOccurrences(of: "{ a * b }", with: "{ a * b + 1 }")]) { repository in
            var data = Self.seed(repository)
            data.unrecorded = ["TinyTests.TinyTests/testCrash"]
            return data
        }
        #expect(unrecorded.ids == ["TinyTests"])
        #expect(unrecorded.reason.contains("the coverage seed did not record TinyTests.TinyTests/testCrash"))
        let manifest = try select(["Sources/Tiny/Tiny.swift": Self.tiny.replacingOccurrences(of: "{ a * b }", with: "{ a * b + 1 }")]) { repository in
            var data = Self.seed(repository)
            data.files["Package.swift"] = "0ld"
            return data
        }
        #expect(manifest.ids == ["TinyTests"])
        #expect(manifest.reason.contains("Package.swift changed since the coverage seed"), "\(manifest.reason)")
        let newFile = try select(["Sources/Tiny/More.swift": "public let more = 1\n"])
        #expect(newFile.ids == ["TinyTests"])
        #expect(newFile.reason.contains("Sources/Tiny/More.swift is new since the coverage seed"), "\(newFile.reason)")
    }

    @Test func executableNonSwiftAndUnrelatedTargetsStayAsTheyWere() throws {
        // The executable's tests (none name it: every test target) keep their rule and stay whole.
        let tool = try select(["Sources/tool/main.swift": "print(2)\n"])
        #expect(tool.ids == ["OtherTests", "TinyTests"])
        #expect(tool.tests.allSatisfy { $0.note?.contains("executable target `tool`") == true })
        let resource = try select(["Sources/Tiny/Tiny.swift": Self.tiny.replacingOccurrences(of: "return a + b", with: "return a - b"),
                                   "Sources/Tiny/data.json": "{}\n"])
        #expect(resource.ids == ["TinyTests"])
        #expect(resource.reason.contains("Swift tests stay per target (Sources/Tiny/data.json is not Swift source of a target)"))
        let other = try select(["Sources/Other/Other.swift": "public func other() -> Int { 2 }\n"])
        // Only OtherTests depends on Other; the seed saw no function of Other.swift, so the change is outside them all.
        #expect(other.ids == ["OtherTests"])
        #expect(other.reason.contains("OtherTests whole (Sources/Other/Other.swift:1 changes code outside any function body"), "\(other.reason)")
    }
}
