/// Coverage sees only the test process. A Python test file that starts processes (`subprocess`, `sys.executable`,
/// `multiprocessing`…) may run the changed code in a child, where nothing was recorded: whenever its static import
/// chain reaches the change, it is selected by its imports, whatever coverage says. Which of its tests: those whose
/// recorded run started a process (`TestCoverage.launched`, itself or through a fixture it uses), when every valid
/// record of the file says; the whole file when a record is missing, stale or does not know.
enum ProcessLaunchingTestRule {
    static let note = "the test file starts processes, which coverage cannot see: selected by its imports"
    static let launchedNote = "started a process in its recorded run, which coverage cannot see: selected by its imports"

    static func widen(_ covered: Selection, index: DependencyIndex, byImports: Selection, records: [String: TestCoverage]) -> Selection {
        guard covered.mode != .all, byImports.mode != .none else { return covered }
        let launching = byImports.tests.filter { test in
            test.runner == .pytest && test.because.last.flatMap { index.files[$0]?.launchesProcesses } == true
        }
        guard !launching.isEmpty else { return covered }
        var tests = covered.tests
        var files = 0
        for test in launching {
            guard let file = test.because.last, let launched = launchedTests(of: file, index: index, records: records) else {
                // The whole file replaces any of its node ids, so no test runs twice.
                tests.removeAll { $0.suite == test.suite && ($0.id == test.id || $0.id.hasPrefix(test.id + "::")) }
                var widened = test
                widened.note = note
                tests.append(widened)
                files += 1
                continue
            }
            for key in launched {
                var single = test
                single.id += key.dropFirst(file.count)
                guard !tests.contains(where: { $0.suite == single.suite && ($0.id == single.id || $0.id == test.id) }) else { continue }
                single.note = launchedNote
                tests.append(single)
            }
        }
        guard tests != covered.tests else { return covered }
        tests = CoverageSelector.merge(tests)
        let reason = covered.mode == .none ? "\(launching.count) process-starting test file(s) import the change" : covered.reason
        let kept = files == launching.count ? note : "process-starting tests are selected by their imports, which coverage cannot see"
        return Selection(mode: .selected, reason: reason + "; " + kept, tests: tests)
    }

    /// The record keys (`tests/test_a.py::TestX::test_y`) of `file`'s tests that started a process in their recorded
    /// run, or nil when the records cannot say: none is valid (the file changed since), or one does not know.
    static func launchedTests(of file: String, index: DependencyIndex, records: [String: TestCoverage]) -> [String]? {
        guard let blob = index.files[file]?.blobID else { return nil }
        let valid = records.filter { $0.value.file == file && $0.value.fileBlob == blob }
        guard !valid.isEmpty, valid.values.allSatisfy({ $0.launched != nil }) else { return nil }
        return valid.filter { $0.value.launched == true }.keys.sorted()
    }
}
