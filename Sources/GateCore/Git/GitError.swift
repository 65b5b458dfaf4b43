import CLibGit2

/// A libgit2 call that failed: the C function's name, its return code and `git_error_last()` text.
public struct GitError: Error, CustomStringConvertible, Sendable {
    public let function: String
    public let code: Int32
    public let message: String

    public var isNotFound: Bool { code == GIT_ENOTFOUND.rawValue }

    public var description: String { "\(function) failed (\(code)): \(message)" }
}

/// Turns a libgit2 return code into a `GitError` on the calling thread, where `git_error_last()` is valid.
@discardableResult
func check(_ code: Int32, _ function: String) throws -> Int32 {
    guard code < 0 else { return code }
    var message = "unknown libgit2 error"
    if let last = git_error_last(), let text = last.pointee.message {
        message = String(cString: text)
    }
    throw GitError(function: function, code: code, message: message)
}
