/// One test unit to run, with the chain of edges that made it affected.
public struct SelectedTest: Sendable, Hashable, Codable {
    public var suite: String
    public var runner: RunnerKind
    /// What the runner takes: a pytest node id or node test file relative to the suite's directory,
    /// a Go package pattern (`./pkg/a`), a SwiftPM test target name, or the suite name for `command` suites.
    public var id: String
    /// From the changed file to the test: `["pkg/util.py", "pkg/api.py", "tests/test_api.py"]`.
    public var because: [String]
    /// How coverage selection decided it: "executed `Color.downgrade` in rich/color.py", or the safety net's
    /// reason ("module-level change in rich/x.py → import closure"), or why Swift's executable rule chose it
    /// (`RunnableTargetRule`); nil for plain static selection.
    public var note: String?

    public init(suite: String, runner: RunnerKind, id: String, because: [String], note: String? = nil) {
        self.suite = suite
        self.runner = runner
        self.id = id
        self.because = because
        self.note = note
    }
}
