import Foundation

/// Turns the paths coverage tools write (absolute in gate's checkout, or relative to the suite's working directory)
/// into repository-relative paths; nil for files outside the checkout (dependencies, the toolchain).
struct MeasuredPath {
    /// The checkout root, as given and with symlinks resolved.
    let roots: [String]
    /// The suite's working directory relative to the root ("" for the root).
    let workingDirectory: String

    init(root: String, workingDirectory: String?) {
        let resolved = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        roots = Array(Set([root, resolved].map { $0.hasSuffix("/") && $0.count > 1 ? String($0.dropLast()) : $0 }))
        self.workingDirectory = RepoPath.cleanDirectory(workingDirectory)
    }

    func repoRelative(_ path: String) -> String? {
        if path.hasPrefix("/") {
            for root in roots where path.hasPrefix(root + "/") {
                return RepoPath.normalize(String(path.dropFirst(root.count + 1)))
            }
            let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            for root in roots where resolved.hasPrefix(root + "/") {
                return RepoPath.normalize(String(resolved.dropFirst(root.count + 1)))
            }
            return nil
        }
        guard let joined = RepoPath.normalize(RepoPath.join(workingDirectory, path)), !joined.isEmpty else { return nil }
        return joined
    }
}
