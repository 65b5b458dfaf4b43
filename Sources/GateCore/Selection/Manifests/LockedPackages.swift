/// The packages a lockfile resolved: normalised name → its entries (a name can be locked more than once, for
/// different markers) and the names each one requires, so a change can be followed to the packages that depend on it.
struct LockedPackages: Sendable {
    var entries: [String: [TOMLValue]] = [:]
    var versions: [String: [String]] = [:]
    /// Name → names it requires.
    var requires: [String: Set<String>] = [:]

    mutating func add(name: String, version: String?, entry: TOMLValue, requires names: [String]) {
        let key = PythonRequirement.normalise(name)
        entries[key, default: []].append(entry)
        if let version { versions[key, default: []].append(version) }
        requires[key, default: []].formUnion(names.map(PythonRequirement.normalise))
    }

    /// Every package whose entries differ, into `diff`, with the versions as the change.
    static func compare(_ old: LockedPackages, _ new: LockedPackages, into diff: inout ManifestDiff) {
        for name in Set(old.entries.keys).union(new.entries.keys).sorted() where old.entries[name] != new.entries[name] {
            let before = old.versions[name]?.joined(separator: ", "), after = new.versions[name]?.joined(separator: ", ")
            switch (before, after) {
            case (nil, let added?) where old.entries[name] == nil: diff.dependency(name, changed: "added \(added)")
            case (let removed?, nil) where new.entries[name] == nil: diff.dependency(name, changed: "removed \(removed)")
            case (let from?, let to?) where from != to: diff.dependency(name, changed: "\(from) → \(to)")
            default: diff.dependency(name, changed: "locked entry changed (source, hashes or requirements)")
            }
        }
    }

    /// Name → the names that require it, over both sides of a change.
    static func dependents(_ sides: [LockedPackages]) -> [String: Set<String>] {
        var found: [String: Set<String>] = [:]
        for side in sides {
            for (name, required) in side.requires { for dependency in required { found[dependency, default: []].insert(name) } }
        }
        return found
    }
}
