import Foundation

/// Runs `go test -json [packages]` (default `./...`) and reads its event stream with
/// `GoTestEventParser`.
///
/// The Go test cache stays on (it is a feature: unchanged packages are not re-run); packages
/// whose results came from the cache are listed in `notes`. Set `GOFLAGS=-count=1` in the
/// suite environment to disable it. Build errors, which go prints on stderr, become errored
/// cases named after the package, with the compiler output as trace.
public struct GoTestRunner: TestRunner {
    public init() {}

    public var kind: RunnerKind { .go }

    public var requiredTools: [(name: String, installHint: String)] {
        [("go", ToolInstallHints.hint(for: "go") ?? "")]
    }

    public func run(
        _ suite: SuiteDefinition, root: String, filter: TestFilter?, logPath: String,
        environment: [String: String], onOutput: (@Sendable ([UInt8]) -> Void)?
    ) throws -> SuiteResult {
        if filter?.ids.isEmpty == true { return .nothingSelected(suite) }
        let execution = try SuiteExecution(suite: suite, runner: self, root: root, logPath: logPath, environment: environment)
        defer { execution.cleanUp() }
        let packages = filter?.ids ?? ["./..."]
        let coverage = execution.environment[LineCoverageRequest.fileVariable].map { ["-coverprofile=" + $0] } ?? []
        let outcome = try execution.run("go", ["test", "-json"] + coverage + packages, captureLimit: 64 << 20, onOutput: onOutput)
        let report = GoTestEventParser.parse(
            String(decoding: outcome.standardOutput, as: UTF8.self),
            buildOutput: String(decoding: outcome.standardError, as: UTF8.self))
        var notes: [String] = []
        if !report.cachedPackages.isEmpty {
            notes.append("go test cache: \(report.cachedPackages.count) package(s) reused cached results "
                + "(GOFLAGS=-count=1 disables this): " + report.cachedPackages.joined(separator: ", "))
        }
        return execution.result(outcome: outcome, cases: report.cases, notes: notes)
    }

    /// The import path of the package a case belongs to: cases are named `<import path>.<Test>[/<subtest>]`, or after
    /// the package alone for a build failure or a package-level crash.
    static func package(ofCase name: String) -> String {
        guard let match = name.range(of: #"\.(Test|Example|Fuzz)[^./]*(/|$)"#, options: .regularExpression) else { return name }
        return String(name[..<match.lowerBound])
    }
}
