/// The reverse view of a `DependencyIndex` that selection walks: who depends on each node, which nodes
/// are test units, which files are unparseable, and who imported each unresolved module key.
///
/// Nodes are repo paths, Go package directories and `swift-target:<Name>`. A file's edges make the file
/// depend on each edge target; an owner (Go package, Swift target) depends on each of its files; a Swift
/// target depends on the targets (and plugins) it lists; a Swift test file depends on the executables and plugins
/// it names in string literals.
struct DependencyGraph {
    private(set) var dependents: [String: [String]] = [:]
    private(set) var testUnits: [String: TestUnit] = [:]
    private(set) var unparseableFiles: [SourceLanguage: [String]] = [:]
    private(set) var unresolvedImporters: [String: [String]] = [:]
    /// `module + "\0" + importer` → the unresolved name by which `PythonImportPathRule` made the importer depend
    /// on the module.
    private(set) var importPathNames: [String: String] = [:]
    /// Executable and plugin targets by node (see `RunnableTargetRule`).
    private(set) var runnableTargets: [String: SwiftTarget] = [:]
    let swiftTargets: SwiftTargetLocator

    init(index: DependencyIndex) {
        swiftTargets = SwiftTargetLocator(targets: index.swiftTargets)
        for path in index.files.keys.sorted() {
            let entry = index.files[path]!
            for edge in entry.edges { dependents[edge, default: []].append(path) }
            for key in entry.unresolved { unresolvedImporters[key, default: []].append(path) }
            if let owner = entry.owner {
                // A Go test file belongs to its package's tests, not to the package that others import.
                let goTest = entry.language == .go && entry.isTest
                dependents[path, default: []].append(goTest ? GoPackageResolver.testNode(owner) : owner)
            }
            if entry.unparseable, entry.language.isScanned { unparseableFiles[entry.language, default: []].append(path) }
            guard entry.isTest else { continue }
            switch entry.language {
            case .python:
                testUnits[path] = TestUnit(node: path, runner: .pytest, location: path)
            case .javascript:
                testUnits[path] = TestUnit(node: path, runner: .node, location: path)
            case .go:
                let package = GoPackageResolver.packageNode(of: path)
                let node = GoPackageResolver.testNode(package)
                if testUnits[node] == nil { dependents[package, default: []].append(node) }
                testUnits[node] = TestUnit(node: node, runner: .go, location: package == "." ? "" : package)
            case .swift, .other:
                break
            }
        }
        addImportPathDependents(index)
        for target in index.swiftTargets {
            for dependency in target.dependencies {
                dependents[SwiftTarget.node(dependency), default: []].append(target.node)
            }
            if target.kind.isRunnable { runnableTargets[target.node] = target }
            if target.kind == .test {
                testUnits[target.node] = TestUnit(
                    node: target.node, runner: .swift, location: target.path, targetName: target.name)
            }
        }
    }

    /// The unresolved Python name by which `importer` depends on `module`, when only `PythonImportPathRule` links them.
    func importPathName(module: String, importer: String) -> String? {
        importPathNames[module + "\u{0}" + importer]
    }

    /// Adds the dependents `PythonImportPathRule` finds: Python files whose unresolved imports name a module by a
    /// dotted suffix of its path.
    private mutating func addImportPathDependents(_ index: DependencyIndex) {
        var importers: [(path: String, entry: IndexEntry)] = []
        var keys = Set<String>()
        for (path, entry) in index.files where entry.language == .python && !entry.unresolved.isEmpty {
            importers.append((path, entry))
            keys.formUnion(entry.unresolved)
        }
        let rule = PythonImportPathRule(files: index.files, unresolvedKeys: keys)
        guard !rule.isEmpty else { return }
        var found: [(importer: String, module: String, name: String)] = []
        for (path, entry) in importers {
            var resolved: Set<String>?
            let isResolved = { (name: String) -> Bool in
                if resolved == nil { resolved = Set(entry.edges.flatMap(PythonImportPathRule.suffixes(ofModule:))) }
                return resolved!.contains(name)
            }
            for key in entry.unresolved {
                for (module, name) in rule.modules(reachedBy: key, isResolved: isResolved) where module != path {
                    found.append((path, module, name))
                }
            }
        }
        // In path order, so the walk (and the chains it reports) does not depend on dictionary order.
        for (importer, module, name) in found.sorted(by: { ($0.importer, $0.module) < ($1.importer, $1.module) }) {
            let pair = module + "\u{0}" + importer
            guard importPathNames[pair] == nil else { continue }
            importPathNames[pair] = name
            dependents[module, default: []].append(importer)
        }
    }

    /// Test units whose location lies inside `directory`.
    func testUnits(inside directory: String) -> [TestUnit] {
        testUnits.values.filter { RepoPath.isInside($0.location, directory: directory) }.sorted { $0.node < $1.node }
    }
}
