/// `quality:` in `.gate.yml`: coverage thresholds a push must meet once its tests pass. Both are off by default.
public struct QualitySettings: Sendable, Equatable {
    public init() {}
    /// `diff_coverage.min`: the percent of the push's changed executable lines that the tests must run.
    public var diffCoverageMin: Double?
    /// `coverage.min`: the percent of all executable lines the whole suite must run (checked only when every test ran).
    public var coverageMin: Double?

    /// Whether any threshold asks for coverage to be measured.
    public var measuresCoverage: Bool { diffCoverageMin != nil || coverageMin != nil }
}
