/// Classifies a change to SwiftPM's `Package.resolved` (versions 1–3) pin by pin. When the pins are the same
/// (`originHash`, the file's version or formatting changed) no test is affected. A changed pin still affects every
/// test: the index does not record which test targets use another package's products, nor which pinned packages
/// require which.
enum PackageResolvedClassifier {
    static func diff(old: [String: Any], new: [String: Any]) -> ManifestDiff {
        var diff = ManifestDiff()
        let before = pins(old), after = pins(new)
        guard let before, let after else {
            diff.force("it holds no pins gate can read")
            return diff
        }
        for identity in Set(before.keys).union(after.keys).sorted() where !PackageJsonClassifier.same(before[identity], after[identity]) {
            diff.force("the pin of \(identity) changed, and gate does not know which test targets use that package")
            return diff
        }
        for key in PackageJsonClassifier.changedKeys(old, new) where key != "pins" && key != "object" { diff.ignore(key) }
        return diff
    }

    /// Identity (or v1 package name) → pin, from `pins` (v2, v3) or `object.pins` (v1).
    private static func pins(_ document: [String: Any]) -> [String: Any]? {
        guard let list = (document["pins"] ?? (document["object"] as? [String: Any])?["pins"]) as? [[String: Any]] else { return nil }
        var found: [String: Any] = [:]
        for pin in list {
            guard let identity = (pin["identity"] ?? pin["package"]) as? String else { return nil }
            found[identity.lowercased()] = pin
        }
        return found
    }
}
