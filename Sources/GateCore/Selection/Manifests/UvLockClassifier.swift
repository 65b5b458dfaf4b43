/// Classifies a change to `uv.lock` package by package (`[[package]]`; `dependencies`, `optional-dependencies` and
/// `dev-dependencies` give the graph). The project's own entries (an `editable` or `virtual` source) are left to
/// `pyproject.toml`; `requires-python`, resolution markers and `[options]` affect every test; `version`, `revision`
/// and `[manifest]` (the requirements, already reflected in the resolved packages) affect none.
enum UvLockClassifier {
    static func packages(_ document: TOMLValue) -> LockedPackages? {
        var locked = LockedPackages()
        for entry in document["package"]?.array ?? [] {
            guard let table = entry.table, let name = table["name"]?.string else { return nil }
            if let source = table["source"]?.table, source["editable"] != nil || source["virtual"] != nil { continue }
            var requires: [String] = []
            var lists: [TOMLValue] = table["dependencies"].map { [$0] } ?? []
            lists += Array((table["optional-dependencies"]?.table ?? [:]).values)
            lists += Array((table["dev-dependencies"]?.table ?? [:]).values)
            for list in lists {
                for item in list.array ?? [] { if let name = item["name"]?.string { requires.append(name) } }
            }
            locked.add(name: name, version: table["version"]?.string, entry: entry, requires: requires)
        }
        return locked
    }

    static func diff(old: TOMLValue, new: TOMLValue) -> (ManifestDiff, [String: Set<String>]) {
        var diff = ManifestDiff()
        guard let before = packages(old), let after = packages(new) else {
            diff.force("a [[package]] entry has no name")
            return (diff, [:])
        }
        for key in ManifestDiff.changedKeys(old.table ?? [:], new.table ?? [:]) where key != "package" {
            switch key {
            case "version", "revision", "manifest": diff.ignore(key)
            case "requires-python": diff.force("requires-python changed (the Python version every test runs on)")
            default: diff.force("\(key) changed, which changes the resolution for every test")
            }
        }
        LockedPackages.compare(before, after, into: &diff)
        return (diff, LockedPackages.dependents([before, after]))
    }
}
