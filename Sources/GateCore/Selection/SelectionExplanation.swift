/// Renders a `Selection` for `gate affected --explain`: the mode and reason, then one line per test
/// with its chain read backwards, e.g. `tests/test_api.py ← pkg/api.py ← pkg/util.py (changed)`. A test chosen by
/// coverage selection shows its note instead: `tests/test_c.py::test_x: executed `Color.downgrade` in pkg/color.py`,
/// or the safety net's reason after the chain. Another rule's note (Swift's executable rule) follows the chain.
public enum SelectionExplanation {
    public static func render(_ selection: Selection) -> String {
        var lines = ["\(selection.mode.rawValue): \(selection.reason)"]
        for test in selection.tests {
            let chain = test.because.reversed().joined(separator: " ← ")
            let subject = test.because.last == test.id ? chain : "\(test.id): \(chain)"
            let origin = selection.mode == .all ? "(forces all)" : "(changed)"
            if let note = test.note, note.hasPrefix("executed") || note == "failed last time" {
                lines.append("  [\(test.suite)] \(test.id): coverage: \(note)")
            } else if let note = test.note, note.hasPrefix(PythonImportPathRule.notePrefix) {
                lines.append("  [\(test.suite)] \(subject) \(origin): \(note.dropFirst(PythonImportPathRule.notePrefix.count))")
            } else if let note = test.note, test.runner == .pytest {
                lines.append("  [\(test.suite)] \(subject) (safety net: \(note))")
            } else if let note = test.note {
                lines.append("  [\(test.suite)] \(subject) \(origin): \(note)")
            } else {
                lines.append("  [\(test.suite)] \(subject) \(origin)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
