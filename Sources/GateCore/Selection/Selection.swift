/// What a set of changed files means for the tests.
public struct Selection: Sendable, Hashable, Codable {
    public enum Mode: String, Sendable, Hashable, Codable {
        /// Only `tests` are affected.
        case selected
        /// Something forces a full run; `tests` lists every test the suites know.
        case all
        /// No test is affected.
        case none
    }

    public var mode: Mode
    /// Why, in one line: which file forced a full run, or which files affected nothing.
    public var reason: String
    public var tests: [SelectedTest]

    public init(mode: Mode, reason: String, tests: [SelectedTest]) {
        self.mode = mode
        self.reason = reason
        self.tests = tests
    }
}
