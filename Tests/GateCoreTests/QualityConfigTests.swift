import Testing
@testable import GateCore

/// `quality:` thresholds: off by default, read as percents, validated like every other key (line named, exit 2).
@Suite struct QualityConfigTests {
    static let head = "version: 1\nsuites:\n  - name: unit\n    runner: pytest\n"

    @Test func offByDefault() throws {
        let quality = try ConfigParser().parse(Self.head).quality
        #expect(quality.diffCoverageMin == nil && quality.coverageMin == nil && !quality.measuresCoverage)
    }

    @Test func thresholdsAreRead() throws {
        let quality = try ConfigParser().parse(Self.head + "quality:\n  diff_coverage: {min: 80}\n  coverage: {min: 70.5}\n").quality
        #expect(quality.diffCoverageMin == 80)
        #expect(quality.coverageMin == 70.5)
    }

    @Test(arguments: [
        ("quality:\n  diff_coverage: {min: 101}\n", 6, "quality.diff_coverage.min must be a percent from 0 to 100"),
        ("quality:\n  diff_coverage: {min: -1}\n", 6, "quality.diff_coverage.min must be a percent"),
        ("quality:\n  coverage: {min: lots}\n", 6, "quality.coverage.min must be a percent"),
        ("quality:\n  diff_coverage: {minimum: 80}\n", 6, "unknown key \"minimum\" in quality.diff_coverage"),
        ("quality:\n  branch_coverage: {min: 80}\n", 6, "unknown key \"branch_coverage\" in quality"),
        ("quality:\n  diff_coverage: 80\n", 6, "quality.diff_coverage must be a mapping"),
        ("quality:\n  diff_coverage: {}\n", 6, "quality.diff_coverage needs `min:`"),
        ("quality: [80]\n", 5, "quality must be a mapping"),
    ])
    func invalidValuesNameTheKeyAndLine(text: String, line: Int, message: String) throws {
        let error = try #require(#expect(throws: ConfigError.self) { try ConfigParser().parse(Self.head + text) })
        #expect("\(error)".contains(message), "\(error)")
        #expect(error.line == line, "\(error)")
    }
}
