import Foundation

/// Reasons a child process could not be started.
public enum ProcessError: Error, CustomStringConvertible, Equatable {
    /// The named tool is not on PATH (or not executable).
    case toolNotFound(String)
    /// `posix_spawn` refused to start the executable.
    case spawnFailed(String, errno: Int32)
    /// The requested working directory does not exist.
    case workingDirectoryNotFound(String)
    /// A pipe for the child's standard streams could not be created.
    case pipeFailed(errno: Int32)
    /// The log file could not be opened for writing.
    case logFileUnwritable(String, errno: Int32)

    public var description: String {
        switch self {
        case .toolNotFound(let tool):
            let hint = ToolInstallHints.hint(for: tool).map { " — install it: \($0)" } ?? ""
            return "required tool '\(tool)' was not found on PATH\(hint)"
        case .spawnFailed(let executable, let code):
            return "could not start '\(executable)': \(String(cString: strerror(code))) (errno \(code))"
        case .workingDirectoryNotFound(let path):
            return "working directory '\(path)' does not exist"
        case .pipeFailed(let code):
            return "could not create a pipe: \(String(cString: strerror(code)))"
        case .logFileUnwritable(let path, let code):
            return "could not open log file '\(path)': \(String(cString: strerror(code)))"
        }
    }
}
