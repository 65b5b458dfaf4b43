import Testing

@testable import GateCore

@Suite struct SwiftSelectionTests {
    static let tree: [String: String] = [
        "Package.swift": "// swift-tools-version:6.0\n",
        "Lib/Core/a.swift": "public let x = 1\n",
        "Sources/Util/u.swift": "import Core\n",
        "Sources/Util/Resources/table.json": "{}\n",
        "Sources/Tool/main.swift": "print(1)\n",
        "Tests/CoreTests/t.swift": "import Core\n",
        "Scripts/orphan.swift": "print(2)\n",
    ]
    static let suites = [SuiteScope(name: "swift", runner: .swift)]
    static let dumper: ManifestDumper = { _ in Array(DumpPackageFixture.json.utf8) }

    private func select(_ changed: [String]) throws -> Selection {
        let index = try InMemoryRepository(Self.tree).index(dumpManifest: Self.dumper)
        return TestSelector.select(changed: changed, index: index, suites: Self.suites, rules: SelectionRules())
    }

    @Test func filesBelongToTheTargetWithTheCustomPath() throws {
        let index = try InMemoryRepository(Self.tree).index(dumpManifest: Self.dumper)
        #expect(index.files["Lib/Core/a.swift"]?.owner == "swift-target:Core")
        #expect(index.files["Tests/CoreTests/t.swift"]?.isTest == true)
        #expect(index.files["Scripts/orphan.swift"]?.owner == nil)
    }

    @Test func targetChangeSelectsDependingTestTargets() throws {
        let selection = try select(["Lib/Core/a.swift"])
        #expect(selection.tests == [
            SelectedTest(
                suite: "swift", runner: .swift, id: "CoreTests",
                because: ["Lib/Core/a.swift", "swift-target:Core", "swift-target:CoreTests"]),
        ])
    }

    @Test func resourceAffectsItsTarget() throws {
        #expect(try select(["Sources/Util/Resources/table.json"]).ids == ["CoreTests"])
    }

    @Test func executableNoTestDependsOnSelectsNone() throws {
        #expect(try select(["Sources/Tool/main.swift"]).mode == .none)
    }

    @Test func manifestAndUnownedFilesSelectAll() throws {
        #expect(try select(["Package.swift"]).reason == "Package.swift changed: a manifest affects every test")
        let orphan = try select(["Scripts/orphan.swift"])
        #expect(orphan.mode == .all)
        #expect(orphan.ids == ["CoreTests"])
        #expect(orphan.reason.hasPrefix("Scripts/orphan.swift changed: it is in no SwiftPM target"))
    }

    @Test func deletedFileStillMapsToItsTarget() throws {
        var tree = Self.tree
        tree["Lib/Core/a.swift"] = nil
        let index = try InMemoryRepository(tree).index(dumpManifest: Self.dumper)
        let selection = TestSelector.select(changed: ["Lib/Core/a.swift"], index: index, suites: Self.suites, rules: SelectionRules())
        #expect(selection.ids == ["CoreTests"])
    }

    @Test func manifestIsDumpedOncePerBlob() throws {
        let repository = InMemoryRepository(Self.tree)
        let (first, firstStats) = try DependencyIndexBuilder.build(
            files: repository.files, source: repository, previous: nil, dumpManifest: Self.dumper)
        let (_, secondStats) = try DependencyIndexBuilder.build(
            files: repository.files, source: repository, previous: first, dumpManifest: Self.dumper)
        #expect(firstStats.manifestsDumped == 1)
        #expect(secondStats.manifestsDumped == 0)
    }

    @Test func manifestReadLaterGivesFilesTheirTargets() throws {
        let repository = InMemoryRepository(Self.tree)
        let (blind, _) = try DependencyIndexBuilder.build(
            files: repository.files, source: repository, previous: nil, dumpManifest: nil)
        let (informed, stats) = try DependencyIndexBuilder.build(
            files: repository.files, source: repository, previous: blind, dumpManifest: Self.dumper)
        #expect(stats.filesParsed == 0)
        #expect(informed.files["Lib/Core/a.swift"]?.owner == "swift-target:Core")
        #expect(informed.files["Package.swift"]?.unparseable == false)
    }

    @Test func withoutManifestEverySwiftChangeSelectsAll() throws {
        let index = try InMemoryRepository(Self.tree).index(dumpManifest: nil)
        #expect(index.files["Package.swift"]?.unparseable == true)
        let selection = TestSelector.select(changed: ["Lib/Core/a.swift"], index: index, suites: Self.suites, rules: SelectionRules())
        #expect(selection.mode == .all)
    }
}
