/// Decides which suites (and which tests in them) a commit's changes need, through the dependency index.
struct TestPlanner {
    let repository: GitRepository
    let trail: EventTrail
    let runID: String
    let directory: GateDirectory
    let environment: [String: String]

    func plan(config: GateConfig, tree: ObjectID, changes: [FileChange], files: () throws -> [TreeFile], runAll: Bool) throws -> TestPlan {
        guard !config.suites.isEmpty else {
            return TestPlan(mode: .none, reason: Self.noSuitesReason(changes.flatMap(\.paths)), entries: [])
        }
        let all = config.suites.map { TestPlan.Entry(suite: $0, filter: nil) }
        if runAll { return recording(TestPlan(mode: .all, reason: "--all asked for every test", entries: all), config: config, tree: tree) }
        let selection = try select(config: config, changes: changes, files: files)
        trail.append(run: runID, event: .selection, ["mode": .string(selection.mode.rawValue), "reason": .string(selection.reason),
                                                      "tests": .int(selection.tests.count)])
        return recording(Self.plan(from: selection, suites: config.suites), config: config, tree: tree)
    }

    /// Why nothing runs without suites: harmless for documentation, a warning when code changed that nothing can test.
    static func noSuitesReason(_ changed: [String]) -> String {
        if changed.allSatisfy(DocumentationRule.isDocumentation) {
            return "only documentation changed (and no test suite is configured or detected)"
        }
        let code = changed.filter { !DocumentationRule.isDocumentation($0) }
        return "NOTHING CHECKED: no test suite is configured or detected, so gate cannot test the \(code.count) changed code file(s)"
            + " (\(code.prefix(3).joined(separator: ", "))\(code.count > 3 ? ", …" : ""))"
            + "; add one to .gate.yml, e.g. `suites: [{name: unit, runner: command, command: make test}]`"
    }

    /// Whether a push without suites changes anything a test could have checked.
    static func changesCodeWithoutSuites(_ config: GateConfig, _ changed: [String]) -> Bool {
        config.suites.isEmpty && !changed.allSatisfy(DocumentationRule.isDocumentation)
    }

    /// The plan with per-test coverage recording turned on for its pytest suites (unless `selection.coverage: false`).
    private func recording(_ plan: TestPlan, config: GateConfig, tree: ObjectID) -> TestPlan {
        guard config.selection.coverage else { return plan }
        return CoverageRecording.recording(plan, store: CoverageStore(gateDirectory: directory), tree: tree)
    }

    /// The selection for these changes. Changes that are all documentation or ignored are answered without the index.
    func select(config: GateConfig, changes: [FileChange], files: () throws -> [TreeFile]) throws -> Selection {
        let changed = Array(Set(changes.flatMap(\.paths))).sorted()
        var rules = SelectionRules(always: config.selection.always, ignore: config.selection.ignore)
        rules.manifests = manifestVerdicts(config: config, changes: changes)
        let scopes = config.suites.map { SuiteScope(name: $0.name, runner: $0.runner, workingDirectory: $0.workingDirectory) }
        // Documentation and ignored files are answered without loading the index (the hook's no-op path).
        let submodules = SubmoduleRule.paths(changes).filter { rules.ignorePattern(matching: $0) == nil }
        let needsNoIndex = submodules.isEmpty && changed.allSatisfy { path in
            rules.ignorePattern(matching: path) != nil
                || (rules.alwaysPattern(matching: path) == nil && GlobalFileRule.reason(for: path) == nil && DocumentationRule.isDocumentation(path))
        }
        if needsNoIndex { return TestSelector.select(changed: changed, index: DependencyIndex(), suites: scopes, rules: rules) }
        let (index, _) = try IndexMaintainer(repository: repository, directory: directory, environment: environment, trail: trail, runID: runID)
            .index(for: try files())
        let selection = try selectWithIndex(config: config, changes: changes, index: index, scopes: scopes, rules: rules, submodules: submodules)
        return refinedForSwift(selection, config: config, changed: changed, index: index, scopes: scopes, rules: rules)
    }

    /// The Swift targets of `selection` narrowed by the Swift coverage seed, when there is one (`SwiftCoverageRefinement`).
    private func refinedForSwift(
        _ selection: Selection, config: GateConfig, changed: [String], index: DependencyIndex, scopes: [SuiteScope], rules: SelectionRules
    ) -> Selection {
        guard config.selection.coverage, selection.mode == .selected, selection.tests.contains(where: { $0.runner == .swift }) else {
            return selection
        }
        let (data, problem) = SwiftCoverageStore(gateDirectory: directory).load()
        guard let data else {
            guard let problem else { return selection }
            var kept = selection
            kept.reason += "; \(problem), so Swift selection stays per target"
            return kept
        }
        return SwiftCoverageRefinement(data: data, index: index, source: RepositoryBlobSource(repository: repository), suites: scopes, rules: rules)
            .refine(selection, changed: changed)
    }

    private func selectWithIndex(
        config: GateConfig, changes: [FileChange], index: DependencyIndex, scopes: [SuiteScope], rules: SelectionRules, submodules: Set<String>
    ) throws -> Selection {
        let changed = Array(Set(changes.flatMap(\.paths))).sorted()
        if submodules.isEmpty && config.selection.coverage && config.suites.contains(where: { $0.runner == .pytest }) {
            return CoverageSelection(store: CoverageStore(gateDirectory: directory), source: RepositoryBlobSource(repository: repository),
                                     environment: environment)
                .select(changes: changes, index: index, suites: scopes, rules: rules,
                        caching: CachingDecorators(configured: config.selection.cacheDecorators))
        }
        return TestSelector.select(changed: changed, index: index, suites: scopes, rules: rules, submodules: submodules)
    }

    /// What each changed manifest or lockfile means, read from its blobs; the virtualenv of the first pytest suite
    /// (found as its tools are) says which modules each installed package provides.
    private func manifestVerdicts(config: GateConfig, changes: [FileChange]) -> [String: ManifestVerdict] {
        guard changes.contains(where: { ManifestKind(path: $0.newPath) != nil }) else { return [:] }
        let tools = ToolEnvironment(repository: repository)
        let suite = config.suites.first { $0.runner == .pytest }
        let classifier = ManifestChangeClassifier(source: RepositoryBlobSource(repository: repository), environment: environment) { [environment] in
            guard let suite, let venv = tools.sources(for: suite, environment: environment).compactMap(\.virtualenv).first else { return nil }
            return PythonDistributions(virtualenv: venv)
        }
        return classifier.verdicts(for: changes)
    }

    /// Every test unit id of each suite (relative to its working directory), for a shard plan that runs suites whole.
    func everyUnit(config: GateConfig, files: () throws -> [TreeFile]) throws -> [String: [String]] {
        let (index, _) = try IndexMaintainer(repository: repository, directory: directory, environment: environment, trail: trail, runID: runID)
            .index(for: try files())
        let scopes = config.suites.map { SuiteScope(name: $0.name, runner: $0.runner, workingDirectory: $0.workingDirectory) }
        return Dictionary(grouping: TestSelector.everything(index: index, suites: scopes), by: \.suite).mapValues { $0.map(\.id) }
    }

    /// Turns a selection into suite runs: whole suites in `all` mode, filtered ones otherwise.
    static func plan(from selection: Selection, suites: [SuiteDefinition]) -> TestPlan {
        switch selection.mode {
        case .none:
            return TestPlan(mode: .none, reason: selection.reason, entries: [])
        case .all:
            return TestPlan(mode: .all, reason: selection.reason, entries: suites.map { TestPlan.Entry(suite: $0, filter: nil) })
        case .selected:
            var entries: [TestPlan.Entry] = []
            for suite in suites {
                let ids = selection.tests.filter { $0.suite == suite.name }.map(\.id)
                guard !ids.isEmpty else { continue }
                entries.append(TestPlan.Entry(suite: suite, filter: suite.runner == .command ? nil : Array(Set(ids)).sorted()))
            }
            let count = selection.tests.count
            return TestPlan(mode: .selected, reason: "\(count) test \(count == 1 ? "unit" : "units") affected", entries: entries)
        }
    }
}
