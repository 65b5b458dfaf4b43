/// Which test files a pytest suite collects when gate runs it without arguments, as its users run it.
///
/// pytest reads the first configuration file found in the working directory or above it (`PytestConfiguration`).
/// Its `testpaths` apply only when that file is in the working directory itself (pytest's rule: testpaths are used
/// when run from the rootdir), and only when they name something: when no test file lies under any of them, pytest
/// falls back to the working directory, and so does this. A testpath gate cannot place (outside the repository)
/// restricts nothing.
struct PytestCollection {
    /// Repo-relative directories or files; nil: the whole working directory.
    private let paths: [String]?
    private let globs: [GlobPattern]

    init(directory: String, index: DependencyIndex) {
        let configDirectory = ([directory] + RepoPath.ancestors(directory).reversed() + (directory.isEmpty ? [] : [""]))
            .first { index.pytestTestpaths[$0] != nil }
        guard configDirectory == directory, let testpaths = index.pytestTestpaths[directory], !testpaths.isEmpty else {
            (paths, globs) = (nil, [])
            return
        }
        var paths: [String] = []
        var globs: [GlobPattern] = []
        for testpath in testpaths {
            guard let path = RepoPath.normalize(RepoPath.join(directory, testpath)), !testpath.hasPrefix("/") else {
                (self.paths, self.globs) = (nil, [])
                return
            }
            if path.contains(where: { "*?[".contains($0) }) { globs.append(GlobPattern("/" + path)) } else { paths.append(path) }
        }
        let collection = PytestCollection(paths: paths, globs: globs)
        let anyTest = index.files.contains { $0.value.isTest && $0.value.language == .python && collection.collects($0.key) }
        (self.paths, self.globs) = anyTest ? (paths, globs) : (nil, [])
    }

    private init(paths: [String], globs: [GlobPattern]) {
        self.paths = paths
        self.globs = globs
    }

    /// Whether pytest collects the test file at `location`.
    func collects(_ location: String) -> Bool {
        guard let paths else { return true }
        if paths.contains(where: { RepoPath.isInside(location, directory: $0) }) { return true }
        guard !globs.isEmpty else { return false }
        let candidates = RepoPath.ancestors(location) + [location]
        return globs.contains { glob in candidates.contains { glob.matches($0) } }
    }
}
