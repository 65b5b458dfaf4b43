import Foundation

/// Judges one pushed commit against `quality:` once its tests passed: reads the coverage each suite wrote, computes the
/// push's changed lines in process (`GitRepository.addedLines`), and compares diff coverage (and, when every test ran,
/// whole-project coverage) with the thresholds.
struct QualityCheck {
    let settings: QualitySettings
    let repository: GitRepository
    /// The pushed commit's tree and what it is compared with (no base: every line is new).
    let tree: ObjectID
    let baseTrees: [ObjectID]
    /// The checkout the tests ran in (paths in coverage files point into it).
    let root: String

    /// `files` maps suite names to the coverage file `LineCoverageRequest` asked them to write.
    func evaluate(entries: [TestPlan.Entry], results: [SuiteResult], files: [String: String], wholeSuiteRan: Bool) throws -> QualityReport {
        var problems: [String] = []
        var unmeasured = false
        var measured = LineCoverage()
        for entry in entries {
            guard let file = files[entry.suite.name] else {
                problems.append("suite `\(entry.suite.name)` (\(entry.suite.runner.rawValue)) cannot measure coverage; its changes are not counted")
                continue
            }
            do {
                measured.merge(try read(file, suite: entry.suite))
            } catch {
                unmeasured = true
                problems.append("suite `\(entry.suite.name)`: coverage not measured: \(error)")
            }
        }
        measured = try codeOnly(measured)
        let diff = try diffCoverage(measured)
        var total: QualityReport.TotalCoverage?
        if let min = settings.coverageMin {
            let counts = measured.totals
            total = QualityReport.TotalCoverage(percent: nil, min: min, covered: counts.covered, executable: counts.executable, skipped: nil)
            if !wholeSuiteRan {
                total?.skipped = "only the selected tests ran; whole-project coverage is checked when every test runs"
            } else if counts.executable > 0 {
                total?.percent = Double(counts.covered) * 100 / Double(counts.executable)
            }
        }
        let diffMet = settings.diffCoverageMin.map { min in diff.percent.map { $0 >= min } ?? true } ?? true
        let totalMet = total.map { total in total.percent.map { $0 >= total.min } ?? true } ?? true
        let tests = results.flatMap { result in result.cases.filter { $0.status == .passed }.map(\.name) }
        return QualityReport(diffCoverage: diff, coverage: total, problems: problems, tests: tests,
                             passed: diffMet && totalMet && !unmeasured)
    }

    private func read(_ file: String, suite: SuiteDefinition) throws -> LineCoverage {
        let paths = MeasuredPath(root: root, workingDirectory: suite.workingDirectory)
        switch suite.runner {
        case .pytest: return try PythonLineCoverageReader().read(path: file)
        case .node: return try LcovReader(paths: paths).read(path: file)
        case .swift: return try SwiftLineCoverageReader(paths: paths).read(path: file)
        case .go:
            let goMod = RepoPath.join(paths.workingDirectory, "go.mod")
            let module = try repository.blobID(atPath: goMod, inTree: tree).flatMap { GoPackageResolver.modulePath(try repository.blobContents($0)) }
            return try GoCoverProfileReader(paths: paths, modulePath: module).read(path: file)
        case .command: throw CoverageFormatError("runner `command` has no coverage tool")
        case .mocha, .jest:
            throw CoverageFormatError("gate does not measure coverage for `\(suite.runner.rawValue)` suites yet; remove `quality:` or use a node --test suite")
        }
    }

    /// Tests dropped; comment, blank and bracket-only lines dropped for tools that count every line.
    private func codeOnly(_ coverage: LineCoverage) throws -> LineCoverage {
        var result = LineCoverage()
        for (path, lines) in coverage.files {
            guard let language = CoveredSource.language(of: path) else { continue }
            var lines = lines
            if CoveredSource.countsNonCode(language), let text = try source(path) {
                let nonCode = CodeLines.nonCode(in: text)
                lines.executable.subtract(nonCode)
                lines.covered.subtract(nonCode)
            }
            result.files[path] = lines
        }
        return result
    }

    private func source(_ path: String) throws -> String? {
        guard let blob = try repository.blobID(atPath: path, inTree: tree) else { return nil }
        return String(decoding: try repository.blobContents(blob), as: UTF8.self)
    }

    private func diffCoverage(_ measured: LineCoverage) throws -> QualityReport.DiffCoverage {
        var changed: [String: Set<Int>] = [:]
        let include: (String) -> Bool = { CoveredSource.language(of: $0) != nil }
        for base in baseTrees.isEmpty ? [nil] : baseTrees.map(Optional.some) {
            for (path, lines) in try repository.addedLines(from: base, to: tree, include: include) {
                changed[path, default: []].formUnion(lines)
            }
        }
        var covered = 0
        var executable = 0
        var uncovered: [QualityReport.UncoveredLine] = []
        var coveredLines: [String: [Int]] = [:]
        var notMeasured: [String] = []
        for path in changed.keys.sorted() {
            guard let lines = measured.files[path] else {
                notMeasured.append(path)
                continue
            }
            let counted = changed[path]!.intersection(lines.executable).sorted()
            executable += counted.count
            let missed = counted.filter { !lines.covered.contains($0) }
            covered += counted.count - missed.count
            let ran = counted.filter { lines.covered.contains($0) }
            if !ran.isEmpty { coveredLines[path] = ran }
            if !missed.isEmpty {
                let text = try source(path).map { $0.split(separator: "\n", omittingEmptySubsequences: false) } ?? []
                for line in missed {
                    let shown = line <= text.count ? String(text[line - 1]).trimmingCharacters(in: .whitespaces) : ""
                    uncovered.append(.init(file: path, line: line, text: shown))
                }
            }
        }
        let percent = executable == 0 ? nil : Double(covered) * 100 / Double(executable)
        return QualityReport.DiffCoverage(percent: percent, min: settings.diffCoverageMin, covered: covered, executable: executable,
                                          uncovered: uncovered, coveredLines: coveredLines, notMeasured: notMeasured)
    }
}
