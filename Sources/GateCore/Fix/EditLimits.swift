/// How much one fix may touch (`fix.max_files`, `fix.max_changed_lines`). A reply over either cap is refused whole,
/// before anything is written: a real bug fix is small, a reply that rewrites the project is not a fix.
public struct EditLimits: Sendable, Equatable {
    public static let defaultMaxFiles = 10
    public static let defaultMaxChangedLines = 400

    public var maxFiles: Int
    public var maxChangedLines: Int

    public init(maxFiles: Int = EditLimits.defaultMaxFiles, maxChangedLines: Int = EditLimits.defaultMaxChangedLines) {
        self.maxFiles = maxFiles
        self.maxChangedLines = maxChangedLines
    }

    /// The first cap `edits` break, naming the block that broke it; nil when the reply fits.
    public func rejection(for edits: [FileEdit]) -> EditRejection? {
        var files = Set<String>()
        var lines = 0
        for (offset, edit) in edits.enumerated() {
            let path = EditValidator.normalized(edit.path)
            files.insert(path)
            lines += Self.changedLines(edit)
            if files.count > maxFiles {
                let total = Set(edits.map { EditValidator.normalized($0.path) }).count
                return EditRejection(block: offset + 1, path: edit.path, reason: .tooManyFiles(count: total, limit: maxFiles))
            }
            if lines > maxChangedLines {
                let total = edits.reduce(0) { $0 + Self.changedLines($1) }
                return EditRejection(block: offset + 1, path: edit.path, reason: .tooManyChangedLines(count: total, limit: maxChangedLines))
            }
        }
        return nil
    }

    /// Lines removed plus lines added by one edit, leaving out the lines its SEARCH and REPLACE share at either end.
    static func changedLines(_ edit: FileEdit) -> Int {
        let old = lines(edit.search), new = lines(edit.replace)
        var start = 0
        while start < old.count, start < new.count, old[old.startIndex + start] == new[new.startIndex + start] { start += 1 }
        var end = 0
        while end < old.count - start, end < new.count - start,
              old[old.endIndex - 1 - end] == new[new.endIndex - 1 - end] { end += 1 }
        return (old.count - start - end) + (new.count - start - end)
    }

    private static func lines(_ text: String) -> ArraySlice<Substring> {
        guard !text.isEmpty else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0)
    }
}
