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
        /// The path matches a protected glob, or `rule` is "explicitly protected".
        case protectedPath(rule: String)
        case searchNotFound
        case searchAmbiguous(matches: Int)
        case fileNotFound
        case fileAlreadyExists
        case notText
        case unreadable(String)
        case writeFailed(String)
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
        case .protectedPath(let rule):
            return "the path is protected (\(rule)); the tests are correct, do not change them: change the code under test instead."
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
        }
    }
}
