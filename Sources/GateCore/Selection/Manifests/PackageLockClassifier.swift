/// Classifies a change to `package-lock.json` (lockfile versions 2 and 3, `packages` keyed by install path) package by
/// package: an entry that changed (version, resolved URL, integrity, dependencies) is a changed package, followed to
/// the packages that require it. The root entry (`""`, mirroring package.json) and `lockfileVersion` affect no test.
/// A version 1 lockfile (no `packages`) is not read: every test runs.
enum PackageLockClassifier {
    static func packages(_ document: [String: Any]) -> [String: (entry: Any, requires: [String])]? {
        guard let packages = document["packages"] as? [String: Any] else { return nil }
        var found: [String: (entry: Any, requires: [String])] = [:]
        for (path, entry) in packages where !path.isEmpty {
            guard path.contains("node_modules/") else { continue }  // a workspace member: its own package.json counts
            let table = entry as? [String: Any] ?? [:]
            var requires: [String] = []
            for key in ["dependencies", "peerDependencies", "optionalDependencies"] {
                requires += (table[key] as? [String: Any] ?? [:]).keys
            }
            found[path] = (entry, requires)
        }
        return found
    }

    /// The package name an install path holds: `node_modules/a/node_modules/@s/b` → `@s/b`.
    static func name(ofPath path: String) -> String {
        guard let range = path.range(of: "node_modules/", options: .backwards) else { return path }
        return String(path[range.upperBound...])
    }

    static func diff(old: [String: Any], new: [String: Any]) -> (ManifestDiff, [String: Set<String>]) {
        var diff = ManifestDiff()
        guard let before = packages(old), let after = packages(new) else {
            diff.force("it is a version 1 lockfile (no \"packages\"), which gate does not read")
            return (diff, [:])
        }
        for key in PackageJsonClassifier.changedKeys(old, new) where key != "packages" {
            if ["lockfileVersion", "name", "version", "requires"].contains(key) { diff.ignore(key) }
            else { diff.force("\(key) changed, and gate does not know what it affects") }
        }
        let oldPackages = old["packages"] as? [String: Any] ?? [:], newPackages = new["packages"] as? [String: Any] ?? [:]
        if !PackageJsonClassifier.same(oldPackages[""], newPackages[""]) { diff.ignore("the root package's entry") }
        for path in Set(before.keys).union(after.keys).sorted() where !PackageJsonClassifier.same(before[path]?.entry, after[path]?.entry) {
            let version = { (side: [String: (entry: Any, requires: [String])]) in (side[path]?.entry as? [String: Any])?["version"] as? String }
            let change: String
            switch (version(before), version(after)) {
            case (nil, let added?): change = "added \(added)"
            case (let removed?, nil): change = "removed \(removed)"
            case (let from?, let to?) where from != to: change = "\(from) → \(to)"
            default: change = "locked entry changed"
            }
            diff.dependency(name(ofPath: path), changed: change)
        }
        var dependents: [String: Set<String>] = [:]
        for side in [before, after] {
            for (path, package) in side { for required in package.requires { dependents[required, default: []].insert(name(ofPath: path)) } }
        }
        return (diff, dependents)
    }
}
