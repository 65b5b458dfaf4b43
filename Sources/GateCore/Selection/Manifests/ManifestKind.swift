/// The manifests and lockfiles whose changes gate reads instead of running every test.
enum ManifestKind: Sendable, Hashable {
    case pyproject, poetryLock, uvLock, requirements

    init?(path: String) {
        let name = RepoPath.fileName(path)
        switch name {
        case "pyproject.toml": self = .pyproject
        case "poetry.lock": self = .poetryLock
        case "uv.lock": self = .uvLock
        default:
            let fileExtension = RepoPath.fileExtension(name)
            guard fileExtension == "txt" || fileExtension == "in" else { return nil }
            guard name.hasPrefix("requirements") || name.hasPrefix("constraints")
                || RepoPath.fileName(RepoPath.directory(path)) == "requirements" else { return nil }
            self = .requirements
        }
    }

    var isLockfile: Bool { self == .poetryLock || self == .uvLock }
}
