/// The manifests and lockfiles whose changes gate reads instead of running every test.
enum ManifestKind: Sendable, Hashable {
    case pyproject, poetryLock, uvLock, requirements, setupCfg, toxIni, packageJson, packageLock, goMod, goSum

    init?(path: String) {
        let name = RepoPath.fileName(path)
        switch name {
        case "pyproject.toml": self = .pyproject
        case "poetry.lock": self = .poetryLock
        case "uv.lock": self = .uvLock
        case "setup.cfg": self = .setupCfg
        case "tox.ini": self = .toxIni
        case "package.json": self = .packageJson
        case "package-lock.json", "npm-shrinkwrap.json": self = .packageLock
        case "go.mod": self = .goMod
        case "go.sum": self = .goSum
        default:
            let fileExtension = RepoPath.fileExtension(name)
            guard fileExtension == "txt" || fileExtension == "in" else { return nil }
            guard name.hasPrefix("requirements") || name.hasPrefix("constraints")
                || RepoPath.fileName(RepoPath.directory(path)) == "requirements" else { return nil }
            self = .requirements
        }
    }

    /// A lockfile beside the manifest says what was resolved; the manifest's requirement changes defer to it.
    var isLockfile: Bool { self == .poetryLock || self == .uvLock || self == .packageLock || self == .goMod }

    var ecosystem: ChangedDependency.Ecosystem {
        switch self {
        case .pyproject, .poetryLock, .uvLock, .requirements, .setupCfg, .toxIni: return .python
        case .packageJson, .packageLock: return .npm
        case .goMod, .goSum: return .go
        }
    }
}
