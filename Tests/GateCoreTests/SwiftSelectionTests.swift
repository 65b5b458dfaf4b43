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

    @Test func executableNoTestReachesSelectsEveryTestTargetWithTheReason() throws {
        let selection = try select(["Sources/Tool/main.swift"])
        let why = "executable target `Tool` is not a dependency of any test target and no test names it; "
            + "a test may run it → all test targets of its package"
        #expect(selection.mode == .selected)
        #expect(selection.reason == "1 file changed, 1 test affected; " + why)
        #expect(selection.tests == [
            SelectedTest(suite: "swift", runner: .swift, id: "CoreTests",
                         because: ["Sources/Tool/main.swift", "swift-target:Tool", "swift-target:CoreTests"], note: why),
        ])
        #expect(SelectionExplanation.render(selection).contains(
            "  [swift] CoreTests: swift-target:CoreTests ← swift-target:Tool ← Sources/Tool/main.swift (changed): " + why))
    }

    // The package of `DumpPackageFixture.plugins`: `tool` (product `tool-cli`) uses `Lib`; `Lib` uses the plugin
    // `Gen`, which uses `GenTool`; `Fmt` is a command plugin nothing uses; `LibTests` tests `Lib`; `CLITests` nothing.
    static let pluginTree: [String: String] = [
        "Package.swift": "// swift-tools-version:5.9\n",
        "Sources/Lib/Lib.swift": "import Stamp\npublic let x = 1\n",
        "Sources/Stamp/Stamp.swift": "public let stamp = 1\n",
        "Sources/StampMacros/Macros.swift": "struct M {}\n",
        "Sources/tool/main.swift": "import Lib\nprint(x)\n",
        "Sources/GenTool/main.swift": "print(2)\n",
        "Plugins/Gen/Gen.swift": "import PackagePlugin\n",
        "Plugins/Fmt/Fmt.swift": "import PackagePlugin\n",
        "Tests/LibTests/LibTests.swift": "import Lib\nlet message = \"the tool is not run here\"\n",
        "Tests/CLITests/CLITests.swift": "import XCTest\n",
    ]
    static let runsTool = "import XCTest\nlet cli = productsDirectory.appendingPathComponent(\"tool-cli\")\n"
    static let pluginDumper: ManifestDumper = { _ in Array(DumpPackageFixture.plugins.utf8) }

    private func selectInPluginTree(_ changed: [String], runsTool: Bool) throws -> Selection {
        var tree = Self.pluginTree
        if runsTool { tree["Tests/CLITests/CLITests.swift"] = Self.runsTool }
        let index = try InMemoryRepository(tree).index(dumpManifest: Self.pluginDumper)
        return TestSelector.select(changed: changed, index: index, suites: Self.suites, rules: SelectionRules())
    }

    @Test func testNamingAnExecutableProductDependsOnIt() throws {
        var tree = Self.pluginTree
        tree["Tests/CLITests/CLITests.swift"] = Self.runsTool
        let index = try InMemoryRepository(tree).index(dumpManifest: Self.pluginDumper)
        #expect(index.files["Tests/CLITests/CLITests.swift"]?.edges == ["swift-target:tool"])
        #expect(index.files["Tests/LibTests/LibTests.swift"]?.edges == [])
        // Only test-target files are scanned for literals.
        #expect(Set(index.scans["swift"].map { Array($0.keys) } ?? [])
            == Set(["Tests/CLITests/CLITests.swift", "Tests/LibTests/LibTests.swift"].map { index.files[$0]!.blobID }))
    }

    @Test func executableATestNamesSelectsOnlyThatTestTarget() throws {
        let selection = try selectInPluginTree(["Sources/tool/main.swift"], runsTool: true)
        #expect(selection.tests == [
            SelectedTest(suite: "swift", runner: .swift, id: "CLITests",
                         because: ["Sources/tool/main.swift", "swift-target:tool", "Tests/CLITests/CLITests.swift",
                                   "swift-target:CLITests"]),
        ])
        #expect(selection.reason == "1 file changed, 1 test affected")
    }

    @Test func executableNoTestNamesSelectsEveryTestTargetOfItsPackage() throws {
        let selection = try selectInPluginTree(["Sources/tool/main.swift"], runsTool: false)
        #expect(selection.ids == ["CLITests", "LibTests"])
        #expect(selection.tests.allSatisfy { $0.note?.hasPrefix("executable target `tool` is not a dependency") == true })
    }

    /// Issue 13: `CLITests` runs the executable through a helper given a command line; `LibTests` only mentions
    /// the bare name. The mention kept the run-all fallback off, and `CLITests`, naming nothing, was not selected.
    static let runsCommandLine = """
        import XCTest
        import Foundation
        final class CLITests: XCTestCase {
            func testSum() throws { XCTAssertEqual(try run(command: "tool-cli 1 2 3"), "6") }
            func run(command: String) throws -> String {
                let words = command.split(separator: " ").map(String.init)
                let process = Process()
                process.executableURL = productsDirectory.appendingPathComponent(words[0])
                process.arguments = Array(words.dropFirst())
                try process.run()
                process.waitUntilExit()
                return ""
            }
        }
        """

    @Test func commandLineLiteralNamesTheExecutableItRuns() throws {
        var tree = Self.pluginTree
        tree["Tests/CLITests/CLITests.swift"] = Self.runsCommandLine
        tree["Tests/LibTests/LibTests.swift"] = "import Lib\nlet name = \"tool\"\n"
        let index = try InMemoryRepository(tree).index(dumpManifest: Self.pluginDumper)
        #expect(index.files["Tests/CLITests/CLITests.swift"]?.edges == ["swift-target:tool"])
        let selection = TestSelector.select(changed: ["Sources/tool/main.swift"], index: index, suites: Self.suites, rules: SelectionRules())
        #expect(selection.ids == ["CLITests", "LibTests"])
        #expect(selection.test("CLITests")?.because
            == ["Sources/tool/main.swift", "swift-target:tool", "Tests/CLITests/CLITests.swift", "swift-target:CLITests"])
    }

    @Test func testTargetLaunchingProcessesMayRunAnExecutableAnotherTargetNames() throws {
        var tree = Self.pluginTree
        // The command line is computed: no literal names the executable, but the target launches processes.
        tree["Tests/CLITests/CLITests.swift"] = Self.runsCommandLine.replacingOccurrences(
            of: "\"tool-cli 1 2 3\"", with: "\"\\(name) 1 2 3\"")
        tree["Tests/LibTests/LibTests.swift"] = "import Lib\nlet name = \"tool\"\n"
        let index = try InMemoryRepository(tree).index(dumpManifest: Self.pluginDumper)
        #expect(index.files["Tests/CLITests/CLITests.swift"]?.edges == [])
        #expect(index.files["Tests/CLITests/CLITests.swift"]?.launchesProcesses == true)
        let selection = TestSelector.select(changed: ["Sources/tool/main.swift"], index: index, suites: Self.suites, rules: SelectionRules())
        #expect(selection.ids == ["CLITests", "LibTests"])
        #expect(selection.test("LibTests")?.note == nil)
        #expect(selection.test("CLITests")?.note
            == "test target `CLITests` launches processes, so it may run executable target `tool` without naming it")
        #expect(try DependencyIndexCodec.decode(DependencyIndexCodec.encode(index)) == index)
    }

    @Test func testTargetNeitherNamingNorLaunchingIsNotSelectedWhenAnotherNamesTheExecutable() throws {
        var tree = Self.pluginTree
        tree["Tests/LibTests/LibTests.swift"] = "import Lib\nlet name = \"tool\"\n"
        let selection = try TestSelector.select(
            changed: ["Sources/tool/main.swift"], index: InMemoryRepository(tree).index(dumpManifest: Self.pluginDumper),
            suites: Self.suites, rules: SelectionRules())
        #expect(selection.ids == ["LibTests"])
    }

    @Test func libraryOfAnUnrunExecutableReachesEveryTestTargetThroughIt() throws {
        let selection = try selectInPluginTree(["Sources/Lib/Lib.swift"], runsTool: false)
        #expect(selection.test("LibTests")?.because == ["Sources/Lib/Lib.swift", "swift-target:Lib", "swift-target:LibTests"])
        #expect(selection.test("LibTests")?.note == nil)
        #expect(selection.test("CLITests")?.because
            == ["Sources/Lib/Lib.swift", "swift-target:Lib", "swift-target:tool", "swift-target:CLITests"])
        #expect(selection.test("CLITests")?.note?.hasPrefix("executable target `tool`") == true)
    }

    @Test func buildToolPluginAffectsTheTargetsUsingIt() throws {
        let plugin = try selectInPluginTree(["Plugins/Gen/Gen.swift"], runsTool: true)
        #expect(plugin.ids == ["CLITests", "LibTests"])
        #expect(plugin.test("LibTests")?.because == ["Plugins/Gen/Gen.swift", "swift-target:Gen", "swift-target:Lib", "swift-target:LibTests"])
        #expect(plugin.tests.allSatisfy { $0.note == nil })
        // The plugin's own executable is a dependency of a tested target: no fallback for it.
        let tool = try selectInPluginTree(["Sources/GenTool/main.swift"], runsTool: true)
        #expect(tool.test("LibTests")?.because
            == ["Sources/GenTool/main.swift", "swift-target:GenTool", "swift-target:Gen", "swift-target:Lib", "swift-target:LibTests"])
        #expect(tool.tests.allSatisfy { $0.note == nil })
    }

    @Test func unusedCommandPluginSelectsEveryTestTarget() throws {
        let selection = try selectInPluginTree(["Plugins/Fmt/Fmt.swift"], runsTool: true)
        #expect(selection.ids == ["CLITests", "LibTests"])
        #expect(selection.reason.hasSuffix("plugin target `Fmt` is not a dependency of any test target and no test names it; "
            + "a test may run it → all test targets of its package"))
    }

    @Test func macroIsACompileTimeDependency() throws {
        let selection = try selectInPluginTree(["Sources/StampMacros/Macros.swift"], runsTool: true)
        #expect(selection.test("LibTests")?.because == [
            "Sources/StampMacros/Macros.swift", "swift-target:StampMacros", "swift-target:Stamp", "swift-target:Lib",
            "swift-target:LibTests",
        ])
    }

    @Test func namingIsUpdatedIncrementallyAndItsScanPruned() throws {
        let before = InMemoryRepository(Self.pluginTree)
        let (first, _) = try DependencyIndexBuilder.build(
            files: before.files, source: before, previous: nil, dumpManifest: Self.pluginDumper)
        var tree = Self.pluginTree
        tree["Tests/CLITests/CLITests.swift"] = Self.runsTool
        let after = InMemoryRepository(tree)
        let (second, stats) = try DependencyIndexBuilder.build(
            files: after.files, source: after, previous: first, dumpManifest: Self.pluginDumper)
        #expect(stats.filesParsed == 1)
        #expect(second.files["Tests/CLITests/CLITests.swift"]?.edges == ["swift-target:tool"])
        let oldBlob = first.files["Tests/CLITests/CLITests.swift"]!.blobID
        #expect(second.scans["swift"]?[oldBlob] == nil)
        #expect(second.scans["swift"]?[second.files["Tests/CLITests/CLITests.swift"]!.blobID]?.names == ["tool-cli"])
        // The index file keeps names and products.
        #expect(try DependencyIndexCodec.decode(DependencyIndexCodec.encode(second)) == second)
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
        // Only the file that turned out to be in a test target is read, for its string literals.
        #expect(stats.filesParsed == 1)
        #expect(informed.scans["swift"]?.keys.first == informed.files["Tests/CoreTests/t.swift"]?.blobID)
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
