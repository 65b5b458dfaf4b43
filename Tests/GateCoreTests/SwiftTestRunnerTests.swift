import Foundation
import Testing
@testable import GateCore

@Suite struct SwiftTestRunnerTests {
    /// One slow end-to-end test: a real SwiftPM package with Swift Testing and XCTest tests,
    /// run as is, with a compile error, and with a crashing test.
    @Test(.timeLimit(.minutes(10)))
    func mergesBothReportsAndNeverPassesBuildFailuresOrCrashes() throws {
        let project = try ScratchProject([
            "Package.swift": """
            // swift-tools-version:6.0
            import PackageDescription
            let package = Package(name: "Probe", targets: [
                .target(name: "Lib"),
                .testTarget(name: "LibTests", dependencies: ["Lib"]),
            ])
            """,
            "Sources/Lib/Lib.swift": "public func add(_ a: Int, _ b: Int) -> Int { a + b }\n",
            "Tests/LibTests/LibTests.swift": """
            import Testing
            import XCTest
            @testable import Lib

            @Test func addsCorrectly() { #expect(add(1, 2) == 3) }
            @Test func addsWrongly() { #expect(add(1, 2) == 4, "deliberate"); #expect(add(2, 2) == 5) }
            // 400 KB of output after XCTest's failure lines (XCTest runs first): they must still be found.
            @Test func chatty() { for _ in 0..<5_000 { print(String(repeating: "x", count: 80)) } }

            final class LegacyTests: XCTestCase {
                func testPasses() { XCTAssertEqual(add(2, 2), 4) }
                func testFails() { XCTAssertEqual(add(2, 2), 5, "deliberate xctest") }
            }
            """,
        ])
        defer { project.remove() }
        let runner = SwiftTestRunner()
        let suite = SuiteDefinition(name: "swift", runner: .swift)
        let environment = ProcessInfo.processInfo.environment

        let result = try runner.run(suite, root: project.root, filter: TestFilter(ids: ["LibTests"]),
                                    logPath: project.logPath, environment: environment, onOutput: nil)
        #expect(result.suiteError == nil, "\(result.suiteError ?? "")")
        #expect((result.passed, result.failed, result.errored) == (3, 2, 0))
        let failures = result.cases.filter { $0.status == .failed }.map(\.name).sorted()
        #expect(failures == ["LibTests.LegacyTests/testFails", "LibTests.addsWrongly()"])
        let legacy = try #require(result.cases.first { $0.name == "LibTests.LegacyTests/testFails" })
        #expect(legacy.message?.contains("deliberate xctest") == true)
        #expect(legacy.file == "Tests/LibTests/LibTests.swift")
        #expect(legacy.trace?.contains("Tests/LibTests/LibTests.swift:12: XCTAssertEqual failed") == true, "\(legacy.trace ?? "")")
        // Swift Testing's report has no location: it comes from the console, one line per recorded issue.
        let modern = try #require(result.cases.first { $0.name == "LibTests.addsWrongly()" })
        #expect(modern.file == "Tests/LibTests/LibTests.swift")
        #expect(modern.trace == """
            Tests/LibTests/LibTests.swift:6:28: Expectation failed: (add(1, 2) → 3) == 4
              ↳ deliberate
            Tests/LibTests/LibTests.swift:6:67: Expectation failed: (add(2, 2) → 4) == 5
            """, "\(modern.trace ?? "")")

        // A selection that runs no test is no pass (`swift test --filter` exits 0 when it matches nothing: a target
        // named with a `-` once ran 0 tests and let a push with 4 failing tests through).
        let unmatched = try runner.run(suite, root: project.root, filter: TestFilter(ids: ["NoSuchTests"]),
                                       logPath: project.logPath, environment: environment, onOutput: nil)
        #expect(!unmatched.verdictPassed)
        #expect(unmatched.suiteError?.contains("ran no test") == true, "\(unmatched.suiteError ?? "")")

        try project.write("Sources/Lib/Lib.swift", "public func add(_ a: Int, _ b: Int) -> Int { a + undefinedValue }\n")
        let broken = try runner.run(suite, root: project.root, filter: nil,
                                    logPath: project.logPath, environment: environment, onOutput: nil)
        #expect(!broken.verdictPassed)
        #expect(broken.cases.isEmpty)
        #expect(broken.suiteError?.contains("undefinedValue") == true, "\(broken.suiteError ?? "")")

        try project.write("Sources/Lib/Lib.swift", "public func add(_ a: Int, _ b: Int) -> Int { a + b }\n")
        try project.write("Tests/LibTests/Crash.swift", "import Testing\n@Test func crashes() { let empty: [Int] = []; _ = empty[1] }\n")
        let crashed = try runner.run(suite, root: project.root, filter: nil,
                                     logPath: project.logPath, environment: environment, onOutput: nil)
        #expect(!crashed.verdictPassed)
        #expect(crashed.suiteError?.contains("crashed") == true, "\(crashed.suiteError ?? "")")
    }
}
