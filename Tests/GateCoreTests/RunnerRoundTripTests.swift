import Foundation
import Testing
@testable import GateCore

/// Every runner's test ids survive a round trip through "run only these", the way the flaky check uses them:
/// run the suite, take the failing ids, re-run what `FlakeCheck.rerunEntries` asks for, and judge: the same ids fail
/// again, each id names one test, and nothing is called flaky.
@Suite struct RunnerRoundTripTests {
    private let environment = ProcessInfo.processInfo.environment

    private func roundTrip(_ runner: some TestRunner, _ suite: SuiteDefinition, in project: ScratchProject,
                           failing expected: [String], rerunFilter: [String]?? = .none,
                           sourceLocation: SourceLocation = #_sourceLocation) throws {
        let first = try runner.run(suite, root: project.root, filter: nil, logPath: project.logPath, environment: environment, onOutput: nil)
        #expect(first.suiteError == nil, "\(first.suiteError ?? "")", sourceLocation: sourceLocation)
        let names = first.cases.map(\.name)
        #expect(Set(names).count == names.count, "ids are not unique: \(names)", sourceLocation: sourceLocation)
        let failing = first.cases.filter { $0.status == .failed || $0.status == .errored }.map(\.name).sorted()
        #expect(failing == expected.sorted(), sourceLocation: sourceLocation)
        let plan = TestPlan(mode: .all, reason: "round trip", entries: [TestPlan.Entry(suite: suite, filter: nil)])
        let entries = FlakeCheck.rerunEntries(results: [first], plan: plan)
        #expect(entries.count == 1, sourceLocation: sourceLocation)
        if let rerunFilter { #expect(entries.first?.filter == rerunFilter, sourceLocation: sourceLocation) }
        let rerun = try entries.map {
            try runner.run($0.suite, root: project.root, filter: $0.filter.map(TestFilter.init), logPath: project.logPath,
                           environment: environment, onOutput: nil)
        }
        let again = rerun.flatMap { $0.cases.filter { $0.status == .failed || $0.status == .errored }.map(\.name) }.sorted()
        #expect(again == failing, sourceLocation: sourceLocation)
        let judged = FlakeCheck.judge([first], rerun: rerun)
        #expect(judged.flaky.isEmpty, sourceLocation: sourceLocation)
        #expect(judged.results.flatMap { FlakeCheck.failingNames($0) }.sorted() == failing.map { suite.name + ": " + $0 },
                sourceLocation: sourceLocation)
    }

    /// Two files hold a test of the same name; only one of them fails.
    @Test(.enabled(if: GitSandbox.hasTool("node --version")))
    func nodeTestsAreNamedByFileAndDescribePath() throws {
        let project = try ScratchProject([
            "test/a.test.js": "const test = require('node:test');\nconst assert = require('node:assert');\ntest('adds', () => { assert.strictEqual(1 + 1, 2); });\n",
            "test/b.test.js": """
            const test = require('node:test');
            const assert = require('node:assert');
            test('adds', () => { assert.strictEqual(1 + 1, 3); });
            test.describe('group', () => {
                test.it('throws', () => { null.property; });
                test.it('passes', () => {});
            });
            """,
        ])
        defer { project.remove() }
        try roundTrip(NodeTestRunner(), SuiteDefinition(name: "node", runner: .node), in: project,
                      failing: ["test/b.test.js > adds", "test/b.test.js > group > throws"], rerunFilter: ["test/b.test.js"])
    }

    /// With a working directory, ids read relative to the repository root; node is still handed its test files.
    @Test(.enabled(if: GitSandbox.hasTool("node --version")))
    func nodeIdsAreRepositoryRelativeWithAWorkingDirectory() throws {
        let project = try ScratchProject([
            "web/test/a.test.js": "const test = require('node:test');\nconst assert = require('node:assert');\ntest('adds', () => { assert.strictEqual(1 + 1, 3); });\n",
            "web/test/b.test.js": "const test = require('node:test');\ntest('passes', () => {});\n",
        ])
        defer { project.remove() }
        try roundTrip(NodeTestRunner(), SuiteDefinition(name: "node", runner: .node, workingDirectory: "web"), in: project,
                      failing: ["web/test/a.test.js > adds"], rerunFilter: ["test/a.test.js"])
    }

    @Test func repoRelativeIdsMapBackToTheRunnersIds() {
        #expect(RepoRelativeTestID.shown("tests/t.py::test_a", directory: "sub") == "sub/tests/t.py::test_a")
        #expect(RepoRelativeTestID.shown(".", directory: "sub") == "sub")
        #expect(RepoRelativeTestID.shown("tests/t.py", directory: "") == "tests/t.py")
        #expect(RepoRelativeTestID.runnerID("sub/tests/t.py::test_a", directory: "sub") == "tests/t.py::test_a")
        #expect(RepoRelativeTestID.runnerID("sub", directory: "sub") == ".")
        #expect(RepoRelativeTestID.runnerID("subway/t.py", directory: "sub") == "subway/t.py")
    }

    @Test(.enabled(if: GitSandbox.hasTool("go version")))
    func goTestsAndBuildFailuresKeepTheirIds() throws {
        let project = try ScratchProject([
            "go.mod": "module example.com/m\n\ngo 1.19\n",
            "a/a_test.go": "package a\n\nimport \"testing\"\n\nfunc TestSame(t *testing.T) {}\n",
            "b/b_test.go": """
            package b

            import "testing"

            func TestSame(t *testing.T) { t.Fatal("b fails") }

            func TestTable(t *testing.T) {
                for _, name := range []string{"one", "two"} {
                    t.Run(name, func(t *testing.T) {
                        if name == "two" {
                            t.Error("two fails")
                        }
                    })
                }
            }
            """,
            "broken/broken_test.go": "package broken\n\nimport \"testing\"\n\nfunc TestX(t *testing.T) { undefined() }\n",
        ])
        defer { project.remove() }
        try roundTrip(GoTestRunner(), SuiteDefinition(name: "go", runner: .go, timeout: 300), in: project,
                      failing: ["example.com/m/b.TestSame", "example.com/m/b.TestTable/two", "example.com/m/broken"],
                      rerunFilter: ["example.com/m/b", "example.com/m/broken"])
    }

    @Test func commandJUnitIdsSurviveARerun() throws {
        let project = try ScratchProject([
            "report.xml": """
            <testsuite name="s">
              <testcase classname="a" name="same"/>
              <testcase classname="b" name="same"><failure message="nope">detail</failure></testcase>
            </testsuite>
            """,
        ])
        defer { project.remove() }
        let suite = SuiteDefinition(name: "custom", runner: .command, command: "cp report.xml out.xml; exit 1 {tests}", junitPath: "out.xml")
        try roundTrip(CommandRunner(), suite, in: project, failing: ["b.same"], rerunFilter: .some(nil))
    }

    /// XCTest and Swift Testing in one package: a free function named like one in another target, nested suites,
    /// a parameterized test. The ids are the ones `swift test list` prints (less the source location it adds to some
    /// Swift Testing ids), and the re-run asks for exactly them.
    @Test(.timeLimit(.minutes(10)), .enabled(if: GitSandbox.hasTool("swift --version")))
    func swiftTestIdsSurviveARerun() throws {
        let project = try ScratchProject([
            "Package.swift": """
            // swift-tools-version:6.0
            import PackageDescription
            let package = Package(name: "Probe", targets: [
                .target(name: "Lib"),
                .testTarget(name: "LibTests", dependencies: ["Lib"]),
                .testTarget(name: "OtherTests", dependencies: ["Lib"]),
            ])
            """,
            "Sources/Lib/Lib.swift": "public func add(_ a: Int, _ b: Int) -> Int { a + b }\n",
            "Tests/LibTests/LibTests.swift": """
            import Testing
            import XCTest
            @testable import Lib

            @Test func same() { #expect(add(1, 2) == 4, "deliberate") }

            struct Outer {
                @Test func passes() { #expect(add(1, 1) == 2) }
                @Test(arguments: [1, 2]) func param(x: Int) { #expect(add(x, 0) == 1) }
                @Suite struct Inner {
                    @Test("display name") func named() { #expect(add(0, 0) == 1) }
                }
            }

            final class LegacyTests: XCTestCase {
                func testFails() { XCTAssertEqual(add(2, 2), 5, "deliberate xctest") }
                func testFailsNot() { XCTAssertEqual(add(2, 2), 4) }
            }
            """,
            "Tests/OtherTests/OtherTests.swift": "import Testing\n@testable import Lib\n\n@Test func same() { #expect(add(1, 2) == 3) }\n",
        ])
        defer { project.remove() }
        let failing = ["LibTests.LegacyTests/testFails", "LibTests.Outer/Inner/named()", "LibTests.Outer/param(x:)", "LibTests.same()"]
        try roundTrip(SwiftTestRunner(), SuiteDefinition(name: "swift", runner: .swift), in: project,
                      failing: failing, rerunFilter: .some(failing))

        let list = try ChildProcess.run(ProcessSpec(executable: "swift", arguments: ["test", "list", "--skip-build"],
                                                    environment: environment, workingDirectory: project.root))
        // `swift test list` appends the source location to a Swift Testing function it deems ambiguous
        // (`LibTests.same()/LibTests.swift:5:2`); the report holds none, and `--filter` needs none.
        let location = try Regex(#"/[^/]+\.swift:\d+:\d+$"#)
        let listed = Set(String(decoding: list.standardOutput, as: UTF8.self).split(separator: "\n").map {
            String($0).replacing(location, with: "")
        })
        let all = try SwiftTestRunner().run(SuiteDefinition(name: "swift", runner: .swift), root: project.root, filter: nil,
                                            logPath: project.logPath, environment: environment, onOutput: nil)
        #expect(all.cases.count == 7)
        #expect(Set(all.cases.map(\.name)) == listed, "swift test list printed \(listed.sorted())")
    }
}
