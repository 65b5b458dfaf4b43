/// Why a reply's edits could not be read; the description is quoted in the next prompt.
public enum EditParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The reply holds no SEARCH/REPLACE block and no fenced diff.
    case noEdits
    /// A SEARCH/REPLACE block has no file path before it.
    case missingPath(block: Int)
    /// A SEARCH/REPLACE block lacks its `=======` or `>>>>>>> REPLACE` line.
    case unterminatedBlock(block: Int, path: String, expected: String)
    /// A fenced diff could not be read.
    case malformedDiff(path: String?, detail: String)

    public var description: String {
        switch self {
        case .noEdits:
            return "The reply contains no SEARCH/REPLACE block and no fenced ```diff block."
        case .missingPath(let block):
            return "SEARCH/REPLACE block \(block) has no file path on the line before `<<<<<<< SEARCH`."
        case .unterminatedBlock(let block, let path, let expected):
            return "SEARCH/REPLACE block \(block) for \(path) is missing its `\(expected)` line."
        case .malformedDiff(let path, let detail):
            return "The diff" + (path.map { " for \($0)" } ?? "") + " cannot be read: \(detail)."
        }
    }
}
