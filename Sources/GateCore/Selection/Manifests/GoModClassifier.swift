/// Classifies a change to `go.mod`: `retract` affects no test (it speaks to this module's users); `module`, `go`,
/// `toolchain`, `godebug`, `replace` and `exclude` affect every test; `require` lines are compared by module path.
enum GoModClassifier {
    static func diff(old: GoModFile, new: GoModFile) -> ManifestDiff {
        var diff = ManifestDiff()
        if old.module != new.module { diff.force("the module path changed") }
        for verb in Set(old.settings.keys).union(new.settings.keys).sorted() where old.settings[verb] != new.settings[verb] {
            diff.force("the \(verb) directive changed, which every package is built with")
        }
        if old.replaces != new.replaces { diff.force("a replace directive changed") }
        if old.excludes != new.excludes { diff.force("an exclude directive changed") }
        if old.retracts != new.retracts { diff.ignore("retract") }
        diff.compare(old.requires, new.requires)
        if old.indirect != new.indirect { diff.ignore("// indirect markers") }
        return diff
    }
}
