import Foundation

/// Checks, before any test runs, that every suite's tools exist in the environment the hook really has (see
/// `ToolEnvironment`); for pytest, that the interpreter found can import pytest. A missing tool is gate failing to
/// run (exit 3), never a blocked push with no results.
public struct ToolCheck: Sendable {
    public let tools: ToolEnvironment

    public init(tools: ToolEnvironment) { self.tools = tools }

    /// One tool of one suite.
    public struct Finding: Sendable {
        public let suite: String
        public let tool: String
        /// Where it was found; nil when missing.
        public let location: String?
        /// Why it is missing, e.g. "python3 at /usr/bin/python3 has no pytest".
        public let problem: String?
        public let hint: String
        /// The directories searched before PATH, and PATH itself.
        public let searched: String
    }

    public func check(_ suite: SuiteDefinition, base: [String: String]) -> [Finding] {
        let env = tools.environment(for: suite, base: base)
        let sources = tools.sources(for: suite, environment: base.merging(suite.environment) { _, value in value })
        let searched = (sources.map { "\($0.directory) (\($0.origin))" } + ["PATH=\(base["PATH"] ?? "")"]).joined(separator: ", ")
        var findings: [Finding] = []
        for tool in TestRunners.runner(for: suite.runner).requiredTools {
            let hint = ToolInstallHints.hint(for: tool.name, projectRoot: tools.projectRoot, workingDirectory: suite.workingDirectory) ?? tool.installHint
            guard let found = ChildProcess.locate(tool.name, environment: env) else {
                findings.append(Finding(suite: suite.name, tool: tool.name, location: nil, problem: "\(tool.name) is not on the search path", hint: hint, searched: searched))
                continue
            }
            findings.append(Finding(suite: suite.name, tool: tool.name, location: found, problem: nil, hint: hint, searched: searched))
            if suite.runner == .pytest && tool.name == "python3" {
                findings.append(pytestFinding(suite, python: found, env: env, searched: searched))
            }
            if suite.runner.runsJavaScript {
                findings[findings.count - 1] = versionFinding(suite, tool: tool.name, at: found, env: env, hint: hint, searched: searched)
            }
        }
        return findings
    }

    /// Throws `MissingToolError` for the first suite whose tools are missing.
    public func require(_ suites: [SuiteDefinition], base: [String: String]) throws {
        for suite in suites {
            if let missing = check(suite, base: base).first(where: { $0.location == nil }) { throw MissingToolError(finding: missing) }
        }
    }

    /// A JS runner that is found but does not start (Debian's mocha or jest on another node without `NODE_PATH`, a
    /// broken install) is missing too; when it starts, its location carries the version it printed.
    private func versionFinding(_ suite: SuiteDefinition, tool: String, at path: String, env: [String: String], hint: String, searched: String) -> Finding {
        let directory = tools.projectRoot.map { root in suite.workingDirectory.map { root + "/" + $0 } ?? root }
            .flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
        let spec = ProcessSpec(executable: path, arguments: ["--version"], environment: env, workingDirectory: directory, timeout: 60)
        let outcome = try? ChildProcess.run(spec)
        if let outcome, outcome.exitCode == 0 {
            let version = LogTail.lastLines(1, of: String(decoding: outcome.standardOutput, as: UTF8.self))
            return Finding(suite: suite.name, tool: tool, location: "\(path) (\(tool) \(version))", problem: nil, hint: hint, searched: searched)
        }
        let output = outcome.map { LogTail.lastLines(3, of: String(decoding: $0.standardOutput + $0.standardError, as: UTF8.self)) } ?? ""
        return Finding(suite: suite.name, tool: tool, location: nil,
                       problem: "\(path) --version failed: \(output.replacingOccurrences(of: "\n", with: " | "))"
                           + (path.hasPrefix("/usr/bin/") ? "; Debian's \(tool) runs on Debian's nodejs, or set NODE_PATH=/usr/share/nodejs in the suite's env:" : ""),
                       hint: hint, searched: searched)
    }

    private func pytestFinding(_ suite: SuiteDefinition, python: String, env: [String: String], searched: String) -> Finding {
        let hint = ToolInstallHints.hint(for: "pytest", projectRoot: tools.projectRoot, workingDirectory: suite.workingDirectory) ?? ""
        let spec = ProcessSpec(executable: python, arguments: ["-c", "import pytest"], environment: env, timeout: 60)
        if let outcome = try? ChildProcess.run(spec), outcome.exitCode == 0 {
            return Finding(suite: suite.name, tool: "pytest", location: "\(python) -m pytest", problem: nil, hint: hint, searched: searched)
        }
        return Finding(suite: suite.name, tool: "pytest", location: nil, problem: "python3 at \(python) has no pytest", hint: hint, searched: searched)
    }
}

/// A suite's tool is missing where the hook runs.
public struct MissingToolError: Error, CustomStringConvertible {
    public let finding: ToolCheck.Finding
    public var description: String {
        "suite \(finding.suite.debugDescription) cannot run: required tool '\(finding.tool)' was not found"
            + " (\(finding.problem ?? "missing"); searched \(finding.searched)).\n  Fix: \(finding.hint)"
            + "\n  Or tell gate where it is: `python:` or `path:` for the suite in .gate.yml (see README, \"Where gate finds tools\")."
    }
}
