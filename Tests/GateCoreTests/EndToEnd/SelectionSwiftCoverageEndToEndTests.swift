import Foundation
import Testing

@testable import GateCore

/// Swift per-test selection for real: `gate index build --coverage` builds and runs a small package's tests one by one
/// with the real toolchain, then a push that breaks one function body runs only the test that executed it, and is blocked.
@Suite("selection end to end: Swift per-test coverage", .serialized)
struct SelectionSwiftCoverageEndToEndTests {
    static let files: [String: String] = [
        ".gate.yml": "version: 1\nsuites:\n  - name: swift\n    runner: swift\n    timeout: 900\nfix:\n  provider: none\n",
        ".gitignore": ".build/\n",
        "Package.swift": """
            // swift-tools-version:5.9
            import PackageDescription
            let package = Package(name: "Calc", targets: [
                .target(name: "Calc"),
                .testTarget(name: "CalcTests", dependencies: ["Calc"]),
            ])
            """,
        "Sources/Calc/Calc.swift": """
            public func add(_ a: Int, _ b: Int) -> Int {
                return a + b
            }

            public func mul(_ a: Int, _ b: Int) -> Int { a * b }
            """,
        "Tests/CalcTests/CalcTests.swift": """
            import XCTest
            import Calc
            final class CalcTests: XCTestCase {
                func testAdd() { XCTAssertEqual(add(1, 2), 3) }
            }
            """,
        "Tests/CalcTests/MulTests.swift": """
            import Testing
            import Calc
            @Test func product() { #expect(mul(2, 3) == 6) }
            """,
    ].mapValues { $0.hasSuffix("\n") ? $0 : $0 + "\n" }

    @Test func seededCoverageRunsOnlyTheTestThatExecutedTheBrokenFunction() throws {
        let repo = try SelectionRepo(Self.files, name: "gate-sel-swift-cov")
        let seeded = try repo.box.gate("index build --coverage", in: "work").output
        #expect(seeded.contains("Swift coverage: 2 of 2 tests recorded"), "\(seeded)")

        try repo.commit("break mul", write: ["Sources/Calc/Calc.swift": try repo.text("Sources/Calc/Calc.swift")
            .replacingOccurrences(of: "{ a * b }", with: "{ a * b + 1 }")])
        let broken = try repo.affectedByLastCommit()
        #expect(broken.mode == .selected, "\(broken.reason)")
        #expect(broken.ids == ["CalcTests.product()"], "\(broken.reason)")

        try repo.install()
        let pushed = try repo.push(expect: 1)
        #expect(pushed.output.contains("product()"), "\(pushed.output)")
        #expect(!pushed.output.contains("testAdd"), "\(pushed.output)")

        // A new declaration is outside every function coverage saw: the whole target runs, and the reason says so.
        try repo.commit("declare", write: ["Sources/Calc/Calc.swift": try repo.text("Sources/Calc/Calc.swift") + "public let zero = 0\n"])
        let declared = try repo.affectedByLastCommit()
        #expect(declared.ids == ["CalcTests"], "\(declared.reason)")
        #expect(declared.reason.contains("changes code outside any function body"), "\(declared.reason)")
    }
}
