import Foundation
import Testing
@testable import GateCore

/// Impact selection on a real SwiftPM package (the manifest is read with `swift package dump-package`).
/// Only `gate affected`: building and running the package's tests would cost minutes.
@Suite("selection end to end: Swift", .enabled(if: GitSandbox.hasTool("swift --version")))
struct SelectionSwiftEndToEndTests {
    static let files: [String: String] = [
        ".gate.yml": "version: 1\nsuites:\n  - name: swift\n    runner: swift\n    timeout: 600\nfix:\n  provider: none\n",
        "README.md": "# calc\n",
        "Package.swift": """
            // swift-tools-version:5.9
            import PackageDescription

            let package = Package(
                name: "Calc",
                targets: [
                    .target(name: "Core"),
                    .target(name: "Feature", dependencies: ["Core"]),
                    .testTarget(name: "CoreTests", dependencies: ["Core"]),
                    .testTarget(name: "FeatureTests", dependencies: ["Feature"]),
                ]
            )
            """,
        "Sources/Core/Scale.swift": "public func scale(_ x: Int) -> Int { x * 2 }\n",
        "Sources/Feature/Feature.swift": "import Core\n\npublic func feature(_ x: Int) -> Int { scale(x) + 1 }\n",
        "Tests/CoreTests/ScaleTests.swift": "import XCTest\n@testable import Core\n\nfinal class ScaleTests: XCTestCase {\n    func testScale() { XCTAssertEqual(scale(3), 6) }\n}\n",
        "Tests/FeatureTests/FeatureTests.swift": "import XCTest\n@testable import Feature\n\nfinal class FeatureTests: XCTestCase {\n    func testFeature() { XCTAssertEqual(feature(10), 21) }\n}\n",
    ].mapValues(withFinalNewline)

    @Test func targetsSelectTheirDependentTestTargets() throws {
        let repo = try SelectionRepo(Self.files, name: "gate-sel-swift")
        try repo.commit("tweak feature", write: ["Sources/Feature/Feature.swift": try repo.text("Sources/Feature/Feature.swift") + "\npublic let limit = 5\n"])
        let leaf = try repo.affectedByLastCommit()
        #expect(leaf.mode == .selected, "\(leaf.reason)")
        #expect(leaf.ids == ["FeatureTests"])
        #expect(leaf.tests.first?.runner == .swift)

        try repo.commit("tweak core", write: ["Sources/Core/Scale.swift": try repo.text("Sources/Core/Scale.swift") + "\npublic let factor = 2\n"])
        #expect(try repo.affectedByLastCommit().ids == ["CoreTests", "FeatureTests"])

        try repo.commit("tweak a test", write: ["Tests/CoreTests/ScaleTests.swift": try repo.text("Tests/CoreTests/ScaleTests.swift") + "\n// more\n"])
        #expect(try repo.affectedByLastCommit().ids == ["CoreTests"])

        // A new file in a target, and a rename across targets (both sides count).
        try repo.commit("move scale", move: [("Sources/Core/Scale.swift", "Sources/Feature/Scale.swift")])
        let moved = try repo.affectedByLastCommit()
        #expect(moved.changed == ["Sources/Core/Scale.swift", "Sources/Feature/Scale.swift"])
        #expect(moved.ids == ["CoreTests", "FeatureTests"])

        try repo.commit("docs", write: ["README.md": "# calc\n\nMore.\n"])
        let docs = try repo.affectedByLastCommit()
        #expect(docs.mode == .none)
        #expect(docs.reason.contains("README.md"))

        try repo.commit("manifest", write: ["Package.swift": try repo.text("Package.swift") + "// touched\n"])
        let manifest = try repo.affectedByLastCommit()
        #expect(manifest.mode == .all)
        #expect(manifest.reason.contains("Package.swift"))
        #expect(manifest.ids == ["CoreTests", "FeatureTests"])

        try repo.commit("lockfile", write: ["Package.resolved": "{\n  \"pins\" : [],\n  \"version\" : 2\n}\n"])
        #expect(try repo.affectedByLastCommit().mode == .all)
    }

    /// `tool` is an executable and `Lint` a command plugin no test target depends on; `Core` uses the build-tool
    /// plugin `Stamp`; `CLITests` runs the built `tool` by name.
    static let runnableFiles: [String: String] = [
        ".gate.yml": "version: 1\nsuites:\n  - name: swift\n    runner: swift\n    timeout: 600\nfix:\n  provider: none\n",
        "Package.swift": """
            // swift-tools-version:5.9
            import PackageDescription

            let package = Package(
                name: "Kit",
                targets: [
                    .target(name: "Core", plugins: [.plugin(name: "Stamp")]),
                    .executableTarget(name: "tool"),
                    .plugin(name: "Stamp", capability: .buildTool()),
                    .plugin(name: "Lint", capability: .command(intent: .custom(verb: "lint", description: "Lints."))),
                    .testTarget(name: "CoreTests", dependencies: ["Core"]),
                    .testTarget(name: "CLITests"),
                ]
            )
            """,
        "Sources/Core/Core.swift": "public func core() -> Int { 1 }\n",
        "Sources/tool/main.swift": "print(\"hello\")\n",
        "Plugins/Stamp/Stamp.swift": "import PackagePlugin\n\n@main struct Stamp: BuildToolPlugin {\n    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] { [] }\n}\n",
        "Plugins/Lint/Lint.swift": "import PackagePlugin\n\n@main struct Lint: CommandPlugin {\n    func performCommand(context: PluginContext, arguments: [String]) throws {}\n}\n",
        "Tests/CoreTests/CoreTests.swift": "import XCTest\n@testable import Core\n\nfinal class CoreTests: XCTestCase {\n    func testCore() { XCTAssertEqual(core(), 1) }\n}\n",
        "Tests/CLITests/RunToolTests.swift": """
            import Foundation
            import XCTest

            final class RunToolTests: XCTestCase {
                func testRunsTool() throws {
                    let products = Bundle(for: Self.self).bundleURL.deletingLastPathComponent()
                    let process = Process()
                    process.executableURL = products.appendingPathComponent("tool")
                    try process.run()
                    process.waitUntilExit()
                    XCTAssertEqual(process.terminationStatus, 0)
                }
            }
            """,
    ].mapValues(withFinalNewline)

    @Test func executablesAndPluginsSelectTheTestsThatMayRunThem() throws {
        let repo = try SelectionRepo(Self.runnableFiles, name: "gate-sel-swift-run")
        // (a) A test names the executable: a change in it selects that test target only.
        try repo.commit("tweak tool", write: ["Sources/tool/main.swift": "print(\"hello, world\")\n"])
        let named = try repo.affectedByLastCommit()
        #expect(named.mode == .selected, "\(named.reason)")
        #expect(named.ids == ["CLITests"])
        #expect(named.tests.first?.because
            == ["Sources/tool/main.swift", "swift-target:tool", "Tests/CLITests/RunToolTests.swift", "swift-target:CLITests"])
        let explained = try repo.box.gate("affected --from HEAD~1 --explain", in: "work").output
        #expect(explained.contains(
            "[swift] CLITests: swift-target:CLITests ← Tests/CLITests/RunToolTests.swift ← swift-target:tool ← Sources/tool/main.swift (changed)"),
            "\(explained)")

        // (c) A build-tool plugin affects the targets using it, and so their tests.
        try repo.commit("tweak stamp", write: ["Plugins/Stamp/Stamp.swift": try repo.text("Plugins/Stamp/Stamp.swift") + "// v2\n"])
        let plugin = try repo.affectedByLastCommit()
        #expect(plugin.ids == ["CoreTests"])
        #expect(plugin.tests.first?.because == ["Plugins/Stamp/Stamp.swift", "swift-target:Stamp", "swift-target:Core", "swift-target:CoreTests"])

        // A command plugin nothing uses may be run by any test.
        try repo.commit("tweak lint", write: ["Plugins/Lint/Lint.swift": try repo.text("Plugins/Lint/Lint.swift") + "// v2\n"])
        let command = try repo.affectedByLastCommit()
        #expect(command.ids == ["CLITests", "CoreTests"])
        #expect(command.reason.contains("plugin target `Lint` is not a dependency of any test target"), "\(command.reason)")

        // (b) No test names the executable any more: a change in it selects every test target, and says why.
        let unnamed = try repo.text("Tests/CLITests/RunToolTests.swift")
            .replacingOccurrences(of: "appendingPathComponent(\"tool\")", with: "appendingPathComponent([\"t\", \"ool\"].joined())")
        try repo.commit("run tool by a computed name", write: ["Tests/CLITests/RunToolTests.swift": unnamed])
        #expect(try repo.affectedByLastCommit().ids == ["CLITests"])
        try repo.commit("tweak tool again", write: ["Sources/tool/main.swift": "print(\"hello again\")\n"])
        let unknown = try repo.affectedByLastCommit()
        #expect(unknown.mode == .selected)
        #expect(unknown.ids == ["CLITests", "CoreTests"])
        let why = "executable target `tool` is not a dependency of any test target and no test names it; "
            + "a test may run it → all test targets of its package"
        #expect(unknown.reason == "1 file changed, 2 tests affected; " + why)
        let explainedAll = try repo.box.gate("affected --from HEAD~1 --explain", in: "work").output
        #expect(explainedAll.contains(
            "[swift] CoreTests: swift-target:CoreTests ← swift-target:tool ← Sources/tool/main.swift (changed): " + why),
            "\(explainedAll)")
    }
}
