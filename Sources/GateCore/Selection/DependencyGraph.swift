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
    /// Executable and plugin targets by node (see `RunnableTargetRule`).
    private(set) var runnableTargets: [String: SwiftTarget] = [:]
    let swiftTargets: SwiftTargetLocator

    init(index: DependencyIndex) {
        swiftTargets = SwiftTargetLocator(targets: index.swiftTargets)
        for path in index.files.keys.sorted() {
            let entry = index.files[path]!
            for edge in entry.edges { dependents[edge, default: []].append(path) }
            for key in entry.unresolved { unresolvedImporters[key, default: []].append(path) }
            if let owner = entry.owner { dependents[path, default: []].append(owner) }
            if entry.unparseable, entry.language.isScanned { unparseableFiles[entry.language, default: []].append(path) }
            guard entry.isTest else { continue }
            switch entry.language {
            case .python:
                testUnits[path] = TestUnit(node: path, runner: .pytest, location: path)
            case .javascript:
                testUnits[path] = TestUnit(node: path, runner: .node, location: path)
            case .go:
                let package = GoPackageResolver.packageNode(of: path)
                testUnits[package] = TestUnit(node: package, runner: .go, location: package == "." ? "" : package)
            case .swift, .other:
                break
            }
        }
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

    /// Test units whose location lies inside `directory`.
    func testUnits(inside directory: String) -> [TestUnit] {
        testUnits.values.filter { RepoPath.isInside($0.location, directory: directory) }.sorted { $0.node < $1.node }
    }
}
