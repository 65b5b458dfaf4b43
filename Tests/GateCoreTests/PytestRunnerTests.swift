import Foundation
import Testing
@testable import GateCore

@Suite struct PytestRunnerTests {
    private let environment = ProcessInfo.processInfo.environment

    private func project() throws -> ScratchProject {
        try ScratchProject([
            "tests/test_math.py": """
            import pytest

            def test_passes():
                assert 1 + 1 == 2

            def test_assertion_fails():
                assert 1 + 1 == 3

            def test_raises_unexpectedly():
                raise ValueError("boom")

            @pytest.fixture
            def broken():
                raise RuntimeError("fixture broke")

            def test_with_broken_fixture(broken):
                pass

            @pytest.mark.skip(reason="later")
            def test_skipped():
                pass
            """,
            "tests/test_other.py": "def test_other():\n    assert True\n",
            "tests/helpers.py": "VALUE = 1\n",
        ])
    }

    @Test func classifiesPassFailErrorAndSkip() throws {
        let project = try project()
        defer { project.remove() }
        let suite = SuiteDefinition(name: "py", runner: .pytest)
        let result = try PytestRunner().run(suite, root: project.root, filter: nil, logPath: project.logPath,
                                            environment: environment, onOutput: nil)
        #expect((result.passed, result.failed, result.errored, result.skipped) == (2, 1, 2, 1))
        #expect(result.suiteError == nil)
        #expect(!result.verdictPassed)
        #expect(result.exitCode == 1)
        let failed = try #require(result.cases.first { $0.status == .failed })
        #expect(failed.name == "tests/test_math.py::test_assertion_fails")
        #expect(failed.file == "tests/test_math.py")
        #expect(failed.message == "assert (1 + 1) == 3")
        let errored = result.cases.filter { $0.status == .errored }.map(\.name).sorted()
        #expect(errored == ["tests/test_math.py::test_raises_unexpectedly", "tests/test_math.py::test_with_broken_fixture"])
        let log = try String(contentsOfFile: project.logPath, encoding: .utf8)
        #expect(log.contains("2 failed, 2 passed, 1 skipped, 1 error"))
    }

    @Test func filterRunsOnlySelectedFiles() throws {
        let project = try project()
        defer { project.remove() }
        let result = try PytestRunner().run(
            SuiteDefinition(name: "py", runner: .pytest), root: project.root,
            filter: TestFilter(ids: ["tests/test_other.py"]), logPath: project.logPath,
            environment: environment, onOutput: nil)
        #expect(result.verdictPassed)
        #expect(result.cases.map(\.name) == ["tests/test_other.py::test_other"])
    }

    @Test func noTestsCollectedPassesOnlyWithAFilter() throws {
        let project = try project()
        defer { project.remove() }
        let runner = PytestRunner()
        let filtered = try runner.run(
            SuiteDefinition(name: "py", runner: .pytest), root: project.root,
            filter: TestFilter(ids: ["tests/helpers.py"]), logPath: project.logPath,
            environment: environment, onOutput: nil)
        #expect(filtered.exitCode == 5)
        #expect(filtered.verdictPassed)
        #expect(filtered.cases.isEmpty)

        try FileManager.default.createDirectory(atPath: project.root + "/empty", withIntermediateDirectories: true)
        let unfiltered = try runner.run(
            SuiteDefinition(name: "py", runner: .pytest, workingDirectory: "empty"), root: project.root,
            filter: nil, logPath: project.logPath, environment: environment, onOutput: nil)
        #expect(unfiltered.suiteError == "pytest collected no tests")
        #expect(!unfiltered.verdictPassed)
    }

    @Test func collectionErrorIsAnError() throws {
        let project = try ScratchProject(["test_broken.py": "import gate_module_that_does_not_exist\n"])
        defer { project.remove() }
        let result = try PytestRunner().run(
            SuiteDefinition(name: "py", runner: .pytest), root: project.root, filter: nil,
            logPath: project.logPath, environment: environment, onOutput: nil)
        #expect(result.errored == 1)
        #expect(result.exitCode == 2)
        #expect(!result.verdictPassed)
    }

    @Test func missingPythonNamesToolAndHint() throws {
        let project = try ScratchProject([:])
        defer { project.remove() }
        #expect(throws: ProcessError.toolNotFound("python3")) {
            try PytestRunner().run(SuiteDefinition(name: "py", runner: .pytest), root: project.root, filter: nil,
                                   logPath: project.logPath, environment: ["PATH": "/nonexistent"], onOutput: nil)
        }
        #expect(ProcessError.toolNotFound("python3").description.contains("pip install pytest"))
    }
}
