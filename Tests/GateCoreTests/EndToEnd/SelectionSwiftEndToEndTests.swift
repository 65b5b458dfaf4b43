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
}
