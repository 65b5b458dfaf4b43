/// What the coverage thresholds found for one pushed commit, as the run report (JSON) keeps it.
public struct QualityReport: Codable, Sendable, Equatable {
    /// A changed executable line no test ran.
    public struct UncoveredLine: Codable, Sendable, Equatable {
        public var file: String
        public var line: Int
        public var text: String
    }

    public struct DiffCoverage: Codable, Sendable, Equatable {
        /// Percent of changed executable lines that ran; nil when the push changed no executable line.
        public var percent: Double?
        public var min: Double?
        public var covered: Int
        public var executable: Int
        public var uncovered: [UncoveredLine]
        /// The changed executable lines that ran, by file.
        public var coveredLines: [String: [Int]]
        /// Changed code files no coverage tool measured (no suite of their language ran them): not counted.
        public var notMeasured: [String]
    }

    public struct TotalCoverage: Codable, Sendable, Equatable {
        /// nil when not checked (only selected tests ran) or nothing was measured.
        public var percent: Double?
        public var min: Double
        public var covered: Int
        public var executable: Int
        /// Why it was not checked, when it was not.
        public var skipped: String?
    }

    public var diffCoverage: DiffCoverage
    public var coverage: TotalCoverage?
    /// What kept coverage from being measured (a suite wrote no coverage data, coverage.py missing, …).
    public var problems: [String]
    /// The tests that ran (their ids), so a reader sees what measured the coverage.
    public var tests: [String]
    public var passed: Bool

    /// The diff-coverage percent as a whole number of hundredths (for one line of text).
    static func format(_ percent: Double?) -> String {
        percent.map { String(format: "%.1f%%", $0) } ?? "n/a"
    }
}
