/// Renders a `Selection` for `gate affected --explain`: the mode and reason, then one line per test
/// with its chain read backwards, e.g. `tests/test_api.py ← pkg/api.py ← pkg/util.py (changed)`.
public enum SelectionExplanation {
    public static func render(_ selection: Selection) -> String {
        var lines = ["\(selection.mode.rawValue): \(selection.reason)"]
        for test in selection.tests {
            let chain = test.because.reversed().joined(separator: " ← ")
            let subject = test.because.last == test.id ? chain : "\(test.id): \(chain)"
            let origin = selection.mode == .all ? "(forces all)" : "(changed)"
            lines.append("  [\(test.suite)] \(subject) \(origin)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
