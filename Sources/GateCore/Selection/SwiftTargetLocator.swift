/// Finds the SwiftPM target that owns a path: the target whose directory contains it, deepest first.
/// Looks up the path's ancestor directories, so a lookup costs the path's depth, not the number of targets.
struct SwiftTargetLocator {
    /// Repo-relative target directory → its target (the first declared, when two share one).
    private let byDirectory: [String: SwiftTarget]

    init(targets: [SwiftTarget]) {
        var byDirectory: [String: SwiftTarget] = [:]
        for target in targets where byDirectory[target.path] == nil { byDirectory[target.path] = target }
        self.byDirectory = byDirectory
    }

    func owner(of path: String) -> SwiftTarget? {
        guard !byDirectory.isEmpty else { return nil }
        var directory = path
        while !directory.isEmpty {
            directory = RepoPath.directory(directory)
            if let target = byDirectory[directory] { return target }
        }
        return nil
    }
}
