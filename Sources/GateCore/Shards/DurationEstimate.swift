/// How long a unit is expected to take, from the test history's medians.
///
/// - A unit with recorded tests takes the sum of their median durations: a node id its own median, a test file or
///   Go package or Swift target the sum over the tests recorded inside it.
/// - A unit with no recorded time takes the median of the recorded units of the same suite in this plan, or
///   `fallbackSeconds` when none of that suite's units has a recorded time.
public struct DurationEstimate: Sendable {
    public static let fallbackSeconds = 1.0

    /// Median seconds per suite, keyed by the repo-relative test id the history records.
    private let medians: [String: [String: Double]]

    public init(medians: [String: [String: Double]]) { self.medians = medians }

    /// Prices every unit; `directory` maps a suite to its cleaned working directory.
    public func price(_ units: [ShardUnit], directory: (String) -> String) -> [ShardUnit] {
        var priced = units.map { unit -> ShardUnit in
            var unit = unit
            if let seconds = recorded(unit, directory: directory(unit.suite)) {
                unit.seconds = seconds
                unit.timing = .recorded
            } else {
                unit.timing = .estimated
            }
            return unit
        }
        var typical: [String: Double] = [:]
        for suite in Set(priced.map(\.suite)) {
            let known = priced.filter { $0.suite == suite && $0.timing == .recorded }.map(\.seconds).sorted()
            typical[suite] = known.isEmpty ? Self.fallbackSeconds : known[known.count / 2]
        }
        for index in priced.indices where priced[index].timing == .estimated {
            priced[index].seconds = typical[priced[index].suite] ?? Self.fallbackSeconds
        }
        return priced
    }

    private func recorded(_ unit: ShardUnit, directory: String) -> Double? {
        guard let tests = medians[unit.suite], !tests.isEmpty else { return nil }
        if unit.runner == .command { return tests.values.reduce(0, +) }
        let shown = RepoRelativeTestID.shown(unit.id, directory: directory)
        if let exact = tests[shown] { return exact }
        let inside = tests.filter { Self.contains(unit: unit, shown: shown, test: $0.key) }
        return inside.isEmpty ? nil : inside.values.reduce(0, +)
    }

    /// Whether the recorded test id `test` belongs to the unit.
    static func contains(unit: ShardUnit, shown: String, test: String) -> Bool {
        switch unit.runner {
        case .pytest, .node, .mocha, .jest:
            guard test.hasPrefix(shown) else { return false }
            let next = test.dropFirst(shown.count).first
            return next == ":" || next == " " || (next == "/" && !shown.hasSuffix(".py"))
        case .swift:
            return test.hasPrefix(unit.id + ".")
        case .go:
            // Go ids are `import/path.TestName`; the unit is `./dir` (or `.`) relative to the module.
            guard let dot = test.range(of: ".Test", options: .backwards) ?? test.range(of: ".Example", options: .backwards) else { return false }
            let package = test[..<dot.lowerBound]
            let relative = shown.hasPrefix("./") ? String(shown.dropFirst(2)) : shown
            // The root package's import path is the module's, which the id alone cannot tell: estimated.
            return relative != "." && !relative.isEmpty && package.hasSuffix("/" + relative)
        case .command:
            return true
        }
    }
}
