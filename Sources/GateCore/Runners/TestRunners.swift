/// Looks up the runner for a kind of suite.
public enum TestRunners {
    public static func runner(for kind: RunnerKind) -> any TestRunner {
        switch kind {
        case .swift: return SwiftTestRunner()
        case .pytest: return PytestRunner()
        case .go: return GoTestRunner()
        case .node: return NodeTestRunner()
        case .mocha: return MochaRunner()
        case .jest: return JestRunner()
        case .command: return CommandRunner()
        }
    }
}
