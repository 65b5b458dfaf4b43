/// Looks up the runner for a kind of suite.
public enum TestRunners {
    public static func runner(for kind: RunnerKind) -> any TestRunner {
        switch kind {
        case .swift: return SwiftTestRunner()
        case .pytest: return PytestRunner()
        case .go: return GoTestRunner()
        case .node: return NodeTestRunner()
        case .command: return CommandRunner()
        }
    }
}
