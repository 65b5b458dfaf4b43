import Foundation

/// Runs `python3 -m pytest -q -p no:cacheprovider -p gate_pytest_report [node ids]` in the suite's working directory.
///
/// Results come from gate's own plugin, `Templates/gate_pytest_report.py` (always loaded, from `PYTHONPATH`), not from
/// JUnit: it names every test by pytest's node id re-rooted from pytest's rootdir to the working directory
/// (`tests/test_x.py::TestA::test_b[1-2]`), whatever ini file (`tests/pytest.ini`, a `setup.cfg` in a subdirectory,
/// `pyproject.toml`) or `testpaths` the project has, so the same ids can be handed back to pytest to re-run exactly
/// those tests. Results name them relative to the repository root (`RepoRelativeTestID`); filter ids are relative to
/// the working directory. When the plan turned coverage recording on (`CoverageRecording`), `-p gate_coverage_plugin` is added.
///
/// Classification (done by the plugin): an error outside the test body (fixture setup/teardown, collection) is
/// `errored`; inside it, an `AssertionError` or pytest's `Failed` (`pytest.fail`, `pytest.raises` that did not
/// raise, strict XPASS) is `failed`, any other exception is `errored`.
///
/// Exit status 5 ("no tests collected"): with a filter it means the selected files contain
/// no tests, which is an empty, passing result (the selection simply had nothing to run);
/// without a filter the suite is misconfigured, which is a suite error. Exit status 4 (usage error, e.g. "file or
/// directory not found") reports no test and is a suite error. A missing pytest module is reported as
/// `ProcessError.toolNotFound("pytest")`.
public struct PytestRunner: TestRunner {
    public init() {}

    static let pluginModule = "gate_pytest_report"
    static let reportVariable = "GATE_PYTEST_REPORT"

    public var kind: RunnerKind { .pytest }

    public var requiredTools: [(name: String, installHint: String)] {
        [("python3", ToolInstallHints.hint(for: "python3") ?? "")]
    }

    public func run(
        _ suite: SuiteDefinition, root: String, filter: TestFilter?, logPath: String,
        environment: [String: String], onOutput: (@Sendable ([UInt8]) -> Void)?
    ) throws -> SuiteResult {
        if filter?.ids.isEmpty == true { return .nothingSelected(suite) }
        let (suite, recording) = CoverageRecording.pytestSetup(suite, environment: environment)
        var execution = try SuiteExecution(suite: suite, runner: self, root: root, logPath: logPath, environment: environment)
        defer { execution.cleanUp() }
        let reportPath = execution.scratchFile("results.jsonl")
        guard let templates = Self.pluginDirectory() else {
            return .missingTemplate(Self.pluginModule + ".py", suite: suite, runner: kind, logPath: logPath)
        }
        execution.environment[Self.reportVariable] = reportPath
        let existing = execution.environment["PYTHONPATH"] ?? ""
        if !existing.split(separator: ":").contains(Substring(templates)) {
            execution.environment["PYTHONPATH"] = templates + (existing.isEmpty ? "" : ":" + existing)
        }
        let arguments = ["-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", Self.pluginModule]
            + recording + (filter?.ids ?? [])
        let outcome = try execution.run("python3", arguments, onOutput: onOutput)

        if outcome.exitCode == 1, String(decoding: outcome.standardError, as: UTF8.self).contains("No module named pytest") {
            throw ProcessError.toolNotFound("pytest")
        }
        var cases: [TestCaseResult] = []
        var reportError: String?
        do {
            cases = execution.repoRelative(try ResultLinesReader.read(reportPath, requireSession: true).cases)
        } catch {
            if !outcome.timedOut {
                reportError = "pytest \(SuiteExecution.describe(outcome)) without results (\(error)); "
                    + "last output:\n\(execution.logTail())"
            }
        }
        var notes: [String] = []
        if outcome.exitCode == 5 && !outcome.timedOut {
            if filter != nil {
                notes.append("pytest collected no tests for the selected ids")
                var result = execution.result(outcome: outcome, cases: cases, notes: notes)
                result.suiteError = nil
                return result
            }
            reportError = "pytest collected no tests"
        }
        return execution.result(outcome: outcome, cases: cases, reportError: reportError, notes: notes)
    }

    /// The directory holding gate's pytest plugins (`Templates/`), or nil when gate's support files are missing.
    static func pluginDirectory() -> String? {
        guard let plugin = SupportFiles.template(Self.pluginModule + ".py") else { return nil }
        return (plugin as NSString).deletingLastPathComponent
    }
}
