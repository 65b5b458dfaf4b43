/// Which test files a pytest suite collects when gate runs it without arguments, as its users run it.
///
/// pytest reads the first configuration file found in the working directory or above it (`PytestConfiguration`).
/// Its `testpaths` apply only when that file is in the working directory itself (pytest's rule: testpaths are used
/// when run from the rootdir), and only when they name something: when no test file lies under any of them, pytest
/// falls back to the working directory, and so does this. A testpath gate cannot place (outside the repository)
/// restricts nothing. Its `norecursedirs` (or pytest's default) prune the directories pytest recurses into below
/// where it starts (the working directory or a testpath), wherever that file is.
struct PytestCollection {
    /// pytest's `norecursedirs` when the configuration does not set it.
    static let defaultNorecursedirs = ["*.egg", ".*", "_darcs", "build", "CVS", "dist", "node_modules", "venv", "{arch}"]

    /// Repo-relative directories or files; nil: the whole working directory.
    private let paths: [String]?
    private let globs: [GlobPattern]
    /// The working directory, repo-relative.
    private let directory: String
    private let norecursedirs: [String]

    init(directory: String, index: DependencyIndex) {
        let configDirectory = ([directory] + RepoPath.ancestors(directory).reversed() + (directory.isEmpty ? [] : [""]))
            .first { index.pytestTestpaths[$0] != nil }
        self.directory = directory
        norecursedirs = configDirectory.flatMap { index.pytestNorecursedirs[$0] } ?? Self.defaultNorecursedirs
        (paths, globs) = Self.testpaths(directory: directory, configDirectory: configDirectory, index: index)
    }

    /// The `testpaths` that restrict collection in `directory`: (nil, []) when none do.
    private static func testpaths(
        directory: String, configDirectory: String?, index: DependencyIndex
    ) -> (paths: [String]?, globs: [GlobPattern]) {
        guard configDirectory == directory, let testpaths = index.pytestTestpaths[directory], !testpaths.isEmpty else {
            return (nil, [])
        }
        var paths: [String] = []
        var globs: [GlobPattern] = []
        for testpath in testpaths {
            guard let path = RepoPath.normalize(RepoPath.join(directory, testpath)), !testpath.hasPrefix("/") else {
                return (nil, [])
            }
            if path.contains(where: { "*?[".contains($0) }) { globs.append(GlobPattern("/" + path)) } else { paths.append(path) }
        }
        let anyTest = index.files.contains {
            $0.value.isTest && $0.value.language == .python && isUnder($0.key, paths: paths, globs: globs)
        }
        return anyTest ? (paths, globs) : (nil, [])
    }

    /// Whether pytest collects the test file at `location`.
    func collects(_ location: String) -> Bool {
        if let paths, !Self.isUnder(location, paths: paths, globs: globs) { return false }
        return !isPruned(location)
    }

    private static func isUnder(_ location: String, paths: [String], globs: [GlobPattern]) -> Bool {
        if paths.contains(where: { RepoPath.isInside(location, directory: $0) }) { return true }
        guard !globs.isEmpty else { return false }
        let candidates = RepoPath.ancestors(location) + [location]
        return globs.contains { glob in candidates.contains { glob.matches($0) } }
    }

    /// Whether a directory pytest would recurse into on its way to `location` matches a `norecursedirs` pattern.
    /// Directories pytest starts from (the working directory, a testpath, and those above them) are not checked.
    private func isPruned(_ location: String) -> Bool {
        RepoPath.ancestors(location).contains { ancestor in
            ancestor.utf8.count > directory.utf8.count && RepoPath.isInside(ancestor, directory: directory)
                && !isStartingPoint(ancestor, of: location) && norecursedirs.contains { Self.matches($0, directory: ancestor) }
        }
    }

    /// Whether `ancestor` (of `location`) is a testpath or lies above one on the way to `location`.
    private func isStartingPoint(_ ancestor: String, of location: String) -> Bool {
        guard let paths else { return false }
        if paths.contains(where: { RepoPath.isInside($0, directory: ancestor) }) { return true }
        let below = (RepoPath.ancestors(location) + [location]).filter { RepoPath.isInside($0, directory: ancestor) }
        return globs.contains { glob in below.contains { glob.matches($0) } }
    }

    /// pytest's `fnmatch_ex`: a pattern without `/` matches the directory's name; one with `/` matches the end of its path.
    static func matches(_ pattern: String, directory: String) -> Bool {
        guard pattern.contains("/") else { return GlobPattern("/" + pattern).matches(RepoPath.fileName(directory)) }
        let depth = pattern.split(separator: "/").count
        let components = directory.split(separator: "/")
        guard components.count >= depth else { return false }
        return GlobPattern("/" + pattern.split(separator: "/").joined(separator: "/"))
            .matches(components.suffix(depth).joined(separator: "/"))
    }
}
