/// Finds the SwiftPM target that owns a path: the target whose directory contains it, longest first.
struct SwiftTargetLocator {
    /// Targets with repo-relative paths, deepest path first.
    let targets: [SwiftTarget]

    init(targets: [SwiftTarget]) {
        self.targets = targets.sorted { $0.path.utf8.count > $1.path.utf8.count }
    }

    func owner(of path: String) -> SwiftTarget? {
        targets.first { RepoPath.isInside(path, directory: $0.path) && path != $0.path }
    }
}
