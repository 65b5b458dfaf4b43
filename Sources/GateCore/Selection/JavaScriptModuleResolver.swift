/// Resolves JavaScript/TypeScript module specifiers against the tracked files.
///
/// Relative specifiers (`./x`, `../x`) and `tsconfig.json` aliases (`paths`, and bare names under
/// `baseUrl`, from the nearest tsconfig above the importer) are tried as written, then with a `.js`
/// family extension swapped for its TypeScript twin, then with `.ts .tsx .js .jsx .mjs .cjs .mts .cts
/// .json` appended, then as a directory's `index.*`. Bare package specifiers (node_modules) give no
/// edge; they are kept as `npm:<package>` keys (`packageKey`). A relative or aliased specifier that matches no file is kept as a `/path` key without
/// extension, so deleting the module still reaches its importers.
struct JavaScriptModuleResolver {
    static let extensions = ["ts", "tsx", "js", "jsx", "mjs", "cjs", "mts", "cts"]
    private static let appended = [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".json"]
    private static let typeScriptTwins: [String: [String]] = [
        "js": ["ts", "tsx"], "jsx": ["tsx"], "mjs": ["mts"], "cjs": ["cts"],
    ]

    let paths: Set<String>
    /// tsconfig mappings, deepest directory first.
    let configs: [TSConfigPathMapping]

    init(paths: Set<String>, configs: [TSConfigPathMapping]) {
        self.paths = paths
        self.configs = configs.sorted { $0.directory.utf8.count > $1.directory.utf8.count }
    }

    func resolve(_ imports: [ImportStatement], importer: String) -> (edges: [String], unresolved: [String]) {
        var edges: [String] = []
        var unresolved: [String] = []
        let config = configs.first { RepoPath.isInside(importer, directory: $0.directory) }
        for statement in imports {
            let specifier = statement.module
            var bases: [String] = []
            var isLocal = false
            if specifier == "." || specifier == ".." || specifier.hasPrefix("./") || specifier.hasPrefix("../") {
                isLocal = true
                if let base = RepoPath.normalize(RepoPath.join(RepoPath.directory(importer), specifier)) {
                    bases = [base]
                }
            } else if let config {
                bases = config.candidates(for: specifier)
                isLocal = !bases.isEmpty
                if bases.isEmpty, config.hasBaseURL,
                    let base = RepoPath.normalize(RepoPath.join(config.baseDirectory, specifier))
                {
                    bases = [base]
                }
            }
            if let found = bases.lazy.compactMap(file(for:)).first {
                edges.append(found)
            } else if isLocal, let first = bases.first {
                unresolved.append("/" + JavaScriptModuleResolver.strippingScriptExtension(first))
            } else if !isLocal, let package = JavaScriptModuleResolver.packageKey(specifier) {
                unresolved.append(package)
            }
        }
        return (edges, unresolved)
    }

    /// The tracked file a resolved base path names, trying extensions and `index.*`.
    func file(for base: String) -> String? {
        if paths.contains(base) { return base }
        let written = RepoPath.fileExtension(base)
        if let twins = JavaScriptModuleResolver.typeScriptTwins[written] {
            let stem = RepoPath.removingExtension(base)
            for twin in twins where paths.contains(stem + "." + twin) { return stem + "." + twin }
        }
        for suffix in JavaScriptModuleResolver.appended where paths.contains(base + suffix) { return base + suffix }
        for suffix in JavaScriptModuleResolver.appended where paths.contains(RepoPath.join(base, "index" + suffix)) {
            return RepoPath.join(base, "index" + suffix)
        }
        return nil
    }

    /// `npm:<package>` for a bare specifier (`lodash/fp` → `npm:lodash`, `@scope/x/y` → `npm:@scope/x`), so a
    /// changed dependency reaches its importers (`DependencyImportRule`); nil for `node:` built-ins and URLs.
    static func packageKey(_ specifier: String) -> String? {
        guard !specifier.isEmpty, !specifier.hasPrefix("node:"), !specifier.contains("://"), !specifier.hasPrefix("/") else { return nil }
        let parts = specifier.split(separator: "/", omittingEmptySubsequences: false)
        let name = specifier.hasPrefix("@") ? parts.prefix(2).joined(separator: "/") : String(parts[0])
        return "npm:" + name
    }

    /// Keys under which importers of `path` (a script file, possibly deleted) record it when it is missing.
    static func moduleKeys(ofPath path: String) -> [String] {
        let stem = strippingScriptExtension(path)
        var keys = ["/" + stem]
        if RepoPath.fileName(stem) == "index" { keys.append("/" + RepoPath.directory(stem)) }
        return keys
    }

    static func strippingScriptExtension(_ path: String) -> String {
        extensions.contains(RepoPath.fileExtension(path)) ? RepoPath.removingExtension(path) : path
    }
}
