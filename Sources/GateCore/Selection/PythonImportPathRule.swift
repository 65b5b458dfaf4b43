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

    /// Indexes the suffixes of the Python files of `files` that some key of `unresolvedKeys` (or a leading part of one) names; a
    /// stub (`.pyi`) only when no `.py` module of the same name exists (Python never imports a stub that has one).
    init(files: [String: IndexEntry], unresolvedKeys: Set<String>) {
        var wanted = Set<String>()
        var lastComponents = Set<Substring>()
        for key in unresolvedKeys where !key.hasPrefix("/") {
            var name = ""
            for component in key.split(separator: ".") {
                name = name.isEmpty ? String(component) : name + "." + component
                wanted.insert(name)
                lastComponents.insert(component)
            }
        }
        guard !wanted.isEmpty else { return }
        for (path, entry) in files where entry.language == .python {
            // Cheap first test: the module's own name must end one of the wanted names.
            var stem = RepoPath.removingExtension(path)
            if RepoPath.fileName(stem) == "__init__" { stem = RepoPath.directory(stem) }
            guard lastComponents.contains(Substring(RepoPath.fileName(stem))) else { continue }
            if RepoPath.fileExtension(path) == "pyi", files[RepoPath.removingExtension(path) + ".py"] != nil { continue }
            for suffix in Self.suffixes(ofModule: path) where wanted.contains(suffix) {
                modulesBySuffix[suffix, default: []].append(path)
            }
        }
    }

    /// Whether no module can be reached this way.
    var isEmpty: Bool { modulesBySuffix.isEmpty }

    /// `x/sub/cards.py` → `x.sub.cards`, `sub.cards`, `cards`; `x/sub/__init__.py` → `x.sub`, `sub`.
    static func suffixes(ofModule path: String) -> [String] {
        var stem = RepoPath.removingExtension(path)
        if RepoPath.fileName(stem) == "__init__" { stem = RepoPath.directory(stem) }
        guard !stem.isEmpty else { return [] }
        let components = stem.split(separator: "/")
        return components.indices.map { components[$0...].joined(separator: ".") }
    }

    /// The modules an unresolved import key can reach: those named by the key or by a leading part of it
    /// (`a.b.c` runs `a`, `a.b` and `a.b.c`). A leading part for which `isResolved` holds (a name the importer's own
    /// imports resolved to a file: `attr` in the key `attr.define` of `from attr import define`) is left to that
    /// file; `isResolved` is asked only when such a part names a module. Relative keys (`/path`) match nothing here.
    func modules(reachedBy key: String, isResolved: (String) -> Bool) -> [(module: String, name: String)] {
        guard !key.hasPrefix("/"), !modulesBySuffix.isEmpty else { return [] }
        var found: [(module: String, name: String)] = []
        var name = ""
        let components = key.split(separator: ".")
        for (position, component) in components.enumerated() {
            name = position == 0 ? String(component) : name + "." + component
            guard let modules = modulesBySuffix[name] else { continue }
            if position < components.count - 1, isResolved(name) { continue }
            for module in modules { found.append((module, name)) }
        }
        return found
    }

    /// Why `importer` was taken to depend on `module`, for the selection's note and `--explain`.
    static func note(importer: String, name: String, module: String) -> String {
        notePrefix + "\(importer) imports `\(name)`, which no root gate knows resolves; it is taken to be \(module), "
            + "since the suite's PYTHONPATH, pytest's pythonpath or a sys.path change can put its directory on the path"
    }
}
