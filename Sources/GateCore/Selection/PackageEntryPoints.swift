/// Where an import of a workspace package (`@acme/core`, `@acme/core/utils`) or of a package's own `#imports` lands:
/// the `exports`/`imports` targets, `main`, and, since a package built to `dist/` keeps its sources elsewhere, the same
/// paths under `src/`, its `source`/`types` fields, then `index` and `src/index`. Each is a repo path still to be tried
/// with extensions and `index.*` (`JavaScriptModuleResolver.file(for:)`).
enum PackageEntryPoints {
    /// The package name and subpath of a bare specifier: `@scope/name/sub` → (`@scope/name`, `sub`).
    static func split(_ specifier: String) -> (name: String, subpath: String) {
        let parts = specifier.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        let count = specifier.hasPrefix("@") ? 2 : 1
        guard parts.count > count else { return (specifier, "") }
        return (parts.prefix(count).joined(separator: "/"), parts.dropFirst(count).joined(separator: "/"))
    }

    /// Candidate repo paths for `subpath` (`""` for the package itself) of `package`.
    static func candidates(_ package: PackageJSON, subpath: String) -> [String] {
        let key = subpath.isEmpty ? "." : "./" + subpath
        var targets = match(key, in: package.exports)
        if subpath.isEmpty {
            targets += package.sourceHints + (package.main.map { [$0] } ?? []) + ["index", "src/index"]
        } else {
            targets += [subpath, "src/" + subpath]
        }
        return expand(targets, in: package.directory)
    }

    /// Candidate repo paths for a `#name` specifier through `package`'s `imports`.
    static func importCandidates(_ package: PackageJSON, specifier: String) -> [String] {
        expand(match(specifier, in: package.imports), in: package.directory)
    }

    /// Targets of `key` in a subpath map: an exact key, else the longest `*` pattern that matches.
    private static func match(_ key: String, in map: [String: [String]]) -> [String] {
        if let exact = map[key] { return exact }
        for (pattern, targets) in map.sorted(by: { $0.key.utf8.count > $1.key.utf8.count }) {
            guard let star = pattern.firstIndex(of: "*") else { continue }
            let prefix = String(pattern[..<star]), suffix = String(pattern[pattern.index(after: star)...])
            guard key.hasPrefix(prefix), key.hasSuffix(suffix), key.utf8.count >= prefix.utf8.count + suffix.utf8.count else { continue }
            let middle = String(key.dropFirst(prefix.count).dropLast(suffix.count))
            return targets.map { $0.replacingOccurrences(of: "*", with: middle) }
        }
        return []
    }

    /// Repo paths of `targets` inside `directory`, each followed by its twin under `src/` when it points into a build
    /// directory, and without a `.d.ts` suffix.
    private static func expand(_ targets: [String], in directory: String) -> [String] {
        var paths: [String] = []
        for target in targets {
            var relative = target
            while relative.hasPrefix("./") { relative.removeFirst(2) }
            if relative.hasSuffix(".d.ts") { relative = String(relative.dropLast(5)) }
            var variants = [relative]
            for build in ["dist/", "build/", "lib/", "out/", "esm/", "cjs/"] where relative.hasPrefix(build) {
                variants.append("src/" + relative.dropFirst(build.count))
            }
            for variant in variants {
                if let path = RepoPath.normalize(RepoPath.join(directory, variant)), !paths.contains(path) { paths.append(path) }
            }
        }
        return paths
    }
}
