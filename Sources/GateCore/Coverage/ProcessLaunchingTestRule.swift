/// Coverage sees only the test process. A Python test file that starts processes (`subprocess`, `sys.executable`,
/// `multiprocessing`…) may run the changed code in a child, where nothing was recorded: such a file is selected
/// whole whenever its static import chain reaches the change, whatever coverage says.
enum ProcessLaunchingTestRule {
    static let note = "the test file starts processes, which coverage cannot see: selected by its imports"

    static func widen(_ covered: Selection, index: DependencyIndex, byImports: Selection) -> Selection {
        guard covered.mode != .all, byImports.mode != .none else { return covered }
        let launching = byImports.tests.filter { test in
            test.runner == .pytest && test.because.last.flatMap { index.files[$0]?.launchesProcesses } == true
        }
        guard !launching.isEmpty else { return covered }
        var tests = covered.tests
        for test in launching {
            // The whole file replaces any of its node ids, so no test runs twice.
            tests.removeAll { $0.suite == test.suite && ($0.id == test.id || $0.id.hasPrefix(test.id + "::")) }
            var widened = test
            widened.note = note
            tests.append(widened)
        }
        let reason = covered.mode == .none ? "\(launching.count) process-starting test file(s) import the change" : covered.reason
        return Selection(mode: .selected, reason: reason + "; " + note, tests: tests.sorted { ($0.suite, $0.id) < ($1.suite, $1.id) })
    }
}
