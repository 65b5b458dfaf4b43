/// The `always` and `ignore` globs of `.gate.yml`: a changed file matching `ignore` affects nothing
/// (checked first); one matching `always` selects every test.
public struct SelectionRules: Sendable, Hashable {
    public let always: [GlobPattern]
    public let ignore: [GlobPattern]
    /// Changed manifest or lockfile path → what its change means (`ManifestChangeClassifier`); a manifest not listed
    /// affects every test (`GlobalFileRule`).
    public var manifests: [String: ManifestVerdict] = [:]

    public init(always: [String] = [], ignore: [String] = []) {
        self.always = always.map(GlobPattern.init)
        self.ignore = ignore.map(GlobPattern.init)
    }

    /// The first `always` glob that matches `path`.
    public func alwaysPattern(matching path: String) -> GlobPattern? {
        always.first { $0.matches(path) }
    }

    /// The first `ignore` glob that matches `path`.
    public func ignorePattern(matching path: String) -> GlobPattern? {
        ignore.first { $0.matches(path) }
    }
}
