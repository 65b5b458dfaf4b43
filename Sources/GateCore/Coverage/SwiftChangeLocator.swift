/// Where a Swift file changed since the coverage seed, in terms coverage can answer: the recorded functions whose
/// bodies hold every change, or why coverage cannot see it (then its target falls back to target level).
///
/// A change is inside a function when it lies strictly between the line that opens its body and the line that
/// closes it, or, on those two lines, when the line is replaced one for one and its text before the body's opening
/// (the signature) and after its closing is unchanged. A change inside a closure or nested function is inside its
/// enclosing functions too: all of them count (a closure's body can change the enclosing expression's types).
struct SwiftChangeLocator {
    let data: SwiftCoverageData
    let source: any BlobSource

    enum Verdict: Equatable {
        /// The seeded blob and the indexes of the functions (into `data.functions[blob]`) whose bodies changed.
        case functions(blob: String, indexes: Set<Int>)
        case fallback(String)
    }

    /// The verdict for `path`, whose blob is now `current` (nil: deleted).
    func verdict(path: String, current: String?) -> Verdict {
        guard let seeded = data.files[path] else { return .fallback("\(path) is new since the coverage seed") }
        guard let current else { return .fallback("\(path) was deleted since the coverage seed") }
        guard let old = try? source.contents(ofBlob: seeded), let new = try? source.contents(ofBlob: current) else {
            return .fallback("the seeded version of \(path) cannot be read")
        }
        guard let hunks = LineDiff.hunks(old: old, new: new) else { return .fallback("\(path) changed too much to locate") }
        let spans = data.functions[seeded] ?? []
        let oldLines = LineDiff.lines(old)
        let newLines = LineDiff.lines(new)
        var indexes = Set<Int>()
        for hunk in hunks {
            let containing = spans.indices.filter { Self.contains(spans[$0], hunk, oldLines, newLines) }
            guard !containing.isEmpty else {
                return .fallback("\(path):\(hunk.oldStart) changes code outside any function body coverage saw "
                    + "(a declaration, stored property, conformance or new function)")
            }
            if let initializer = containing.first(where: { spans[$0].kind == .initializer }) {
                return .fallback("\(path):\(hunk.oldStart) changes an initial value (\(spans[initializer].name)), which runs once or in callers")
            }
            if let listed = containing.first(where: { data.discovery[seeded]?.contains($0) == true }) {
                return .fallback("\(path):\(hunk.oldStart) changes \(spans[listed].name), which runs while the tests are listed")
            }
            indexes.formUnion(containing)
        }
        return .functions(blob: seeded, indexes: indexes)
    }

    /// Whether `hunk` lies inside the body of `span` (see the type's rule).
    static func contains(_ span: SwiftFunctionSpan, _ hunk: LineDiff.Hunk, _ old: [Substring], _ new: [Substring]) -> Bool {
        if hunk.oldCount == 0 { return span.startLine < hunk.oldStart && hunk.oldStart <= span.endLine }
        let first = hunk.oldStart
        let last = hunk.oldStart + hunk.oldCount - 1
        guard first >= span.startLine, last <= span.endLine else { return false }
        if first > span.startLine && last < span.endLine { return true }
        guard hunk.oldCount == hunk.newCount else { return false }
        for offset in 0..<hunk.oldCount {
            let line = first + offset
            guard line == span.startLine || line == span.endLine else { continue }
            let before = Array((old[line - 1]).utf8)
            let after = Array((new[hunk.newStart - 1 + offset]).utf8)
            if line == span.startLine {
                let opening = span.startColumn  // bytes up to and including the body's `{`
                guard before.count >= opening, after.count >= opening, before.prefix(opening) == after.prefix(opening) else { return false }
            }
            if line == span.endLine {
                let closing = max(0, span.endColumn - 2)  // the body's `}` and what follows it
                guard before.count >= closing, after.count >= before.count - closing,
                    before.suffix(before.count - closing) == after.suffix(before.count - closing)
                else { return false }
            }
        }
        return true
    }
}
