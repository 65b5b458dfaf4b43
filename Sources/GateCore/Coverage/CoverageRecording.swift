import Foundation

/// Turns coverage recording on for pytest runs. The plan marks a pytest suite by adding `GATE_COVERAGE_*` variables
/// to its environment; `PytestRunner` then loads `Templates/gate_coverage_plugin.py` with `-p`, which writes one batch
/// into `.git/gate/coverage/incoming/` per run.
public enum CoverageRecording {
    public static let directoryVariable = "GATE_COVERAGE_DIR"
    public static let pluginModule = "gate_coverage_plugin"

    /// The variables for one suite: where batches go, the suite's working directory (to make paths repo-relative)
    /// and the object format its blob ids use.
    public static func environment(for suite: SuiteDefinition, store: CoverageStore, tree: ObjectID) -> [String: String] {
        [directoryVariable: store.directory,
         "GATE_COVERAGE_PREFIX": RepoPath.cleanDirectory(suite.workingDirectory ?? ""),
         "GATE_COVERAGE_HASH": tree.hex.count == 64 ? "sha256" : "sha1"]
    }

    /// `plan` with recording turned on for its pytest suites.
    public static func recording(_ plan: TestPlan, store: CoverageStore, tree: ObjectID) -> TestPlan {
        let entries = plan.entries.map { entry -> TestPlan.Entry in
            guard entry.suite.runner == .pytest else { return entry }
            var suite = entry.suite
            for (key, value) in environment(for: suite, store: store, tree: tree) where suite.environment[key] == nil {
                suite.environment[key] = value
            }
            return TestPlan.Entry(suite: suite, filter: entry.filter)
        }
        return TestPlan(mode: plan.mode, reason: plan.reason, entries: entries)
    }

    /// The suite and extra pytest arguments for a run: with `GATE_COVERAGE_DIR` in its environment and the plugin
    /// found, `-p gate_coverage_plugin` and the plugin's directory first on `PYTHONPATH`; otherwise unchanged.
    static func pytestSetup(_ suite: SuiteDefinition, environment: [String: String]) -> (SuiteDefinition, [String]) {
        let merged = environment.merging(suite.environment) { _, suiteValue in suiteValue }
        let recording = merged[directoryVariable].map { !$0.isEmpty } ?? false
        guard recording || merged[LineCoverageRequest.fileVariable] != nil,
            let plugin = SupportFiles.template(pluginModule + ".py")
        else { return (suite, []) }
        var suite = suite
        let templates = (plugin as NSString).deletingLastPathComponent
        let existing = merged["PYTHONPATH"].flatMap { $0.isEmpty ? nil : ":" + $0 } ?? ""
        suite.environment["PYTHONPATH"] = templates + existing
        return (suite, ["-p", pluginModule])
    }
}
