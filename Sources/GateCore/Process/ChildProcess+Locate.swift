import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension ChildProcess {
    /// Finds `tool` on the `PATH` of `environment`, returning the first regular file with
    /// the executable bit set. A name containing `/` is checked as a path directly.
    public static func locate(_ tool: String, environment: [String: String]) -> String? {
        if tool.contains("/") { return isExecutableFile(tool) ? tool : nil }
        let searchPath = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in searchPath.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = directory.hasSuffix("/") ? "\(directory)\(tool)" : "\(directory)/\(tool)"
            if isExecutableFile(candidate) { return candidate }
        }
        return nil
    }

    private static func isExecutableFile(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return false }
        return access(path, X_OK) == 0
    }
}
