/// Classifies a change to `[tool.poetry]`: metadata affects no test; `dependencies`, `dev-dependencies` and
/// `group.<name>.dependencies` are compared by package; `python` (the Python version) and everything else (packages,
/// includes, scripts, plugins, sources, a group becoming optional) affect every test.
enum PoetrySectionClassifier {
    static func diff(_ old: [String: TOMLValue], _ new: [String: TOMLValue], into diff: inout ManifestDiff) {
        for key in ManifestDiff.changedKeys(old, new) {
            switch key {
            case "name": diff.force("tool.poetry.name changed, which changes the installed package")
            case _ where PyprojectClassifier.metadataKeys.contains(key): diff.ignore("tool.poetry.\(key)")
            case "dependencies", "dev-dependencies":
                compare(old[key]?.table ?? [:], new[key]?.table ?? [:], where: "tool.poetry.\(key)", into: &diff)
            case "group":
                let oldGroups = old[key]?.table ?? [:], newGroups = new[key]?.table ?? [:]
                for group in ManifestDiff.changedKeys(oldGroups, newGroups) {
                    let before = oldGroups[group]?.table ?? [:], after = newGroups[group]?.table ?? [:]
                    for part in ManifestDiff.changedKeys(before, after) {
                        guard part == "dependencies" else {
                            diff.force("tool.poetry.group.\(group).\(part) changed, which changes what is installed")
                            continue
                        }
                        compare(before[part]?.table ?? [:], after[part]?.table ?? [:],
                                where: "tool.poetry.group.\(group).dependencies", into: &diff)
                    }
                }
            default: diff.force("tool.poetry.\(key) changed, which can change the installed package")
            }
        }
    }

    /// Poetry dependency tables: name → `"^2.31"`, `{version = …, extras = […]}` or a list of those.
    private static func compare(
        _ old: [String: TOMLValue], _ new: [String: TOMLValue], where location: String, into diff: inout ManifestDiff
    ) {
        for key in ManifestDiff.changedKeys(old, new) {
            if key.lowercased() == "python" {
                diff.force("\(location).python changed (the Python version every test runs on)")
                continue
            }
            let name = PythonRequirement.normalise(key)
            switch (old[key], new[key]) {
            case (nil, let added?): diff.dependency(name, changed: "added \(describe(added))")
            case (let removed?, nil): diff.dependency(name, changed: "removed \(describe(removed))")
            case (let before?, let after?): diff.dependency(name, changed: "\(describe(before)) → \(describe(after))")
            default: break
            }
        }
    }

    private static func describe(_ value: TOMLValue) -> String {
        if let text = value.string { return text }
        if let version = value.table?["version"]?.string { return version }
        return "(changed)"
    }
}
