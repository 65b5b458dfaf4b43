import Foundation

extension GitRepository {
    /// The hooks directory git really uses: `core.hooksPath` (relative paths resolved against the work tree root,
    /// `~` expanded), else `<common dir>/hooks`. libgit2 itself ignores core.hooksPath.
    public func effectiveHooksDirectory() throws -> String {
        if let configured = try configString("core.hooksPath"), !configured.isEmpty {
            var path = configured
            if path.hasPrefix("~/") { path = NSHomeDirectory() + String(path.dropFirst()) }
            if !path.hasPrefix("/") { path = (workDirectory ?? gitDirectory) + "/" + path }
            return URL(fileURLWithPath: path).standardizedFileURL.path
        }
        return commonDirectory + "/hooks"
    }
}
