/// The test tools gate knows how to drive.
public enum RunnerKind: String, Codable, Sendable, CaseIterable {
    case swift, pytest, go, node, mocha, jest, command

    /// Runners whose tests are JavaScript/TypeScript files: each takes the test files the index selects.
    public var runsJavaScript: Bool {
        self == .node || self == .mocha || self == .jest
    }

    /// Whether a suite of this kind runs test units the index assigns to `unitRunner` (`.node` for every JS/TS test file).
    func runsUnits(of unitRunner: RunnerKind) -> Bool {
        self == unitRunner || (runsJavaScript && unitRunner.runsJavaScript)
    }
}
