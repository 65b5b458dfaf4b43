/// Classifies a change to `poetry.lock` package by package (`[[package]]`, with `[package.dependencies]` giving the
/// dependency graph). `metadata.python-versions` affects every test; `content-hash` and `lock-version` affect none;
/// the old format's `[metadata.files]` hashes count for their package.
enum PoetryLockClassifier {
    static func packages(_ document: TOMLValue) -> LockedPackages? {
        var locked = LockedPackages()
        for entry in document["package"]?.array ?? [] {
            guard let table = entry.table, let name = table["name"]?.string else { return nil }
            let requires = Array((table["dependencies"]?.table ?? [:]).keys)
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
            guard key == "metadata" else { diff.force("[\(key)] changed, and gate does not know what it affects"); continue }
            let oldMeta = old["metadata"]?.table ?? [:], newMeta = new["metadata"]?.table ?? [:]
            for field in ManifestDiff.changedKeys(oldMeta, newMeta) {
                switch field {
                case "content-hash", "lock-version": diff.ignore("metadata.\(field)")
                case "python-versions": diff.force("metadata.python-versions changed (the Python version every test runs on)")
                case "files":
                    let oldFiles = oldMeta["files"]?.table ?? [:], newFiles = newMeta["files"]?.table ?? [:]
                    for name in ManifestDiff.changedKeys(oldFiles, newFiles) {
                        diff.dependency(PythonRequirement.normalise(name), changed: "locked files changed")
                    }
                default: diff.force("metadata.\(field) changed, and gate does not know what it affects")
                }
            }
        }
        LockedPackages.compare(before, after, into: &diff)
        return (diff, LockedPackages.dependents([before, after]))
    }
}
