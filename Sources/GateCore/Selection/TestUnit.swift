/// A runnable test unit in the graph: a Python or JS test file, a Go package with `_test.go` files,
/// or a SwiftPM test target.
struct TestUnit: Sendable, Hashable {
    /// Its node in the dependency graph (file path, package directory, or `swift-target:<Name>`).
    var node: String
    var runner: RunnerKind
    /// The repo path used to find its suite: the file, the package directory (`""` for the root) or the target directory.
    var location: String
    /// The SwiftPM target name, for Swift units.
    var targetName: String?

    /// The id the runner takes when it runs in `workingDirectory`.
    func id(inWorkingDirectory workingDirectory: String) -> String {
        switch runner {
        case .swift:
            return targetName ?? node
        case .go:
            let relative = RepoPath.relative(location, to: workingDirectory)
            return relative.isEmpty ? "." : "./" + relative
        case .pytest, .node, .mocha, .jest, .command:
            return RepoPath.relative(location, to: workingDirectory)
        }
    }
}
