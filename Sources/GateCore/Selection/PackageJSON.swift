import Foundation

/// What gate reads from a `package.json`: how its tests run (`scripts.test`, dependencies, a `jest`/`mocha` key),
/// its workspaces, and how other packages import it (`name`, `main`, `exports`, `imports`).
struct PackageJSON: Sendable {
    /// Repo directory of the package.json (`""` at the root).
    var directory: String
    var name: String?
    var testScript: String?
    /// Names in `dependencies`, `devDependencies`, `peerDependencies` and `optionalDependencies`.
    var dependencies: Set<String>
    /// Top-level keys (`jest`, `mocha` configure those runners).
    var keys: Set<String>
    /// `workspaces` (an array, or `{packages: [...]}`).
    var workspaces: [String]
    var main: String?
    /// `source`/`types`: where a package built to `dist/` keeps its own sources, for `PackageEntryPoints`.
    var sourceHints: [String]
    /// `exports` subpath (`.`, `./utils`, `./*`) → string targets (every condition's), in order.
    var exports: [String: [String]]
    /// `imports` (`#internal`, `#lib/*`) → string targets.
    var imports: [String: [String]]

    /// Reads a package.json at repo path `path`; nil when it is not a JSON object.
    init?(path: String, contents: [UInt8]) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(contents)) as? [String: Any] else { return nil }
        directory = RepoPath.directory(path)
        name = object["name"] as? String
        testScript = (object["scripts"] as? [String: Any])?["test"] as? String
        var dependencies = Set<String>()
        for key in ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"] {
            dependencies.formUnion((object[key] as? [String: Any])?.keys ?? [:].keys)
        }
        self.dependencies = dependencies
        keys = Set(object.keys)
        if let list = object["workspaces"] as? [String] {
            workspaces = list
        } else {
            workspaces = (object["workspaces"] as? [String: Any])?["packages"] as? [String] ?? []
        }
        main = object["main"] as? String ?? object["module"] as? String
        sourceHints = ["source", "types", "typings"].compactMap { object[$0] as? String }
        exports = PackageJSON.subpathMap(object["exports"], rootKey: ".")
        imports = PackageJSON.subpathMap(object["imports"], rootKey: nil)
    }

    /// `exports`/`imports` as subpath → targets. A string or a conditions object at the top is the `.` entry of
    /// `exports`; nested conditions (`import`, `require`, `node`, `default`, `types`) are flattened in order.
    private static func subpathMap(_ value: Any?, rootKey: String?) -> [String: [String]] {
        guard let value else { return [:] }
        if let rootKey, !(value is [String: Any]) || (value as? [String: Any])?.keys.contains(where: { $0.hasPrefix(".") }) == false {
            return [rootKey: targets(value)]
        }
        var map: [String: [String]] = [:]
        for (key, target) in value as? [String: Any] ?? [:] { map[key] = targets(target) }
        return map
    }

    private static func targets(_ value: Any) -> [String] {
        if let text = value as? String { return [text] }
        if let list = value as? [Any] { return list.flatMap(targets) }
        if let conditions = value as? [String: Any] {
            let order = ["source", "development", "import", "require", "node", "default", "types"]
            let keys = conditions.keys.sorted { (order.firstIndex(of: $0) ?? order.count, $0) < (order.firstIndex(of: $1) ?? order.count, $1) }
            return keys.flatMap { targets(conditions[$0]!) }
        }
        return []
    }

    /// Reads the `packages:` list of a `pnpm-workspace.yaml` (a plain YAML list of quoted or bare globs).
    static func pnpmWorkspaces(_ contents: [UInt8]) -> [String] {
        var inPackages = false
        var found: [String] = []
        for raw in String(decoding: contents, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            if !line.hasPrefix(" ") && !line.hasPrefix("-") {
                inPackages = trimmed == "packages:"
                continue
            }
            guard inPackages, trimmed.hasPrefix("-") else { continue }
            let item = trimmed.dropFirst().trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
            if !item.isEmpty { found.append(item) }
        }
        return found
    }

    /// Whether `directory` matches one of the workspace globs (`packages/*`, `apps/**`, `tools/cli`; `!x` excludes).
    static func isWorkspace(_ directory: String, patterns: [String]) -> Bool {
        var matched = false
        for pattern in patterns {
            let negated = pattern.hasPrefix("!")
            var text = negated ? String(pattern.dropFirst()) : pattern
            while text.hasPrefix("./") { text.removeFirst(2) }
            while text.hasSuffix("/") { text.removeLast() }
            guard !text.isEmpty, GlobPattern("/" + text).matches(directory) else { continue }
            matched = !negated
        }
        return matched
    }
}
