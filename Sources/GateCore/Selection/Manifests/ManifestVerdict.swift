/// What a change to one manifest or lockfile means for the tests, from its old and new contents
/// (`ManifestChangeClassifier`).
public enum ManifestVerdict: Sendable, Hashable {
    /// Only what no test can see changed (a version, metadata, another tool's section); says what.
    case noTest(String)
    /// These dependencies changed: the tests whose import closure reaches one of them are affected.
    case dependencies([ChangedDependency])
    /// The change can affect every test (the runner's section, the language version, a plugin, an unreadable file).
    case everything(String)
}

/// One third-party package whose declared or resolved version changed.
public struct ChangedDependency: Sendable, Hashable {
    public enum Ecosystem: String, Sendable, Hashable { case python, npm, go, swift }

    public var ecosystem: Ecosystem
    /// The package's normalised name (PyPI: PEP 503; npm: as written; Go: the module path).
    public var name: String
    /// What changed, for `--explain`: `2.31.0 → 2.32.0`, `added`, `requires urllib3, which changed`.
    public var change: String
    /// The names source files import it by (Python top-level modules, npm package names, Go module paths).
    public var importNames: [String]
    /// The import names come from the installed package's own records; otherwise they are a guess from the name,
    /// trusted only when some file imports one of them.
    public var importNamesKnown: Bool

    public init(ecosystem: Ecosystem, name: String, change: String, importNames: [String], importNamesKnown: Bool) {
        self.ecosystem = ecosystem
        self.name = name
        self.change = change
        self.importNames = importNames
        self.importNamesKnown = importNamesKnown
    }
}
