/// Python imports that match no file under the roots gate knows may still reach a module of the repository: the
/// suite's `PYTHONPATH`, pytest's `pythonpath` option or a `sys.path` change in a conftest.py can put any directory
/// on the import path. So a module counts as reachable by every dotted suffix of its path (`x/sub/cards.py` as
/// `x.sub.cards`, `sub.cards` and `cards`; a package by its directory), and an unresolved import whose name, or a
/// leading part of it, is such a suffix (`cards`, `cards.Deck`, `sub.cards`) depends on that module.
/// This may select more than needed (a same-named module elsewhere); it never misses such a module.
struct PythonImportPathRule {
    static let notePrefix = "import path: "

    /// Dotted suffix → the Python files (`.py`, `.pyi`, package `__init__.py`) it names.
    private var modulesBySuffix: [String: [String]] = [:]

    /// Indexes `pythonFiles`; a stub (`.pyi`) only when no `.py` module of the same name exists (Python never
    /// imports a stub that has one).
    init(pythonFiles: Set<String>) {
        for path in pythonFiles {
            if RepoPath.fileExtension(path) == "pyi", pythonFiles.contains(RepoPath.removingExtension(path) + ".py") { continue }
            for suffix in Self.suffixes(ofModule: path) { modulesBySuffix[suffix, default: []].append(path) }
        }
    }

    /// `x/sub/cards.py` → `x.sub.cards`, `sub.cards`, `cards`; `x/sub/__init__.py` → `x.sub`, `sub`.
    static func suffixes(ofModule path: String) -> [String] {
        var stem = RepoPath.removingExtension(path)
        if RepoPath.fileName(stem) == "__init__" { stem = RepoPath.directory(stem) }
        guard !stem.isEmpty else { return [] }
        let components = stem.split(separator: "/")
        return components.indices.map { components[$0...].joined(separator: ".") }
    }

    /// The modules an unresolved import key can reach: those named by the key or by a leading part of it
    /// (`a.b.c` runs `a`, `a.b` and `a.b.c`). A leading part that is in `resolved` (the dotted suffixes of the files
    /// the importer's imports resolved to, e.g. `attr` in the key `attr.define` of `from attr import define`) is left
    /// to that file.
    /// Relative keys (`/path`) are not dotted names and match nothing here.
    func modules(reachedBy key: String, resolved: Set<String>) -> [(module: String, name: String)] {
        guard !key.hasPrefix("/"), !modulesBySuffix.isEmpty else { return [] }
        var found: [(module: String, name: String)] = []
        var name = ""
        let components = key.split(separator: ".")
        for (position, component) in components.enumerated() {
            name = position == 0 ? String(component) : name + "." + component
            if position < components.count - 1, resolved.contains(name) { continue }
            for module in modulesBySuffix[name] ?? [] { found.append((module, name)) }
        }
        return found
    }

    /// Why `importer` was taken to depend on `module`, for the selection's note and `--explain`.
    static func note(importer: String, name: String, module: String) -> String {
        notePrefix + "\(importer) imports `\(name)`, which no root gate knows resolves; it is taken to be \(module), "
            + "since the suite's PYTHONPATH, pytest's pythonpath or a sys.path change can put its directory on the path"
    }
}
