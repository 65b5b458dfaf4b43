/// Resolves Go import paths to package directories using the `module` lines of the tracked go.mod files.
///
/// An import `example.com/m/pkg/a` of module `example.com/m` (go.mod in directory `d`) is the package
/// directory `d/pkg/a`; imports outside every module give no edge. A package is a directory, named
/// by its repo path (`.` for the root); files under `testdata/` belong to the package that owns it.
struct GoPackageResolver {
    struct Module: Sendable {
        var path: String
        var directory: String
    }

    /// Modules, longest module path first.
    let modules: [Module]

    init(goModFiles: [(path: String, contents: [UInt8])]) {
        modules = goModFiles.compactMap { file in
            GoPackageResolver.modulePath(file.contents).map { Module(path: $0, directory: RepoPath.directory(file.path)) }
        }.sorted { $0.path.utf8.count > $1.path.utf8.count }
    }

    func resolve(_ imports: [ImportStatement]) -> [String] {
        imports.compactMap { statement in
            for module in modules {
                let importPath = statement.module
                if importPath == module.path {
                    return GoPackageResolver.node(module.directory)
                }
                if importPath.hasPrefix(module.path + "/") {
                    let rest = String(importPath.utf8.dropFirst(module.path.utf8.count + 1))!
                    return GoPackageResolver.node(RepoPath.join(module.directory, rest))
                }
            }
            return nil
        }
    }

    /// `go:<import path>` for each import outside every module of the repository that names a host (`github.com/…`;
    /// the standard library has no dot in its first element), so a changed module reaches its importers.
    func externalKeys(_ imports: [ImportStatement]) -> [String] {
        imports.compactMap { statement in
            let path = statement.module
            guard path.split(separator: "/").first?.contains(".") == true else { return nil }
            let inside = modules.contains { path == $0.path || path.hasPrefix($0.path + "/") }
            return inside ? nil : "go:" + path
        }
    }

    /// The graph node of a package directory (`.` for the root).
    static func node(_ directory: String) -> String {
        directory.isEmpty ? "." : directory
    }

    private static let testNodePrefix = "go-test:"

    /// The graph node of a package's tests (its test binary): the package and its `_test.go` files lead to it.
    /// What a `_test.go` file imports (`package foo_test` importing another package) is a dependency of these
    /// tests only, never of the package as other packages import it.
    static func testNode(_ package: String) -> String {
        testNodePrefix + package
    }

    /// `chain` as `--explain` shows it: a package's test node reads as the package, once.
    static func displayChain(_ chain: [String]) -> [String] {
        var shown: [String] = []
        for node in chain {
            let name = node.hasPrefix(testNodePrefix) ? String(node.dropFirst(testNodePrefix.count)) : node
            if shown.last != name { shown.append(name) }
        }
        return shown
    }

    /// The package directory node a file belongs to; files under `testdata/` belong to its parent.
    static func packageNode(of path: String) -> String {
        var directory = RepoPath.directory(path)
        let ancestors = RepoPath.ancestors(path)
        if let testdata = ancestors.firstIndex(where: { RepoPath.fileName($0) == "testdata" }) {
            directory = RepoPath.directory(ancestors[testdata])
        }
        return node(directory)
    }

    /// Whether `path` lies under a `testdata/` directory.
    static func isTestData(_ path: String) -> Bool {
        RepoPath.ancestors(path).contains { RepoPath.fileName($0) == "testdata" }
    }

    /// The module path of a go.mod: the `module` directive, quoted or not, comments ignored.
    static func modulePath(_ contents: [UInt8]) -> String? {
        let text = String(decoding: contents, as: UTF8.self)
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var code = Substring(line)
            if let comment = code.range(of: "//") { code = code[..<comment.lowerBound] }
            let words = code.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard words.count >= 2, words[0] == "module" else { continue }
            var path = words[1]
            if path.hasPrefix("\"") || path.hasPrefix("`") { path = path.dropFirst().dropLast() }
            return String(path)
        }
        return nil
    }
}
