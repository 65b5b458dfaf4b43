/// The coverage-aware selection gate makes for a commit: loads `.git/gate/coverage/` (merging waiting batches) and
/// runs `CoverageSelector`, or falls back to static selection, saying why in the reason, when coverage.py was missing
/// in the last recorded run or the stored data cannot be read.
public struct CoverageSelection {
    public let store: CoverageStore
    public let source: BlobSource
    public let environment: [String: String]

    public init(store: CoverageStore, source: BlobSource, environment: [String: String]) {
        self.store = store
        self.source = source
        self.environment = environment
    }

    /// The selection, with the process-starting test files (`ProcessLaunchingTestRule`) selected by their imports.
    public func select(
        changes: [FileChange], index: DependencyIndex, suites: [SuiteScope], rules: SelectionRules, caching: CachingDecorators
    ) -> Selection {
        let (data, problem) = store.load()
        let changed = Array(Set(changes.flatMap(\.paths))).sorted()
        let covered = select(changes: changes, changed: changed, data: data, problem: problem, index: index, suites: suites, rules: rules,
                             caching: caching)
        let byImports = TestSelector.select(changed: changed, index: index, suites: suites, rules: rules)
        return ProcessLaunchingTestRule.widen(covered, index: index, byImports: byImports, records: data.tests)
    }

    private func select(
        changes: [FileChange], changed: [String], data: CoverageData, problem: String?, index: DependencyIndex, suites: [SuiteScope],
        rules: SelectionRules, caching: CachingDecorators
    ) -> Selection {
        if data.coverageMissing {
            var selection = TestSelector.select(changed: changed, index: index, suites: suites, rules: rules)
            selection.reason += "; coverage.py is not installed for python3, so Python selection is static (python3 -m pip install coverage)"
            return selection
        }
        if let problem, data.tests.isEmpty {
            var selection = TestSelector.select(changed: changed, index: index, suites: suites, rules: rules)
            selection.reason += "; \(problem), so Python selection is static until the next recorded run"
            return selection
        }
        let reader = BlockTableReader(source: source, environment: environment)
        let flow = NameFlowReader(source: source, environment: environment)
        let selector = CoverageSelector(data: data, index: index, suites: suites, rules: rules, caching: caching,
                                        computeTables: { try reader.tables(of: $0) }, computeFlows: { try flow.flows($0) })
        return selector.select(changes: changes)
    }
}
