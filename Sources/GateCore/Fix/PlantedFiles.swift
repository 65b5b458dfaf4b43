import Foundation

/// Files a test run left in the fix checkout that the tree does not hold and that a test runner or interpreter would load
/// on its own (a `conftest.py`, `sitecustomize.py`, `*.pth`, runner configuration). Code under test that writes one has
/// tried to change what is tested, so the attempt is not trusted, whatever its tests reported.
enum PlantedFiles {
    static let loadedImplicitly: [GlobPattern] = [
        "conftest.py", "sitecustomize.py", "usercustomize.py", "*.pth", "pytest.ini", "tox.ini", "setup.cfg", "pyproject.toml",
        "jest.config.*", "vitest.config.*", ".mocharc*", "karma.conf.*", ".npmrc", "package.json", "Package.swift",
    ].map(GlobPattern.init)

    /// Build and dependency directories that hold such files legitimately, never searched.
    static let skippedDirectories: Set<String> = [".build", "node_modules", ".git", "__pycache__"]

    /// Repo paths under `root` of untracked files that match `loadedImplicitly`, sorted.
    static func find(in root: String, tracked: Set<String>) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: URL(fileURLWithPath: root), includingPropertiesForKeys: [.isDirectoryKey],
                                                              options: []) else { return [] }
        let prefix = URL(fileURLWithPath: root).standardizedFileURL.path + "/"
        var found: [String] = []
        for case let url as URL in enumerator {
            let name = url.lastPathComponent
            if (try? url.resourceValues(forKeys: [.isDirectoryKey]))?.isDirectory == true {
                if skippedDirectories.contains(name) { enumerator.skipDescendants() }
                continue
            }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(prefix) else { continue }
            let relative = String(path.dropFirst(prefix.count))
            if !tracked.contains(relative), loadedImplicitly.contains(where: { $0.matches(relative) }) { found.append(relative) }
        }
        return found.sorted()
    }
}
