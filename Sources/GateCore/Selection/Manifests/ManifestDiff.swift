/// What a manifest parser found while comparing the old and new contents of one file: the first change that affects
/// every test, the harmless changes, and the dependencies whose requirement changed (normalised name → what changed).
struct ManifestDiff: Sendable {
    private(set) var forcing: String?
    private(set) var harmless: [String] = []
    private(set) var dependencies: [String: String] = [:]

    /// A change that affects every test; the first one is the reason.
    mutating func force(_ reason: String) {
        if forcing == nil { forcing = reason }
    }

    /// A change no test can see (`project.version`, `[tool.black]`).
    mutating func ignore(_ what: String) { harmless.append(what) }

    mutating func dependency(_ name: String, changed: String) {
        if dependencies[name] == nil { dependencies[name] = changed }
    }

    /// Compares two requirement lists (PEP 508 strings) by distribution name; `where` names the list for a reason.
    mutating func compareRequirements(_ old: TOMLValue?, _ new: TOMLValue?, where location: String) {
        guard let oldList = Self.requirements(old), let newList = Self.requirements(new) else {
            force("\(location) holds something other than requirement strings")
            return
        }
        compare(oldList, newList)
    }

    /// Compares name → description maps: every name added, removed or described differently is a changed dependency.
    mutating func compare(_ old: [String: String], _ new: [String: String]) {
        for name in Set(old.keys).union(new.keys).sorted() where old[name] != new[name] {
            switch (old[name], new[name]) {
            case (nil, let added?): dependency(name, changed: "added \(added)")
            case (let removed?, nil): dependency(name, changed: "removed \(removed)")
            case (let before?, let after?): dependency(name, changed: "\(before) → \(after)")
            default: break
            }
        }
    }

    /// Name → requirement text of a TOML array of PEP 508 strings (absent = empty); nil when an element is not one.
    static func requirements(_ value: TOMLValue?) -> [String: String]? {
        guard let value else { return [:] }
        guard let list = value.array else { return nil }
        var found: [String: String] = [:]
        for element in list {
            guard let text = element.string, let requirement = PythonRequirement(text) else { return nil }
            let described = requirement.rest.isEmpty ? "(any version)" : requirement.rest
            found[requirement.name] = found[requirement.name].map { $0 + ", " + described } ?? described
        }
        return found
    }

    /// The keys of two tables whose values differ, sorted.
    static func changedKeys(_ old: [String: TOMLValue], _ new: [String: TOMLValue]) -> [String] {
        Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
    }
}
