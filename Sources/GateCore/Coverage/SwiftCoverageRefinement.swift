/// Narrows a selection's Swift test targets to the tests that executed what changed, from the per-test coverage of
/// the last Swift seed (`SwiftCoverageData`).
///
/// It compares every Swift file of a target's closure (the target and the targets it depends on) with the blob the
/// seed ran on, so changes since the seed count as well as the push's own: coverage recorded before them may be
/// stale. Where all of them are function-body changes (`SwiftChangeLocator`), the target's tests narrow to those that
/// executed a changed function (none, when no test did). Everything else keeps the whole target, with the reason:
/// changes coverage cannot see (declarations, stored properties, global and static initial values, conformances,
/// new functions, new or deleted files, macro, executable and plugin targets), a target reached through an executable
/// or from outside its closure, and tests the seed did not record. A push that changes anything but Swift sources of
/// SwiftPM targets is left as it is.
struct SwiftCoverageRefinement {
    let data: SwiftCoverageData
    let index: DependencyIndex
    let source: any BlobSource
    let suites: [SuiteScope]
    let rules: SelectionRules

    func refine(_ selection: Selection, changed: [String]) -> Selection {
        guard selection.mode == .selected, selection.tests.contains(where: { $0.runner == .swift && $0.note == nil }) else { return selection }
        let locator = SwiftTargetLocator(targets: index.swiftTargets)
        let relevant = changed.filter { rules.ignorePattern(matching: $0) == nil && !DocumentationRule.isDocumentation($0) }
        if let other = relevant.first(where: { !$0.hasSuffix(".swift") || locator.owner(of: $0) == nil }) {
            var kept = selection
            kept.reason += "; Swift tests stay per target (\(other) is not Swift source of a target)"
            return kept
        }
        if let manifest = changedManifestSinceSeed() {
            var kept = selection
            kept.reason += "; Swift tests stay per target (\(manifest) changed since the coverage seed of \(data.commit.prefix(10)); "
                + "gate index build --coverage records it anew)"
            return kept
        }
        let byName = Dictionary(index.swiftTargets.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let sinceSeed = changedSinceSeed()
        let changeLocator = SwiftChangeLocator(data: data, source: source)
        var verdicts: [String: SwiftChangeLocator.Verdict] = [:]
        var tests: [SelectedTest] = []
        var notes: [String] = []
        for test in selection.tests {
            guard test.runner == .swift, test.note == nil, !SwiftTestID.isTestID(test.id), byName[test.id]?.kind == .test else {
                tests.append(test)
                continue
            }
            let closure = Self.closure(of: test.id, targets: byName)
            switch narrow(test, closure: closure, relevant: relevant, sinceSeed: sinceSeed, locator: locator, byName: byName,
                          verdict: { path in
                              if let known = verdicts[path] { return known }
                              let made = changeLocator.verdict(path: path, current: index.files[path]?.blobID)
                              verdicts[path] = made
                              return made
                          }) {
            case .kept(let why):
                tests.append(test)
                notes.append("\(test.id) whole (\(why))")
            case .narrowed(let ids):
                tests += ids.map { SelectedTest(suite: test.suite, runner: .swift, id: $0, because: test.because, note: "executed a changed function") }
                notes.append("\(test.id) \(ids.count) of \(data.tests.keys.filter { SwiftTestID.module(of: $0) == test.id }.count) tests")
            }
        }
        return Self.selection(tests, from: selection, notes: notes)
    }

    enum Narrowing {
        case kept(String)
        case narrowed([String])
    }

    /// The tests of the target `test.id` that executed a changed function, or why the whole target runs.
    private func narrow(
        _ test: SelectedTest, closure: Set<String>, relevant: [String], sinceSeed: [String], locator: SwiftTargetLocator,
        byName: [String: SwiftTarget], verdict: (String) -> SwiftChangeLocator.Verdict
    ) -> Narrowing {
        let outside = relevant.filter { locator.owner(of: $0).map { !closure.contains($0.name) } ?? true }
        if !outside.isEmpty,
            TestSelector.select(changed: outside, index: index, suites: suites, rules: rules).tests.contains(where: { $0.id == test.id })
        {
            return .kept("reached from outside its dependencies, through \(outside[0])")
        }
        let recorded = data.tests.filter { SwiftTestID.module(of: $0.key) == test.id }
        guard !recorded.isEmpty else { return .kept("the coverage seed recorded none of its tests") }
        if let missing = data.unrecorded.first(where: { SwiftTestID.module(of: $0) == test.id }) {
            return .kept("the coverage seed did not record \(missing)")
        }
        var changedFunctions: [String: Set<Int>] = [:]
        for path in sinceSeed {
            guard let owner = locator.owner(of: path), closure.contains(owner.name) else { continue }
            guard owner.kind == .regular || owner.kind == .test else {
                return .kept("\(path) is in \(owner.kind.rawValue) target \(owner.name), which runs outside the test process")
            }
            switch verdict(path) {
            case .fallback(let why): return .kept(why)
            case .functions(let blob, let indexes): changedFunctions[blob, default: []].formUnion(indexes)
            }
        }
        let ids = recorded.filter { _, executed in
            executed.contains { blob, functions in
                guard let changed = changedFunctions[blob] else { return false }
                return functions.contains(where: changed.contains)
            }
        }.keys.sorted()
        return .narrowed(ids)
    }

    /// Swift files (of the seed's working directory) whose blob differs from the seed's, deleted ones included.
    private func changedSinceSeed() -> [String] {
        var paths = Set<String>()
        for (path, entry) in index.files where entry.language == .swift && RepoPath.isInside(path, directory: data.workingDirectory) {
            if data.files[path] != entry.blobID { paths.insert(path) }
        }
        for path in data.files.keys where index.files[path] == nil { paths.insert(path) }
        return paths.sorted()
    }

    /// A `Package.swift` or `Package.resolved` whose blob differs from the seed's (or that appeared or went away).
    private func changedManifestSinceSeed() -> String? {
        let isManifest = { (path: String) in RepoPath.hasFileName(path, "Package.swift") || RepoPath.hasFileName(path, "Package.resolved") }
        var paths = Set(data.files.keys.filter(isManifest))
        for path in index.files.keys where isManifest(path) && RepoPath.isInside(path, directory: data.workingDirectory) { paths.insert(path) }
        return paths.sorted().first { data.files[$0] != index.files[$0]?.blobID }
    }

    /// The target and every target it depends on, transitively.
    static func closure(of name: String, targets: [String: SwiftTarget]) -> Set<String> {
        var seen: Set = [name]
        var queue = [name]
        while let current = queue.popLast() {
            for dependency in targets[current]?.dependencies ?? [] where seen.insert(dependency).inserted { queue.append(dependency) }
        }
        return seen
    }

    private static func selection(_ tests: [SelectedTest], from selection: Selection, notes: [String]) -> Selection {
        let coverage = "; Swift per-test coverage: " + notes.joined(separator: ", ")
        guard !tests.isEmpty else {
            return Selection(mode: .none, reason: selection.reason + coverage + "; no test executed the changed functions", tests: [])
        }
        return Selection(mode: .selected, reason: selection.reason + coverage, tests: tests)
    }
}
