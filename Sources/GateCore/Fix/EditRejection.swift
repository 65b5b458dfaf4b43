/// Why one edit was refused. The description names the edit and is meant to be quoted
/// in the next prompt, so the model can correct it.
public struct EditRejection: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case emptyPath
        case absolutePath
        case parentTraversal
        /// A symlink inside the repository leads outside it (or nowhere).
        case escapesRoot(through: String)
        case insideGitDirectory
        case searchNotFound
        case searchAmbiguous(matches: Int)
        case fileNotFound
        case fileAlreadyExists
        case notText
        case unreadable(String)
        case writeFailed(String)
        /// The edit policy allows only code under test; this path is not.
        case notCodeUnderTest(EditPolicy.Refusal)
        /// The reply changes more files than `fix.max_files` allows.
        case tooManyFiles(count: Int, limit: Int)
        /// The reply changes more lines than `fix.max_changed_lines` allows.
        case tooManyChangedLines(count: Int, limit: Int)
    }

    /// 1-based position of the edit in the reply.
    public var block: Int
    public var path: String
    public var reason: Reason

    public init(block: Int, path: String, reason: Reason) {
        self.block = block
        self.path = path
        self.reason = reason
    }

    public var description: String {
        "Edit block \(block) (\(path.isEmpty ? "no path" : path)) was rejected: \(explanation)"
    }

    /// The reason alone, phrased as an instruction.
    public var explanation: String {
        switch reason {
        case .emptyPath:
            return "it names no file."
        case .absolutePath:
            return "the path is absolute; use a path relative to the repository root."
        case .parentTraversal:
            return "the path contains `..`; edits must stay inside the repository."
        case .escapesRoot(let link):
            return "the path leads outside the repository through the symlink `\(link)`."
        case .insideGitDirectory:
            return "files inside `.git` may not be edited."
        case .searchNotFound:
            return "the SEARCH text matches nothing in the file, not even ignoring indentation; copy the lines exactly as they appear in the file."
        case .searchAmbiguous(let matches):
            return "the SEARCH text matches \(matches) places; include more surrounding lines so it matches exactly one."
        case .fileNotFound:
            return "the file does not exist; to create it, leave the SEARCH section empty."
        case .fileAlreadyExists:
            return "the file already exists; an empty SEARCH section only creates new files, so quote the lines to replace."
        case .notText:
            return "the file is not UTF-8 text."
        case .unreadable(let detail):
            return "the file cannot be read (\(detail))."
        case .writeFailed(let detail):
            return "the file cannot be written (\(detail))."
        case .notCodeUnderTest(let refusal):
            return refusal.explanation
        case .tooManyFiles(let count, let limit):
            return "the reply changes \(count) files, more than the \(limit) one fix may touch (`fix.max_files`), so none of it was applied; send only the few edits the fix needs."
        case .tooManyChangedLines(let count, let limit):
            return "the reply changes \(count) lines, more than the \(limit) one fix may change (`fix.max_changed_lines`), so none of it was applied; send a smaller, focused fix."
        }
    }
}
