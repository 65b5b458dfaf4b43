/// Chooses the tests a set of changed files can affect: the reverse transitive closure over the
/// dependency graph, keeping for each test the chain of edges that reached it.
///
/// Each changed path (pass both sides of renames, and deleted paths) is classified in this order:
/// 1. matches an `ignore` glob → affects nothing;
/// 2. matches an `always` glob, is a submodule (`SubmoduleRule`), or is a global file (`GlobalFileRule`: manifests,
///    lockfiles, runner configuration, `.gate.yml`, root `conftest.py`) → every test runs (`all`);
///    A manifest or lockfile `rules.manifests` has a verdict for is read instead (`DependencyImportRule`): nothing, the
///    importers of its changed dependencies, or `all`;
/// 3. documentation (`DocumentationRule`) → affects nothing;
/// 4. a Python/JS/Go source (present or deleted) → its reverse dependents; a deleted module also reaches
///    files whose imports of it no longer resolve (a deleted `conftest.py`, every test of its subtree);
///    a Go file reaches its package;
///    a Swift file → its target (no owning target → `all`);
///    any other file → its Swift target (a resource, which reaches the target's dependents too), the
///    files that import it (e.g. JSON imported from JS), the tests of its Go package (`testdata/`, read
///    only by that package's tests), or every test under its test directory (`tests/data/x.json`);
/// 5. anything else → `all`, and the reason names the file.
///
/// A Python import that no root gate knows resolves reaches a module of the repository named by a dotted suffix of its
/// path (`PythonImportPathRule`); those tests carry the rule's note.
///
/// An executable or plugin target the walk reaches that no test target reaches in turn affects every test
/// target of its package (`RunnableTargetRule`); those tests carry the rule's note.
///
/// An index without any file or target (not built, or an empty tree) accounts for nothing: every relevant
/// path then forces `all`. (A caller that pre-checks a change with an empty index — documentation only? —
/// must not read `none` as "no code affected".)
///
/// Unparseable files (the conservative rule): a changed unparseable file reaches what imports it, like any
/// file, because other files' edges to it are known. Its own imports are not known, so it is treated as
/// possibly importing every file of its language: whenever any file of that language is affected, every
/// unparseable file of that language is affected too, and so are the tests that depend on it.
///
/// Tests go to the suite whose runner matches and whose working directory contains them (deepest wins);
/// tests no suite runs are dropped. A `command` suite cannot be narrowed: any change not ignored and not
/// documentation inside its working directory selects it whole, with id = suite name.
public enum TestSelector {
    public static func select(
        changed: [String], index: DependencyIndex, suites: [SuiteScope], rules: SelectionRules, submodules: Set<String> = []
    ) -> Selection {
        var seen = Set<String>()
        let paths = changed.filter { !$0.isEmpty && seen.insert($0).inserted }
        guard !paths.isEmpty else { return Selection(mode: .none, reason: "no files changed", tests: []) }

        let graph = DependencyGraph(index: index)
        // An index that knows no file at all (not built yet, or an empty tree) cannot account for any code:
        // callers that pre-check a change without the index get `all` here, never a silent `none`.
        let knowsNothing = index.files.isEmpty && index.swiftTargets.isEmpty
        var python: PythonModuleResolver?
        var forcing: [(path: String, why: String)] = []
        var relevant: [String] = []
        var starts: [Start] = []
        var quiet: [String] = []
        for path in paths {
            if rules.ignorePattern(matching: path) != nil { continue }
            if let pattern = rules.alwaysPattern(matching: path) {
                forcing.append((path, "it matches the always glob '\(pattern.pattern)'"))
                relevant.append(path)
                continue
            }
            if submodules.contains(path) {
                forcing.append((path, SubmoduleRule.reason))
                relevant.append(path)
                continue
            }
            if let verdict = rules.manifests[path] {
                relevant.append(path)
                switch DependencyImportRule.starts(for: path, verdict: verdict, graph: graph, knowsNothing: knowsNothing) {
                case .success(let found):
                    starts += found.map { Start(chain: $0) }
                    if found.isEmpty { quiet.append("\(path): \(DependencyImportRule.quietReason(verdict))") }
                case .failure(let unaccounted): forcing.append((path, unaccounted.why))
                }
                continue
            }
            if let why = GlobalFileRule.reason(for: path) {
                forcing.append((path, why))
                relevant.append(path)
                continue
            }
            if DocumentationRule.isDocumentation(path) { continue }
            relevant.append(path)
            if knowsNothing {
                forcing.append((path, "the dependency index knows no file, so every test runs"))
                continue
            }
            switch startingChains(for: path, index: index, graph: graph, python: &python) {
            case .success(let chains): starts += chains
            case .failure(let unaccounted): forcing.append((path, unaccounted.why))
            }
        }

        let scopes = SuiteResolver(suites: suites, index: index)
        if let first = forcing.first {
            var reason = "\(first.path) changed: \(first.why)"
            if forcing.count > 1 {
                reason += " (and \(forcing.count - 1) more: " + forcing.dropFirst().prefix(5).map(\.path).joined(separator: ", ")
                    + (forcing.count > 6 ? ", …)" : ")")
            }
            var tests = graph.testUnits.values.compactMap { scopes.selectedTest($0, because: [first.path]) }
            tests += suites.filter { $0.runner == .command }.map {
                SelectedTest(suite: $0.name, runner: .command, id: $0.name, because: [first.path])
            }
            return Selection(mode: .all, reason: reason, tests: sorted(tests))
        }

        var tests = affectedTests(from: starts, index: index, graph: graph).compactMap { reached -> SelectedTest? in
            var test = scopes.selectedTest(reached.unit, because: reached.chain)
            test?.note = reached.note
            return test
        }
        for suite in suites where suite.runner == .command {
            let directory = RepoPath.cleanDirectory(suite.workingDirectory)
            if let path = relevant.first(where: { RepoPath.isInside($0, directory: directory) }) {
                tests.append(SelectedTest(suite: suite.name, runner: .command, id: suite.name, because: [path]))
            }
        }
        let files = paths.count == 1 ? "1 file changed" : "\(paths.count) files changed"
        if tests.isEmpty {
            let listed = paths.prefix(5).joined(separator: ", ") + (paths.count > 5 ? ", …" : "")
            let manifests = quiet.isEmpty ? "" : " (" + quiet.joined(separator: "; ") + ")"
            return Selection(mode: .none, reason: "\(files), none affects a test: \(listed)\(manifests)", tests: [])
        }
        let count = tests.count == 1 ? "1 test affected" : "\(tests.count) tests affected"
        let rule = tests.lazy.compactMap(\.note).first.map { "; " + $0 } ?? ""
        return Selection(mode: .selected, reason: "\(files), \(count)\(rule)", tests: sorted(tests))
    }

    struct Unaccounted: Error {
        var why: String
    }

    /// Where a changed path enters the graph: a chain that begins with the path. When `expands`, the walk
    /// continues from its last node; otherwise the last node is a test unit selected by itself (test data).
    struct Start {
        var chain: [String]
        var expands = true
    }

    /// The starts of a changed path, or why it cannot be accounted for.
    private static func startingChains(
        for path: String, index: DependencyIndex, graph: DependencyGraph, python: inout PythonModuleResolver?
    ) -> Result<[Start], Unaccounted> {
        let entry = index.files[path]
        switch entry?.language ?? SourceLanguage(path: path) {
        case .python:
            guard entry == nil else { return .success([Start(chain: [path])]) }
            if python == nil { python = PythonModuleResolver(paths: Set(index.files.keys)) }
            let keys = python!.moduleKeys(ofPath: path)
            let found = importers(of: keys, graph: graph, matching: PythonModuleResolver.key)
            var starts = [Start(chain: [path])] + found.map { Start(chain: [path, $0]) }
            if RepoPath.hasFileName(path, "conftest.py") {
                // A deleted conftest.py: no test has an edge to it any more, but its fixtures and hooks were
                // used by every test of its subtree.
                starts += graph.testUnits(inside: RepoPath.directory(path)).filter { $0.runner == .pytest }
                    .map { Start(chain: [path, $0.node], expands: false) }
            }
            return .success(starts)
        case .javascript:
            guard entry == nil else { return .success([Start(chain: [path])]) }
            let found = importers(of: JavaScriptModuleResolver.moduleKeys(ofPath: path), graph: graph, matching: ==)
            return .success([Start(chain: [path])] + found.map { Start(chain: [path, $0]) })
        case .go:
            let package = GoPackageResolver.packageNode(of: path)
            // A test file reaches its package's tests only; a deleted one too (the index no longer knows it).
            let isTest = entry?.isTest ?? RepoPath.fileName(path).hasSuffix("_test.go")
            return .success([Start(chain: [path]), Start(chain: [path, isTest ? GoPackageResolver.testNode(package) : package])])
        case .swift:
            guard let owner = graph.swiftTargets.owner(of: path) else {
                return .failure(Unaccounted(why: "it is in no SwiftPM target the index knows, so every test runs"))
            }
            return .success([Start(chain: [path, owner.node])])
        case .other:
            if let owner = graph.swiftTargets.owner(of: path) { return .success([Start(chain: [path, owner.node])]) }
            if graph.dependents[path] != nil { return .success([Start(chain: [path])]) }
            if GoPackageResolver.isTestData(path), let unit = graph.testUnits[GoPackageResolver.testNode(GoPackageResolver.packageNode(of: path))] {
                return .success([Start(chain: [path, unit.node], expands: false)])
            }
            if let directory = TestFileConvention.testDirectory(containing: path) {
                let units = graph.testUnits(inside: directory)
                if !units.isEmpty { return .success(units.map { Start(chain: [path, $0.node], expands: false) }) }
            }
            return .failure(Unaccounted(why: "the index cannot tell what it affects, so every test runs"))
        }
    }

    /// Files whose unresolved imports match one of `keys`.
    private static func importers(
        of keys: [String], graph: DependencyGraph, matching: (String, String) -> Bool
    ) -> [String] {
        var found = Set<String>()
        for (unresolved, files) in graph.unresolvedImporters where keys.contains(where: { matching(unresolved, $0) }) {
            found.formUnion(files)
        }
        return found.sorted()
    }

    /// Breadth-first over dependents from every start chain; returns each reached test unit with its chain,
    /// and the rule's note for tests only `RunnableTargetRule` reached.
    private static func affectedTests(
        from starts: [Start], index: DependencyIndex, graph: DependencyGraph
    ) -> [(unit: TestUnit, chain: [String], note: String?)] {
        var predecessor: [String: String] = [:]
        var visited = Set<String>()
        var queue: [String] = []
        for start in starts where start.expands {
            var previous: String?
            for node in start.chain {
                if visited.insert(node).inserted {
                    if let previous { predecessor[node] = previous }
                    queue.append(node)
                }
                previous = node
            }
        }
        var expandedLanguages = Set<SourceLanguage>()
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            var next = graph.dependents[node] ?? []
            let language = index.files[node]?.language ?? SourceLanguage(path: node)
            if language.isScanned, let unparseable = graph.unparseableFiles[language],
                expandedLanguages.insert(language).inserted
            {
                next += unparseable
            }
            for dependent in next where visited.insert(dependent).inserted {
                predecessor[dependent] = node
                queue.append(dependent)
            }
        }
        func chain(to node: String) -> [String] {
            var chain = [node]
            while let previous = predecessor[chain[chain.count - 1]] { chain.append(previous) }
            return GoPackageResolver.displayChain(chain.reversed())
        }
        var reached: [(unit: TestUnit, chain: [String], note: String?)] = queue.compactMap { node in
            guard let unit = graph.testUnits[node] else { return nil }
            let path = chain(to: node)
            return (unit, path, importPathNote(path, graph: graph))
        }
        for node in queue where graph.runnableTargets[node] != nil {
            guard let why = RunnableTargetRule.reason(for: node, graph: graph) else { continue }
            let path = chain(to: node)
            for unit in RunnableTargetRule.packageTests(of: graph.runnableTargets[node]!.name, index: index, graph: graph)
            where visited.insert(unit.node).inserted {
                reached.append((unit, path + [unit.node], why))
            }
        }
        for start in starts where !start.expands {
            guard let node = start.chain.last, let unit = graph.testUnits[node], visited.insert(node).inserted else { continue }
            reached.append((unit, GoPackageResolver.displayChain(start.chain), nil))
        }
        return reached
    }

    /// The note of the first link of `chain` that only `PythonImportPathRule` made, if any.
    private static func importPathNote(_ chain: [String], graph: DependencyGraph) -> String? {
        for (module, importer) in zip(chain, chain.dropFirst()) {
            if let name = graph.importPathName(module: module, importer: importer) {
                return PythonImportPathRule.note(importer: importer, name: name, module: module)
            }
        }
        return nil
    }

    private static func sorted(_ tests: [SelectedTest]) -> [SelectedTest] {
        var seen = Set<String>()
        return tests.sorted { ($0.suite, $0.id) < ($1.suite, $1.id) }.filter { seen.insert($0.suite + "\u{0}" + $0.id).inserted }
    }
}
