/// The npm/yarn/pnpm workspace of a tree: the root `package.json`'s `workspaces` (or `pnpm-workspace.yaml`'s
/// `packages:`) and the packages they name, each a directory with its own `package.json`.
struct JavaScriptWorkspace: Sendable {
    /// The root package.json, when it reads.
    var root: PackageJSON?
    /// The member packages, by directory order.
    var packages: [PackageJSON]

    /// Reads the workspace from the tracked `paths`; `read` gives a path's contents.
    init(paths: [String], read: (String) -> [UInt8]?) {
        root = read("package.json").flatMap { PackageJSON(path: "package.json", contents: $0) }
        var patterns = root?.workspaces ?? []
        if paths.contains("pnpm-workspace.yaml"), let yaml = read("pnpm-workspace.yaml") {
            patterns += PackageJSON.pnpmWorkspaces(yaml)
        }
        packages = []
        guard !patterns.isEmpty else { return }
        for path in paths where RepoPath.hasFileName(path, "package.json") && path != "package.json" && !Self.isVendored(path) {
            let directory = RepoPath.directory(path)
            guard PackageJSON.isWorkspace(directory, patterns: patterns),
                  let contents = read(path), let package = PackageJSON(path: path, contents: contents) else { continue }
            packages.append(package)
        }
        packages.sort { $0.directory < $1.directory }
    }

    /// Under `node_modules/`: installed, not the project's own.
    static func isVendored(_ path: String) -> Bool {
        path.hasPrefix("node_modules/") || path.contains("/node_modules/")
    }
}
