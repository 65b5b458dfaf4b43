/// Which suites to run for one commit, and how narrowly.
public struct TestPlan: Sendable, Equatable {
    public enum Mode: String, Sendable, Codable { case selected, all, none }

    public struct Entry: Sendable, Equatable {
        public let suite: SuiteDefinition
        /// nil runs the whole suite.
        public let filter: [String]?
    }

    public let mode: Mode
    public let reason: String
    public let entries: [Entry]

    public init(mode: Mode, reason: String, entries: [Entry]) {
        self.mode = mode
        self.reason = reason
        self.entries = entries
    }

    /// Strings that identify what runs, for the verified-tree cache.
    public var fingerprint: [String] {
        entries.map { $0.suite.name + ":" + ($0.filter.map { $0.sorted().joined(separator: ",") } ?? "*") }
    }
}
