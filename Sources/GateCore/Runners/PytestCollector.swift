import Foundation

/// Lists the pytest node ids that test files hold, as pytest collects them in the checkout (`--collect-only` with
/// gate's collection plugin), so a shard plan can split a file's tests across shards.
struct PytestCollector {
    static let pluginModule = "gate_pytest_collect"
    static let outputVariable = "GATE_PYTEST_COLLECT"

    /// The node ids of `paths` (relative to the suite's working directory), relative to that directory too.
    func collect(_ paths: [String], suite: SuiteDefinition, root: String, logPath: String,
                 environment: [String: String]) throws -> [String] {
        guard !paths.isEmpty else { return [] }
        guard let plugin = SupportFiles.template(Self.pluginModule + ".py") else {
            throw PytestCollectionError(reason: "gate's Templates/\(Self.pluginModule).py is missing; reinstall gate (install.sh)")
        }
        var execution = try SuiteExecution(suite: suite, runner: PytestRunner(), root: root, logPath: logPath, environment: environment)
        defer { execution.cleanUp() }
        let output = execution.scratchFile("collected.json")
        execution.environment[Self.outputVariable] = output
        let templates = (plugin as NSString).deletingLastPathComponent
        let existing = execution.environment["PYTHONPATH"] ?? ""
        execution.environment["PYTHONPATH"] = templates + (existing.isEmpty ? "" : ":" + existing)
        let outcome = try execution.run("python3", ["-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                                                    "-p", Self.pluginModule] + paths, onOutput: nil)
        // 0: collected; 5: nothing to collect. Anything else (a collection error) leaves the files whole.
        guard outcome.exitCode == 0 || outcome.exitCode == 5, !outcome.timedOut,
              let data = FileManager.default.contents(atPath: output),
              let ids = try? JSONDecoder().decode([String].self, from: data) else {
            throw PytestCollectionError(reason: "pytest --collect-only \(SuiteExecution.describe(outcome)); last output:\n\(execution.logTail(8))")
        }
        return ids
    }
}

struct PytestCollectionError: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}
