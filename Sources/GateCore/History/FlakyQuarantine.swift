/// `flaky.quarantine`: a failing test the history already knows as flaky (flake rate at least `flaky.min_rate` over at
/// least `flaky.min_runs` recorded runs) still ran and is reported, but does not block the push.
struct FlakyQuarantine {
    /// Known flaky tests, keyed `suite: test` like `FlakeCheck.failingNames`, as the history saw them before this push.
    let known: [String: FlakeRate]

    static let notePrefix = "quarantined: "

    /// The results with each known-flaky failing test marked passed and flaky, and a note naming it with its rate;
    /// and the tests it let through. A suite that errored as a whole is never let through.
    func apply(_ results: [SuiteResult]) -> (results: [SuiteResult], quarantined: [(name: String, rate: FlakeRate)]) {
        var quarantined: [(name: String, rate: FlakeRate)] = []
        let merged = results.map { result -> SuiteResult in
            guard !result.verdictPassed, result.suiteError == nil else { return result }
            var notes: [String] = []
            let cases = result.cases.map { item -> TestCaseResult in
                guard item.status == .failed || item.status == .errored, let rate = known[result.suite + ": " + item.name] else { return item }
                quarantined.append((result.suite + ": " + item.name, rate))
                notes.append(Self.notePrefix + "\(item.name) failed; the history knows it as flaky (\(Self.describe(rate))), so it does not block")
                var marked = item
                marked.status = .passed
                marked.flaky = true
                return marked
            }
            return notes.isEmpty ? result : result.replacingCases(cases, addingNotes: notes)
        }
        return (merged, quarantined)
    }

    /// `33% of 12 recorded runs failed on a tree where it also passed`
    static func describe(_ rate: FlakeRate) -> String {
        "\(Int((rate.rate * 100).rounded()))% of \(rate.runs) recorded runs failed on a tree where it also passed"
    }
}
