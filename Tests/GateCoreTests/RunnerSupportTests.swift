import Foundation
import Testing
@testable import GateCore

@Suite struct RunnerSupportTests {
    @Test func shellQuotingSurvivesTheShell() throws {
        let words = ["plain", "with space", "it's", "$HOME", "a;b", ""]
        #expect(ShellQuoting.quote("tests/a_test.py") == "tests/a_test.py")
        let script = "printf '%s\\n' " + words.map(ShellQuoting.quote).joined(separator: " ")
        let outcome = try ChildProcess.run(ProcessSpec(executable: "sh", arguments: ["-c", script]))
        #expect(String(decoding: outcome.standardOutput, as: UTF8.self) == words.map { $0 + "\n" }.joined())
    }

    @Test func commandTemplateExpansion() {
        #expect(CommandRunner.expand("run {tests} --fast", filter: nil) == "run  --fast")
        #expect(CommandRunner.expand("run {tests}", filter: TestFilter(ids: ["a b", "c"])) == "run 'a b' c")
    }

    @Test func swiftFilterExpressionEscapesTargetNames() {
        #expect(SwiftTestID.filterExpression(["CoreTests", "UI.Tests", "UI.T/test+a"]) == #"^(CoreTests\.|UI_Tests\.|UI\.T\/test\+a(/|$))"#)
    }

    @Test func xctestFailureLinesFillInMessages() {
        let log = """
        Test Case 'XT.testB' started
        /src/Tests/LibTests/T.swift:6: error: XT.testB : XCTAssertEqual failed: ("4") is not equal to ("5") - msg
        """
        let cases = [
            TestCaseResult(name: "LibTests.XT/testB", status: .failed, message: "failure"),
            TestCaseResult(name: "LibTests.XT/testA", status: .passed),
        ]
        let enriched = XCTestFailureLines.enrich(cases, log: log, relativeFile: SwiftTestFiles(workingDirectory: "/src").relative)
        #expect(enriched[0].message == #"XCTAssertEqual failed: ("4") is not equal to ("5") - msg"#)
        #expect(enriched[0].file == "Tests/LibTests/T.swift")
        #expect(enriched[0].trace == #"Tests/LibTests/T.swift:6: XCTAssertEqual failed: ("4") is not equal to ("5") - msg"#)
        #expect(enriched[1] == cases[1])
    }

    @Test func logTailKeepsLastNonEmptyLines() {
        #expect(LogTail.lastLines(2, of: "a\nb\n\n c \n\n") == "b\n c ")
    }

    @Test func suiteDefinitionDecodesWithoutEnvironment() throws {
        let json = #"{"name":"unit","runner":"pytest","timeout":30}"#
        let suite = try JSONDecoder().decode(SuiteDefinition.self, from: Data(json.utf8))
        #expect(suite == SuiteDefinition(name: "unit", runner: .pytest, timeout: 30))
        #expect(suite.effectiveTimeout == 30)
        #expect(SuiteDefinition(name: "x", runner: .go).effectiveTimeout == 600)
    }

    @Test func factoryReturnsTheMatchingRunner() {
        for kind in RunnerKind.allCases {
            let runner = TestRunners.runner(for: kind)
            #expect(runner.kind == kind)
            #expect(!runner.requiredTools.isEmpty)
            #expect(runner.requiredTools.allSatisfy { !$0.installHint.isEmpty })
        }
    }

    @Test func resultCountsAndVerdict() {
        let result = SuiteResult(suite: "s", runner: .go, cases: [
            TestCaseResult(name: "a", status: .passed), TestCaseResult(name: "b", status: .skipped),
        ])
        #expect((result.passed, result.failed, result.errored, result.skipped) == (1, 0, 0, 1))
        #expect(result.verdictPassed)
        var broken = result
        broken.suiteError = "timed out after 5 s"
        #expect(!broken.verdictPassed)
    }
}
