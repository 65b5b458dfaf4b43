import Foundation
import Testing
@testable import GateCore
#if canImport(Glibc)
import Glibc
#endif

@Suite struct CommandRunnerTests {
    private let environment = ProcessInfo.processInfo.environment

    private func run(_ suite: SuiteDefinition, in project: ScratchProject, filter: TestFilter? = nil) throws -> SuiteResult {
        try CommandRunner().run(suite, root: project.root, filter: filter, logPath: project.logPath,
                                environment: environment, onOutput: nil)
    }

    @Test func exitCodeDecidesWithoutJUnit() throws {
        let project = try ScratchProject([:])
        defer { project.remove() }
        let passing = try run(SuiteDefinition(name: "lint", runner: .command, command: "echo fine"), in: project)
        #expect(passing.verdictPassed)
        #expect(passing.cases == [TestCaseResult(name: "lint", status: .passed)])

        let script = "for i in $(seq 1 30); do echo line$i; done; exit 4"
        let failing = try run(SuiteDefinition(name: "lint", runner: .command, command: script), in: project)
        #expect(!failing.verdictPassed)
        #expect(failing.exitCode == 4)
        #expect(failing.failed == 1)
        let message = try #require(failing.cases.first?.message)
        #expect(message.split(separator: "\n").count == 20)
        #expect(message.hasPrefix("line11") && message.hasSuffix("line30"))
    }

    @Test func substitutesQuotedTestsAndUsesEnvironment() throws {
        let project = try ScratchProject([:])
        defer { project.remove() }
        let suite = SuiteDefinition(
            name: "echo", runner: .command, environment: ["GATE_WORD": "hi"],
            command: "printf '%s|' \"$GATE_WORD\" {tests} > out.txt")
        _ = try run(suite, in: project, filter: TestFilter(ids: ["a b", "c"]))
        #expect(try String(contentsOfFile: project.root + "/out.txt", encoding: .utf8) == "hi|a b|c|")
        _ = try run(suite, in: project)
        #expect(try String(contentsOfFile: project.root + "/out.txt", encoding: .utf8) == "hi|")
    }

    @Test func parsesJUnitReportTheCommandWrites() throws {
        let project = try ScratchProject([
            "report.xml": """
            <testsuite name="s">
              <testcase classname="c" name="ok"/>
              <testcase classname="c" name="bad"><failure message="nope">detail</failure></testcase>
              <testcase classname="c" name="crash"><error message="segfault"/></testcase>
            </testsuite>
            """,
        ])
        defer { project.remove() }
        let suite = SuiteDefinition(
            name: "custom", runner: .command, workingDirectory: "sub",
            command: "cp ../report.xml out/junit.xml; exit 1", junitPath: "out/junit.xml")
        try project.write("sub/out/stale.txt", "")
        let result = try run(suite, in: project)
        #expect((result.passed, result.failed, result.errored) == (1, 1, 1))
        #expect(result.suiteError == nil)
        #expect(result.cases[1].message == "nope")
    }

    @Test func missingOrStaleJUnitIsAnErrorNeverAPass() throws {
        let project = try ScratchProject([
            "junit.xml": #"<testsuite name="stale"><testcase classname="c" name="old"/></testsuite>"#,
        ])
        defer { project.remove() }
        let suite = SuiteDefinition(name: "custom", runner: .command, command: "echo did nothing", junitPath: "junit.xml")
        let result = try run(suite, in: project)
        #expect(!result.verdictPassed)
        #expect(result.suiteError?.contains("could not be read") == true)
        #expect(result.cases.isEmpty)
    }

    @Test func nonzeroExitWithCleanReportIsAnError() throws {
        let project = try ScratchProject([:])
        defer { project.remove() }
        let report = #"<testsuite name="s"><testcase classname="c" name="ok"/></testsuite>"#
        let suite = SuiteDefinition(name: "custom", runner: .command,
                                    command: "echo '\(report)' > r.xml; echo crashed >&2; exit 139", junitPath: "r.xml")
        let result = try run(suite, in: project)
        #expect(result.passed == 1)
        #expect(!result.verdictPassed)
        #expect(result.suiteError?.contains("exited with status 139") == true)
        #expect(result.suiteError?.contains("crashed") == true)
    }

    @Test func timeoutKillsTheGroupAndIsReported() throws {
        let project = try ScratchProject([:])
        defer { project.remove() }
        let suite = SuiteDefinition(name: "slow", runner: .command, timeout: 0.5,
                                    command: "echo $$ > pgid; sleep 30 & sleep 30; wait")
        let result = try run(suite, in: project)
        #expect(result.timedOut)
        #expect(result.suiteError == "timed out after 0.5 s")
        #expect(!result.verdictPassed)
        #expect(result.duration < 20)
        let group = try #require(Int32(String(contentsOfFile: project.root + "/pgid", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(kill(-group, 0) == -1 && errno == ESRCH)
    }

    @Test func emptySelectionRunsNothing() throws {
        let project = try ScratchProject([:])
        defer { project.remove() }
        let suite = SuiteDefinition(name: "c", runner: .command, command: "touch ran")
        let result = try run(suite, in: project, filter: TestFilter(ids: []))
        #expect(result.verdictPassed)
        #expect(!FileManager.default.fileExists(atPath: project.root + "/ran"))
    }
}
