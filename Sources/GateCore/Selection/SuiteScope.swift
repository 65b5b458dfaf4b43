/// A test suite from `.gate.yml` as selection sees it: a name, its runner, and the directory it runs in.
///
/// A test belongs to the suite whose runner matches its language (pytest↔Python, node↔JS/TS, go↔Go,
/// swift↔SwiftPM test targets) and whose working directory contains it (the deepest one wins).
/// A `command` suite cannot be narrowed: any change that can affect code inside its working directory
/// selects it whole.
public struct SuiteScope: Sendable, Hashable, Codable {
    public var name: String
    public var runner: RunnerKind
    /// Repo-relative; nil, `""` or `.` mean the repo root.
    public var workingDirectory: String?

    public init(name: String, runner: RunnerKind, workingDirectory: String? = nil) {
        self.name = name
        self.runner = runner
        self.workingDirectory = workingDirectory
    }
}
