/// Resolves Python imports against the tracked files.
///
/// Package roots are the repo root, `src/`, and every directory holding a top-level package (a
/// directory with `__init__.py` whose parent has none). A file's own base directory (the nearest
/// ancestor that is not a package, as pytest puts on `sys.path`) is searched first.
/// `a.b` resolves to `a/b.py` or `a/b/__init__.py`, plus the `__init__.py` of every enclosing
/// package (Python runs them). `from a import b` also depends on `a/b.py` when `b` is a submodule.
/// An import that matches no file is kept as a key (dotted name, or `/path` for relative imports) so
/// a deleted module still reaches its importers.
struct PythonModuleResolver {
    let paths: Set<String>
    let packageDirectories: Set<String>
    let roots: [String]

    init(paths: Set<String>) {
        self.paths = paths
        var packages = Set<String>()
        for path in paths where RepoPath.hasFileName(path, "__init__.py") {
            packages.insert(RepoPath.directory(path))
        }
        packageDirectories = packages
        var extraRoots = Set<String>()
        for package in packages {
            let parent = RepoPath.directory(package)
            if !packages.contains(parent), parent != "", parent != "src" { extraRoots.insert(parent) }
        }
        roots = ["", "src"] + extraRoots.sorted()
    }

    /// The nearest ancestor directory of `path` that is not a package.
    func baseDirectory(of path: String) -> String {
        var directory = RepoPath.directory(path)
        while !directory.isEmpty, packageDirectories.contains(directory) {
            directory = RepoPath.directory(directory)
        }
        return directory
    }

    /// Edges (existing files) and unresolved keys for the imports of `importer`.
    func resolve(_ imports: [ImportStatement], importer: String) -> (edges: [String], unresolved: [String]) {
        var edges: [String] = []
        var unresolved: [String] = []
        let searchRoots = [baseDirectory(of: importer)] + roots
        for statement in imports {
            if statement.level > 0 {
                resolveRelative(statement, importer: importer, edges: &edges, unresolved: &unresolved)
                continue
            }
            let components = statement.module.split(separator: ".").map(String.init)
            guard let found = findAbsolute(components, roots: searchRoots, edges: &edges) else {
                unresolved.append(statement.module)
                for name in statement.names where name != "*" {
                    unresolved.append(statement.module + "." + name)
                }
                continue
            }
            guard found.isPackage else { continue }
            for name in statement.names where name != "*" {
                if findAbsolute(components + [name], roots: [found.root], edges: &edges) == nil {
                    unresolved.append(statement.module + "." + name)
                }
            }
        }
        return (edges, unresolved)
    }

    /// Every `conftest.py` in the directories from the root down to `testPath`'s directory.
    func conftests(governing testPath: String) -> [String] {
        ([""] + RepoPath.ancestors(testPath)).compactMap { directory in
            let candidate = RepoPath.join(directory, "conftest.py")
            return candidate != testPath && paths.contains(candidate) ? candidate : nil
        }
    }

    /// Keys under which importers of `path` (a `.py` file, possibly deleted) record it when it is missing: its
    /// `/path` key, its dotted name under each root, and every dotted suffix of its path.
    func moduleKeys(ofPath path: String) -> [String] {
        var stem = RepoPath.removingExtension(path)
        if RepoPath.fileName(stem) == "__init__" { stem = RepoPath.directory(stem) }
        var keys = ["/" + stem]
        for root in Set([baseDirectory(of: path)] + roots) where root != stem && RepoPath.isInside(stem, directory: root) {
            keys.append(RepoPath.relative(stem, to: root).replacingSlashesWithDots())
        }
        // Any directory can be on the import path (`PythonImportPathRule`): every dotted suffix names it too.
        for suffix in PythonImportPathRule.suffixes(ofModule: path) where !keys.contains(suffix) { keys.append(suffix) }
        return keys
    }

    /// Whether an unresolved key names the module of `key` or something inside it.
    static func key(_ unresolved: String, matches key: String) -> Bool {
        guard unresolved.hasPrefix(key) else { return false }
        if unresolved.utf8.count == key.utf8.count { return true }
        let separator = key.hasPrefix("/") ? UInt8(ascii: "/") : UInt8(ascii: ".")
        return unresolved.utf8.dropFirst(key.utf8.count).first == separator
    }

    /// The module file (or package `__init__.py`) for a path without extension, if tracked.
    private func moduleFile(_ base: String) -> (path: String, isPackage: Bool)? {
        if paths.contains(base + ".py") { return (base + ".py", false) }
        if paths.contains(base + "/__init__.py") { return (base + "/__init__.py", true) }
        if paths.contains(base + ".pyi") { return (base + ".pyi", false) }
        return nil
    }

    /// Finds a dotted module under the first root that has it, appending it and its package chain to `edges`.
    private func findAbsolute(
        _ components: [String], roots: [String], edges: inout [String]
    ) -> (root: String, isPackage: Bool)? {
        guard !components.isEmpty else { return nil }
        let relative = components.joined(separator: "/")
        for root in roots {
            guard let module = moduleFile(RepoPath.join(root, relative)) else { continue }
            edges.append(module.path)
            appendPackageChain(from: root, components: components.dropLast(), edges: &edges)
            return (root, module.isPackage)
        }
        return nil
    }

    /// Appends the `__init__.py` of each package `root/c1`, `root/c1/c2`, … that is tracked.
    private func appendPackageChain(from root: String, components: ArraySlice<String>, edges: inout [String]) {
        var directory = root
        for component in components {
            directory = RepoPath.join(directory, component)
            let initFile = directory + "/__init__.py"
            if paths.contains(initFile) { edges.append(initFile) }
        }
    }

    private func resolveRelative(
        _ statement: ImportStatement, importer: String, edges: inout [String], unresolved: inout [String]
    ) {
        var base = RepoPath.directory(importer)
        for _ in 1..<statement.level {
            guard !base.isEmpty else { return }
            base = RepoPath.directory(base)
        }
        let components = statement.module.split(separator: ".").map(String.init)
        let moduleBase = RepoPath.join(base, components.joined(separator: "/"))
        var isPackage = true
        if components.isEmpty {
            let initFile = RepoPath.join(base, "__init__.py")
            if paths.contains(initFile) { edges.append(initFile) }
        } else if let module = moduleFile(moduleBase) {
            edges.append(module.path)
            appendPackageChain(from: base, components: components.dropLast(), edges: &edges)
            isPackage = module.isPackage
        } else {
            unresolved.append("/" + moduleBase)
            appendPackageChain(from: base, components: components.dropLast(), edges: &edges)
        }
        guard isPackage else { return }
        for name in statement.names where name != "*" {
            let candidate = RepoPath.join(moduleBase, name)
            if let module = moduleFile(candidate) {
                edges.append(module.path)
            } else {
                unresolved.append("/" + candidate)
            }
        }
    }
}

extension String {
    /// `a/b/c` → `a.b.c`.
    fileprivate func replacingSlashesWithDots() -> String {
        String(decoding: utf8.map { $0 == UInt8(ascii: "/") ? UInt8(ascii: ".") : $0 }, as: UTF8.self)
    }
}
