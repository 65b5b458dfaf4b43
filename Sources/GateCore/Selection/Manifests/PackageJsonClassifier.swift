import Foundation

/// Classifies a change to `package.json` key by key. Metadata (version, description, author, repository, files…) and
/// scripts other than the test and install hooks affect no test; dependency tables are compared by package; `scripts.test`
/// (and `pretest`, `posttest`, install hooks), runner configuration (`jest`, `mocha`, `ava`, `c8`, `nyc`, `babel`),
/// `engines`, the module type, entry points, workspaces, overrides and unknown keys affect every test.
enum PackageJsonClassifier {
    static let metadataKeys: Set<String> = [
        "name", "version", "description", "keywords", "author", "contributors", "maintainers", "license", "homepage",
        "repository", "bugs", "funding", "private", "publishConfig", "files", "sideEffects", "types", "typings",
        "prettier", "eslintConfig", "stylelint", "lint-staged", "husky", "commitlint", "release", "changeset", "volta",
    ]
    static let dependencyTables = ["dependencies", "devDependencies", "peerDependencies", "optionalDependencies"]
    static let runnerScripts: Set<String> = ["test", "pretest", "posttest", "prepare", "preinstall", "install", "postinstall"]

    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    static func read(_ bytes: [UInt8]) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw Unreadable(description: "the top level is not a JSON object")
        }
        return object
    }

    static func diff(old: [String: Any], new: [String: Any]) -> ManifestDiff {
        var diff = ManifestDiff()
        for key in changedKeys(old, new) {
            switch key {
            case _ where metadataKeys.contains(key): diff.ignore(key)
            case _ where dependencyTables.contains(key):
                diff.compare(versions(old[key]), versions(new[key]))
            case "scripts":
                let before = old[key] as? [String: Any] ?? [:], after = new[key] as? [String: Any] ?? [:]
                for script in changedKeys(before, after) {
                    if runnerScripts.contains(script) { diff.force("scripts.\(script) changed, which runs or installs the tests") }
                    else { diff.ignore("scripts.\(script)") }
                }
            case "engines": diff.force("engines changed (the Node version every test runs on)")
            default: diff.force("\(key) changed, which can affect every test")
            }
        }
        return diff
    }

    private static func versions(_ value: Any?) -> [String: String] {
        (value as? [String: Any] ?? [:]).mapValues { "\($0)" }
    }

    static func changedKeys(_ old: [String: Any], _ new: [String: Any]) -> [String] {
        Set(old.keys).union(new.keys).filter { !same(old[$0], new[$0]) }.sorted()
    }

    /// JSON values compared structurally (`NSDictionary`/`NSArray` equality through Foundation).
    static func same(_ a: Any?, _ b: Any?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let a?, let b?): return NSDictionary(dictionary: ["v": a]).isEqual(to: ["v": b])
        default: return false
        }
    }
}
