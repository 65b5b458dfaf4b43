/// Where a changed manifest enters the dependency graph (`ManifestVerdict`): for each changed dependency, the files
/// that import one of its names (recorded by the index as imports no tracked file resolves). The chain reads
/// `pyproject.toml → dependency requests (2.31.0 → 2.32.0) → pkg/http.py`, and the walk continues from the importer.
enum DependencyImportRule {
    /// The start chains, or why every test must run: the index knows nothing, or nothing imports a dependency under
    /// the name gate guessed for it and no installed record says what it provides.
    static func starts(
        for path: String, verdict: ManifestVerdict, graph: DependencyGraph, knowsNothing: Bool
    ) -> Result<[[String]], TestSelector.Unaccounted> {
        switch verdict {
        case .noTest: return .success([])
        case .everything(let why): return .failure(TestSelector.Unaccounted(why: why))
        case .dependencies(let changed):
            if knowsNothing { return .failure(TestSelector.Unaccounted(why: "the dependency index knows no file, so every test runs")) }
            var chains: [[String]] = []
            for dependency in changed {
                let importers = importers(of: dependency, graph: graph)
                if importers.isEmpty && !dependency.importNamesKnown {
                    return .failure(TestSelector.Unaccounted(why: "dependency \(dependency.name) changed (\(dependency.change)); no file imports `\(dependency.importNames.joined(separator: "`, `"))` and gate found no installed record of the modules it provides (no virtualenv with it), so every test runs"))
                }
                let node = "dependency \(dependency.name) (\(dependency.change); import \(dependency.importNames.joined(separator: ", ")))"
                chains += importers.map { [path, node, $0] }
            }
            return .success(chains)
        }
    }

    /// Files whose unresolved imports name one of the dependency's modules (or something inside one).
    static func importers(of dependency: ChangedDependency, graph: DependencyGraph) -> [String] {
        var found = Set<String>()
        for (key, files) in graph.unresolvedImporters {
            let matches = dependency.importNames.contains { name in
                switch dependency.ecosystem {
                case .python: return PythonModuleResolver.key(key, matches: name)
                case .npm: return key == "npm:" + name
                case .go: return key == "go:" + name || key.hasPrefix("go:" + name + "/")
                case .swift: return false
                }
            }
            if matches { found.formUnion(files) }
        }
        return found.sorted()
    }

    /// Why a manifest verdict that reached no file affects no test.
    static func quietReason(_ verdict: ManifestVerdict) -> String {
        switch verdict {
        case .noTest(let why): return why
        case .dependencies(let changed):
            return "changed dependencies imported by no file: " + changed.map { "\($0.name) (\($0.change))" }.joined(separator: ", ")
        case .everything(let why): return why
        }
    }
}
