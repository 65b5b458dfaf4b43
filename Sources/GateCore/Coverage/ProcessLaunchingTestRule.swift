/// Coverage sees only the test process. A Python test file that starts processes (`subprocess`, `sys.executable`,
/// `multiprocessing`…) may run the changed code in a child, where nothing was recorded: whenever its static import
/// chain reaches the change, it is selected by its imports, whatever coverage says. Which of its tests: those whose
/// recorded run started a process (`TestCoverage.launched`, itself or through a fixture it uses), when every valid
/// record of the file says; the whole file when a record is missing, stale or does not know. A test recorded as
/// launching in a file that names no process API (a `conftest.py` fixture starts the child) is selected the same way.
enum ProcessLaunchingTestRule {
    static let note = "the test file starts processes, which coverage cannot see: selected by its imports"
    static let launchedNote = "started a process in its recorded run, which coverage cannot see: selected by its imports"

    static func widen(_ covered: Selection, index: DependencyIndex, byImports: Selection, records: [String: TestCoverage]) -> Selection {
        guard covered.mode != .all, byImports.mode != .none else { return covered }
        var tests = covered.tests
        var wholeFiles = 0
        let recordsByFile = Dictionary(grouping: records, by: \.value.file)
        for test in byImports.tests where test.runner == .pytest {
            guard let file = test.because.last, let entry = index.files[file] else { continue }
            let launches = recordedLaunches(of: entry, records: recordsByFile[file] ?? [])
            if entry.launchesProcesses && !launches.complete {
                // The whole file replaces any of its node ids, so no test runs twice.
                tests.removeAll { $0.suite == test.suite && ($0.id == test.id || $0.id.hasPrefix(test.id + "::")) }
                var widened = test
                widened.note = note
                tests.append(widened)
                wholeFiles += 1
                continue
            }
            for key in launches.keys {
                var single = test
                single.id += key.dropFirst(file.count)
                guard !tests.contains(where: { $0.suite == single.suite && ($0.id == single.id || $0.id == test.id) }) else { continue }
                single.note = launchedNote
                tests.append(single)
            }
        }
        guard tests != covered.tests else { return covered }
        let reason = covered.mode == .none ? "process-starting tests import the change" : covered.reason
        let kept = wholeFiles > 0 ? note : "tests that started processes are selected by their imports, which coverage cannot see"
        return Selection(mode: .selected, reason: reason + "; " + kept, tests: CoverageSelector.merge(tests))
    }

    /// The record keys (`tests/test_a.py::TestX::test_y`) of the test file's tests that started a process in their recorded
    /// run, and whether the records say it for the whole file: some record is valid (recorded on the file's current
    /// blob), and every valid one knows.
    static func recordedLaunches(of file: IndexEntry, records: [(key: String, value: TestCoverage)]) -> (keys: [String], complete: Bool) {
        let valid = records.filter { $0.value.fileBlob == file.blobID }
        let keys = valid.filter { $0.value.launched == true }.map(\.key).sorted()
        return (keys, !valid.isEmpty && valid.allSatisfy { $0.value.launched != nil })
    }
}
