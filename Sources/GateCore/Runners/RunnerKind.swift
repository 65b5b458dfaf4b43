/// The test tools gate knows how to drive.
public enum RunnerKind: String, Codable, Sendable, CaseIterable {
    case swift, pytest, go, node, command
}
