import Foundation
import Testing
@testable import GateCore

@Suite struct GoTestRunnerTests {
    private let environment = ProcessInfo.processInfo.environment

    private func project() throws -> ScratchProject {
        try ScratchProject([
            "go.mod": "module example.com/m\n\ngo 1.19\n",
            "good/good.go": "package good\n\nfunc Add(a, b int) int { return a + b }\n",
            "good/good_test.go": """
            package good

            import "testing"

            func TestAdd(t *testing.T) {
                if Add(1, 2) != 3 {
                    t.Fatal("bad sum")
                }
            }
            """,
            "bad/bad_test.go": """
            package bad

            import "testing"

            func TestPasses(t *testing.T) {}

            func TestFails(t *testing.T) {
                t.Errorf("want %d, got %d", 2, 1)
            }
            """,
            "broken/broken_test.go": """
            package broken

            import "testing"

            func TestNeverCompiles(t *testing.T) {
                undefinedFunction()
            }
            """,
        ])
    }

    @Test func reportsPassFailAndBuildFailure() throws {
        let project = try project()
        defer { project.remove() }
        let result = try GoTestRunner().run(
            SuiteDefinition(name: "go", runner: .go, timeout: 300), root: project.root, filter: nil,
            logPath: project.logPath, environment: environment, onOutput: nil)
        #expect((result.passed, result.failed, result.errored) == (2, 1, 1))
        #expect(result.suiteError == nil)
        let failed = try #require(result.cases.first { $0.status == .failed })
        #expect(failed.name == "example.com/m/bad.TestFails")
        #expect(failed.message == "bad_test.go:8: want 2, got 1")
        let build = try #require(result.cases.first { $0.status == .errored })
        #expect(build.name == "example.com/m/broken")
        #expect(build.message == "build failed")
        #expect(build.trace?.contains("undefinedFunction") == true)
    }

    @Test func filterSelectsPackagesAndCacheIsRecorded() throws {
        let project = try project()
        defer { project.remove() }
        let runner = GoTestRunner()
        let suite = SuiteDefinition(name: "go", runner: .go, timeout: 300)
        let filter = TestFilter(ids: ["./good"])
        let first = try runner.run(suite, root: project.root, filter: filter, logPath: project.logPath,
                                   environment: environment, onOutput: nil)
        #expect(first.verdictPassed)
        #expect(first.cases.map(\.name) == ["example.com/m/good.TestAdd"])
        let second = try runner.run(suite, root: project.root, filter: filter, logPath: project.logPath,
                                    environment: environment, onOutput: nil)
        #expect(second.verdictPassed)
        #expect(second.notes.contains { $0.contains("example.com/m/good") && $0.contains("cache") })
    }

    @Test func missingGoNamesToolAndHint() throws {
        let project = try ScratchProject([:])
        defer { project.remove() }
        do {
            _ = try GoTestRunner().run(SuiteDefinition(name: "go", runner: .go), root: project.root, filter: nil,
                                       logPath: project.logPath, environment: ["PATH": "/nonexistent"], onOutput: nil)
            Issue.record("expected toolNotFound")
        } catch let error as ProcessError {
            #expect(error == .toolNotFound("go"))
            #expect(error.description.contains("'go'") && error.description.contains("golang-go"))
        }
    }
}

@Suite struct GoCasePackageTests {
    @Test func packageOfACaseIsItsImportPath() {
        #expect(GoTestRunner.package(ofCase: "example.com/m/bad.TestFails") == "example.com/m/bad")
        #expect(GoTestRunner.package(ofCase: "gopkg.in/yaml.v3.TestDecode/case_1.5") == "gopkg.in/yaml.v3")
        #expect(GoTestRunner.package(ofCase: "example.com/m/broken") == "example.com/m/broken")
        #expect(GoTestRunner.package(ofCase: "m/x.ExampleHello") == "m/x")
    }
}
