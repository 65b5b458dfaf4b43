/// Files known to be documentation, which affect no test: `*.md`, `*.rst`, `*.adoc`, images (not `*.txt`: tests read data files),
/// `LICENSE*` and friends, `.gitignore`, and everything under a top-level `docs/` or `doc/`.
/// Inside a test directory (`tests/`, `testdata/`, `Tests/`, …) such files are fixtures, not documentation.
/// Hosted CI configuration (`.github/`, `.gitlab-ci.yml`, `.circleci/`, `.travis.yml`, `.buildkite/`,
/// `azure-pipelines.yml`) is counted with it: it tells a CI service what to run, and no test run by gate reads it; so is,
/// at the root, the configuration of pre-commit hooks, Read the Docs, Codecov and `git blame`.
enum DocumentationRule {
    private static let extensions: Set<String> = [
        "md", "markdown", "rst", "adoc", "png", "jpg", "jpeg", "gif", "svg", "ico", "webp", "bmp",
    ]
    private static let namePrefixes = ["LICENSE", "LICENCE", "COPYING", "AUTHORS", "CHANGELOG", "NOTICE", "CODEOWNERS"]
    private static let names: Set<String> = [".gitignore", ".gitattributes", ".mailmap", ".editorconfig"]

    private static let ciPrefixes = [".github/", ".circleci/", ".buildkite/"]
    private static let ciNames: Set<String> = [
        ".gitlab-ci.yml", ".travis.yml", "azure-pipelines.yml", ".pre-commit-config.yaml", ".pre-commit-hooks.yaml",
        ".readthedocs.yaml", ".readthedocs.yml", "codecov.yml", ".codecov.yml", ".git-blame-ignore-revs",
    ]

    static func isDocumentation(_ path: String) -> Bool {
        if TestFileConvention.testDirectory(containing: path) != nil { return false }
        if path.hasPrefix("docs/") || path.hasPrefix("doc/") { return true }
        if ciPrefixes.contains(where: path.hasPrefix) || ciNames.contains(path) { return true }
        let name = RepoPath.fileName(path)
        if names.contains(name) || namePrefixes.contains(where: { name.hasPrefix($0) }) { return true }
        return extensions.contains(RepoPath.fileExtension(name))
    }
}
