/// One test unit to run, with the chain of edges that made it affected.
public struct SelectedTest: Sendable, Hashable, Codable {
    public var suite: String
    public var runner: RunnerKind
    /// What the runner takes: a pytest node id or node test file relative to the suite's directory,
    /// a Go package pattern (`./pkg/a`), a SwiftPM test target name, or the suite name for `command` suites.
    public var id: String
    /// From the changed file to the test: `["pkg/util.py", "pkg/api.py", "tests/test_api.py"]`.
    public var because: [String]

    public init(suite: String, runner: RunnerKind, id: String, because: [String]) {
        self.suite = suite
        self.runner = runner
        self.id = id
        self.because = because
    }
}
