import Foundation
import Testing
@testable import GateCore

/// Swift test ids are the ones `swift test list` prints, and Swift Testing's failures carry
/// their `file:line` from the console (its XUnit report has none).
@Suite struct SwiftTestIDTests {
    @Test func idsFromXUnitAreTheRunnersOwn() {
        #expect(SwiftTestID.id(className: "HTTPTypesTests.HTTPTypesTests", name: "response()") == "HTTPTypesTests.HTTPTypesTests/response()")
        #expect(SwiftTestID.id(className: "SwiftAlgorithmsTests.ChunkedTests", name: "testChunksOfCountCount")
                == "SwiftAlgorithmsTests.ChunkedTests/testChunksOfCountCount")
        #expect(SwiftTestID.id(className: "LibTests.Outer.Inner", name: "named()") == "LibTests.Outer/Inner/named()")
        #expect(SwiftTestID.id(className: "LibTests", name: "same()") == "LibTests.same()")
    }

    @Test func filterSelectsTargetsAndExactIds() throws {
        let expression = SwiftTestID.filterExpression(["CoreTests", "LibTests.Outer/param(x:)", "LibTests.XT/testA"])
        let regex = try NSRegularExpression(pattern: expression)
        func matches(_ name: String) -> Bool { regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil }
        #expect(matches("CoreTests.A/testB"))
        #expect(matches("LibTests.Outer/param(x:)/LibTests.swift:16:4"))
        #expect(matches("LibTests.XT/testA"))
        #expect(!matches("LibTests.XT/testAB"))
        #expect(!matches("LibTests.Outer/paramX(x:)"))
        #expect(!matches("CoreTestsMore.A/testB"))
        #expect(SwiftTestID.isTestID("LibTests.same()") && !SwiftTestID.isTestID("UI.Tests"))
    }

    /// SwiftPM builds a target as a module named with its C99 form (`-` and other punctuation become `_`), and
    /// `swift test --filter` matches that name: a filter of the target name ran none of its tests (a push of
    /// swift-conventional-commit-parser 0.1.0 breaking `swift-conventional-commit-parserTests` passed with 0 tests).
    @Test func filterNamesATargetByItsModuleName() throws {
        let expression = SwiftTestID.filterExpression(["swift-conventional-commit-parserTests", "1stTests", "Café-Tests"])
        let regex = try NSRegularExpression(pattern: expression)
        func matches(_ name: String) -> Bool { regex.firstMatch(in: name, range: NSRange(name.startIndex..., in: name)) != nil }
        #expect(matches("swift_conventional_commit_parserTests.ExecutionTests/testReleaseHelp"))
        #expect(matches("_1stTests.T/testA"))
        #expect(matches("Café_Tests.T/testA"))
        #expect(!matches("swift-conventional-commit-parserTests.ExecutionTests/testReleaseHelp"))
        #expect(SwiftTestID.moduleName(ofTarget: "swift-conventional-commit-parserTests") == "swift_conventional_commit_parserTests")
        #expect(SwiftTestID.moduleName(ofTarget: "UI.Tests") == "UI_Tests")
        #expect(SwiftTestID.moduleName(ofTarget: "LibTests") == "LibTests")
    }

    /// As Swift 6.3.1 prints it on Linux: two issues of one test, a display name, a parameterized test.
    static let log = """
    ◇ Test same() started.
    ✘ Test same() recorded an issue at LibTests.swift:5:21: Expectation failed: (add(1, 2) → 3) == 4
    ↳ deliberate
    ✘ Test param(x:) recorded an issue with 1 argument x → 2 at LibTests.swift:16:51: Expectation failed: (add(x, 0) → 2) == 1
    ✘ Test "display name" recorded an issue at LibTests.swift:14:46: Expectation failed: (add(0, 0) → 0) == 1
    ✘ Test twice() recorded an issue at LibTests.swift:9:9: Expectation failed: (add(1, 1) → 2) == 3
    ↳ first
    ✘ Test twice() recorded an issue at LibTests.swift:10:9: Expectation failed: (add(2, 2) → 4) == 5
    ✘ Test twice() failed after 0.001 seconds with 2 issues.
    """

    @Test func swiftTestingIssuesGiveFileLineAndText() {
        let issues = SwiftTestingIssueLines.parse(Self.log)
        #expect(issues.map(\.test) == ["same()", "param(x:)", "\"display name\"", "twice()", "twice()"])
        #expect(issues[0] == .init(test: "same()", file: "LibTests.swift", line: 5, column: 21,
                                   text: "Expectation failed: (add(1, 2) → 3) == 4", comments: ["deliberate"]))
        #expect(issues[1].line == 16 && issues[1].text == "Expectation failed: (add(x, 0) → 2) == 1")

        let cases = [
            TestCaseResult(name: "LibTests.Outer/twice()", status: .failed,
                           message: "Expectation failed: (add(1, 1) → 2) == 3 (error): first\nExpectation failed: (add(2, 2) → 4) == 5 (error)"),
            TestCaseResult(name: "LibTests.Outer/Inner/named()", status: .failed, message: "Expectation failed: (add(0, 0) → 0) == 1 (error)"),
            TestCaseResult(name: "OtherTests.same()", status: .failed, message: "Expectation failed: (add(1, 2) → 3) == 5 (error)"),
            TestCaseResult(name: "LibTests.Outer/passes()", status: .passed),
        ]
        let enriched = SwiftTestingIssueLines.enrich(cases, log: Self.log) { module, name in "Tests/\(module)/\(name)" }
        #expect(enriched[0].trace == """
            Tests/LibTests/LibTests.swift:9:9: Expectation failed: (add(1, 1) → 2) == 3
              ↳ first
            Tests/LibTests/LibTests.swift:10:9: Expectation failed: (add(2, 2) → 4) == 5
            """)
        #expect(enriched[0].file == "Tests/LibTests/LibTests.swift")
        #expect(enriched[1].trace == "Tests/LibTests/LibTests.swift:14:46: Expectation failed: (add(0, 0) → 0) == 1")
        // Same function name, other expectation: not this test's issue.
        #expect(enriched[2] == cases[2])
        #expect(enriched[3] == cases[3])
    }

    @Test func fileNamesBecomeRelativeToTheWorkingDirectory() throws {
        let project = try ScratchProject(["Tests/LibTests/Sub/LibTests.swift": "", "Tests/LibTests/Twin.swift": "", "Tests/Other/Twin.swift": ""])
        defer { project.remove() }
        let files = SwiftTestFiles(workingDirectory: project.root)
        #expect(files.resolve(module: "LibTests", name: "LibTests.swift") == "Tests/LibTests/Sub/LibTests.swift")
        #expect(files.resolve(module: "LibTests", name: "Missing.swift") == "Missing.swift")
        #expect(files.relative(project.root + "/Tests/LibTests/Twin.swift") == "Tests/LibTests/Twin.swift")
        #expect(files.relative("/elsewhere/T.swift") == "/elsewhere/T.swift")
    }
}
