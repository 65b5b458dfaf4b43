/// Turns a file's raw scan into its index entry against the current file set; resolvers are made on first use.
struct ResolutionContext {
    let files: [TrackedFile]
    let source: any BlobSource
    let swiftTargets: SwiftTargetLocator
    /// Names a test can run by, executable and plugin targets' and their products', → the target's node.
    private let runnableNames: [String: String]
    private var python: PythonModuleResolver?
    private var javaScript: JavaScriptModuleResolver?
    private var go: GoPackageResolver?

    private var knownPaths: Set<String>?

    /// Directory → `python_files` of the pytest configuration there (see `PytestConfiguration.isTestModule`).
    private let pytestPythonFiles: [String: [String]]

    init(files: [TrackedFile], source: any BlobSource, targets: [SwiftTarget], pytestPythonFiles: [String: [String]] = [:]) {
        self.files = files
        self.pytestPythonFiles = pytestPythonFiles
        self.source = source
        self.swiftTargets = SwiftTargetLocator(targets: targets)
        var runnable: [String: String] = [:]
        for target in targets where target.kind.isRunnable {
            for name in [target.name] + target.products where runnable[name] == nil { runnable[name] = target.node }
        }
        runnableNames = runnable
    }

    /// Every tracked path, collected on first use.
    private mutating func paths() -> Set<String> {
        if let knownPaths { return knownPaths }
        let made = Set(files.map(\.path))
        knownPaths = made
        return made
    }

    /// The Python package roots of the current file set.
    var pythonRoots: [String] {
        mutating get { pythonResolver().roots }
    }

    mutating func entry(for file: TrackedFile, language: SourceLanguage, scan: SourceScan?) throws -> IndexEntry {
        var entry = IndexEntry(blobID: file.blobID, language: language, unparseable: scan?.unparseable ?? false)
        let imports = scan?.imports ?? []
        switch language {
        case .python:
            let resolver = pythonResolver()
            (entry.edges, entry.unresolved) = resolver.resolve(imports, importer: file.path)
            entry.isTest = PytestConfiguration.isTestModule(file.path, pythonFiles: pytestPythonFiles)
            if entry.isTest { entry.edges += resolver.conftests(governing: file.path) }
            entry.launchesProcesses = entry.isTest && scan?.launchesProcesses == true
            entry.readsSignatures = scan?.readsSignatures == true
        case .javascript:
            (entry.edges, entry.unresolved) = try javaScriptResolver().resolve(imports, importer: file.path)
            entry.isTest = TestFileConvention.isJavaScriptTest(file.path)
        case .go:
            entry.edges = try goResolver().resolve(imports)
            entry.unresolved = try goResolver().externalKeys(imports)
            entry.owner = GoPackageResolver.packageNode(of: file.path)
            entry.isTest = TestFileConvention.isGoTest(file.path)
        case .swift:
            let owner = swiftTargets.owner(of: file.path)
            entry.owner = owner?.node
            entry.isTest = owner?.kind == .test
            entry.launchesProcesses = entry.isTest && scan?.launchesProcesses == true
            // A test file that names an executable or plugin in a string literal may run it: it depends on it.
            if entry.isTest, let names = scan?.names, !runnableNames.isEmpty {
                entry.edges = names.compactMap { runnableNames[$0] }
            }
        case .other:
            entry.owner = swiftTargets.owner(of: file.path)?.node
        }
        entry.edges = ResolutionContext.deduplicated(entry.edges, excluding: file.path)
        entry.unresolved = ResolutionContext.deduplicated(entry.unresolved, excluding: "")
        return entry
    }

    private mutating func pythonResolver() -> PythonModuleResolver {
        if let python { return python }
        let made = PythonModuleResolver(paths: paths())
        python = made
        return made
    }

    private mutating func javaScriptResolver() throws -> JavaScriptModuleResolver {
        if let javaScript { return javaScript }
        var configs: [TSConfigPathMapping] = []
        for file in files where RepoPath.hasFileName(file.path, "tsconfig.json") || RepoPath.hasFileName(file.path, "jsconfig.json") {
            if let config = TSConfigPathMapping(path: file.path, contents: try source.contents(ofBlob: file.blobID)) {
                configs.append(config)
            }
        }
        var manifests: [String: String] = [:]
        for file in files where RepoPath.hasFileName(file.path, "package.json") || file.path == "pnpm-workspace.yaml" {
            manifests[file.path] = file.blobID
        }
        let source = self.source
        let workspace = JavaScriptWorkspace(paths: Array(manifests.keys).sorted()) { path in
            manifests[path].flatMap { try? source.contents(ofBlob: $0) }
        }
        let made = JavaScriptModuleResolver(paths: paths(), configs: configs, workspace: workspace)
        javaScript = made
        return made
    }

    private mutating func goResolver() throws -> GoPackageResolver {
        if let go { return go }
        var modules: [(path: String, contents: [UInt8])] = []
        for file in files where RepoPath.hasFileName(file.path, "go.mod") {
            modules.append((file.path, try source.contents(ofBlob: file.blobID)))
        }
        let made = GoPackageResolver(goModFiles: modules)
        go = made
        return made
    }

    /// Drops duplicates (keeping first occurrences) and `excluded`.
    private static func deduplicated(_ values: [String], excluding excluded: String) -> [String] {
        guard values.count > 1 || values.first == excluded else { return values }
        var seen = Set<String>()
        return values.filter { $0 != excluded && seen.insert($0).inserted }
    }
}
