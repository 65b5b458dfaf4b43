/// Files that affect every test of the repo: manifests, lockfiles and runner configuration of each
/// language, plus gate's own `.gate.yml`. A change to one selects all tests.
enum GlobalFileRule {
    private static let manifests: Set<String> = [
        "Package.swift", "pyproject.toml", "setup.cfg", "setup.py", "Pipfile", "package.json", "go.mod", "go.work",
    ]
    private static let lockfiles: Set<String> = [
        "Package.resolved", "Pipfile.lock", "poetry.lock", "uv.lock", "pdm.lock", "package-lock.json",
        "npm-shrinkwrap.json", "yarn.lock", "pnpm-lock.yaml", "bun.lockb", "bun.lock", "go.sum", "go.work.sum",
    ]
    private static let configurations: Set<String> = [
        "tox.ini", "pytest.ini", "tsconfig.json", "jsconfig.json", "pnpm-workspace.yaml", ".babelrc", ".npmrc",
        ".nvmrc", ".python-version", ".swift-version",
    ]
    private static let configurationPrefixes = [
        "jest.config.", "jest.setup.", "vitest.config.", "vitest.workspace.", "vitest.setup.", "babel.config.",
        "tsconfig.", ".mocharc.",
    ]

    /// Why `path` affects every test, or nil when it does not.
    static func reason(for path: String) -> String? {
        let name = RepoPath.fileName(path)
        let atRoot = !path.contains("/")
        if atRoot, name == ".gate.yml" || name == ".gate.yaml" { return "gate's configuration affects every test" }
        if atRoot, name == "conftest.py" { return "the root conftest.py affects every test" }
        if manifests.contains(name) || (name.hasPrefix("Package@swift") && name.hasSuffix(".swift")) {
            return "a manifest affects every test"
        }
        if lockfiles.contains(name) { return "a lockfile affects every test" }
        if isRequirementsFile(path, name: name) { return "a requirements file affects every test" }
        if configurations.contains(name) || configurationPrefixes.contains(where: { name.hasPrefix($0) }) {
            return "test configuration affects every test"
        }
        return nil
    }

    /// `requirements*.txt`, `constraints*.txt`, or a `.txt`/`.in` file in a `requirements/` directory.
    private static func isRequirementsFile(_ path: String, name: String) -> Bool {
        let fileExtension = RepoPath.fileExtension(name)
        guard fileExtension == "txt" || fileExtension == "in" else { return false }
        if name.hasPrefix("requirements") || name.hasPrefix("constraints") { return true }
        return RepoPath.fileName(RepoPath.directory(path)) == "requirements"
    }
}
