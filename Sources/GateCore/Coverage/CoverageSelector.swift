/// Selection for Python with recorded coverage: the tests that executed a changed block, plus a static safety net.
///
/// A changed Python source file (modified in place; not a test, `conftest.py`, global or always file) is judged by
/// comparing its current block table with the table of each blob its tests were recorded on. Only changed function
/// and method bodies select by coverage ("executed `Color.downgrade`"); the file's static import closure runs
/// instead when its module-level code or a class body changed (imports, constants, class attributes, decorators,
/// signatures, and adding, removing, renaming or moving a function all change those), when a changed function is
/// cached (`CachingDecorators`), runs at import time (called from import-time code, or recorded outside any test),
/// keeps `global`/`nonlocal` state, or ran in a test that imported a module lazily; when no recorded test has
/// executed the file; or when its data or tables are missing or unreadable. Every other change (new, deleted and
/// renamed files, other languages, configuration) is selected by `TestSelector` as before, and a full run wins.
///
/// Within the import closure of the files selected by coverage, a test file without valid records (new, or changed
/// since recording) runs whole, and a test whose record mentions other files whose executed blocks have changed
/// since (changes not in this push) runs too. Tests that failed in their last recorded run always run.
public struct CoverageSelector {
    public let data: CoverageData
    public let index: DependencyIndex
    public let suites: [SuiteScope]
    public let rules: SelectionRules
    public let caching: CachingDecorators
    /// Computes block tables of blobs not in `data`; a throw sends every candidate file to the safety net.
    public let computeTables: (Set<String>) throws -> [String: BlockTable]

    public init(
        data: CoverageData, index: DependencyIndex, suites: [SuiteScope], rules: SelectionRules, caching: CachingDecorators,
        computeTables: @escaping (Set<String>) throws -> [String: BlockTable]
    ) {
        self.data = data
        self.index = index
        self.suites = suites
        self.rules = rules
        self.caching = caching
        self.computeTables = computeTables
    }

    public func select(changes: [FileChange]) -> Selection {
        var seen = Set<String>()
        let paths = changes.flatMap(\.paths).filter { !$0.isEmpty && seen.insert($0).inserted }.sorted()
        let candidates = Set(changes.filter { $0.kind == .modified && isCandidate($0.newPath) }.map(\.newPath))
        let others = paths.filter { !candidates.contains($0) }
        guard !candidates.isEmpty else { return TestSelector.select(changed: paths, index: index, suites: suites, rules: rules) }
        guard !data.tests.isEmpty else {
            var selection = TestSelector.select(changed: paths, index: index, suites: suites, rules: rules)
            selection.reason += " (no coverage recorded yet: `gate index build --coverage` records it)"
            return selection
        }
        let base = TestSelector.select(changed: others, index: index, suites: suites, rules: rules)
        if base.mode == .all { return base }

        var tables = data.tables
        var tableProblem: String?
        do {
            let needed = neededTables(candidates: candidates).subtracting(tables.keys)
            for (blob, table) in try computeTables(needed) { tables[blob] = table }
        } catch {
            tableProblem = "its blocks could not be read (\(error))"
        }
        var verdicts: [String: FileVerdict] = [:]
        for path in candidates.sorted() {
            verdicts[path] = tableProblem.map { .importClosure("\(path): \($0)") } ?? verdict(for: path, tables: tables)
        }

        var tests = base.tests
        let fallback = verdicts.compactMap { path, verdict -> (String, String)? in
            if case .importClosure(let why) = verdict { return (path, why) } else { return nil }
        }
        if !fallback.isEmpty {
            let why = Dictionary(fallback, uniquingKeysWith: { first, _ in first })
            let closure = TestSelector.select(changed: fallback.map(\.0).sorted(), index: index, suites: suites, rules: rules)
            if closure.mode == .all { return closure }
            tests += closure.tests.map { test in
                var test = test
                test.note = (test.because.first.flatMap { why[$0] } ?? "safety net") + " → import closure"
                return test
            }
        }
        var changedBlocks: [String: [String: Set<String>]] = [:]
        for (path, verdict) in verdicts { if case .coverage(let changed) = verdict { changedBlocks[path] = changed } }
        if !changedBlocks.isEmpty {
            let dynamic = coverageTests(changedBlocks: changedBlocks, tables: tables)
            if dynamic.mode == .all { return dynamic }
            tests += dynamic.tests
        }
        tests += failedLastTime()

        let merged = Self.merge(tests)
        let files = paths.count == 1 ? "1 file changed" : "\(paths.count) files changed"
        let split = "coverage for \(changedBlocks.count), import closure for \(fallback.count) of \(candidates.count) Python files"
        if merged.isEmpty { return Selection(mode: .none, reason: "\(files), no test executed a changed block (\(split))", tests: []) }
        let count = merged.count == 1 ? "1 test affected" : "\(merged.count) tests affected"
        return Selection(mode: .selected, reason: "\(files), \(count) (\(split))", tests: merged)
    }

    /// A Python source the coverage data can speak for.
    func isCandidate(_ path: String) -> Bool {
        guard let entry = index.files[path], entry.language == .python, !entry.isTest, !entry.unparseable,
            !RepoPath.hasFileName(path, "conftest.py"), rules.ignorePattern(matching: path) == nil,
            rules.alwaysPattern(matching: path) == nil, GlobalFileRule.reason(for: path) == nil
        else { return false }
        return true
    }

    /// The record is of the test file as it is now.
    func isValid(_ record: TestCoverage) -> Bool {
        guard let entry = index.files[record.file] else { return false }
        return entry.isTest && entry.blobID == record.fileBlob
    }

    /// Current blobs of the candidates and of every file a valid record executed on another blob.
    private func neededTables(candidates: Set<String>) -> Set<String> {
        var needed = Set(candidates.compactMap { index.files[$0]?.blobID })
        for record in data.tests.values where isValid(record) {
            for (path, executed) in record.executed {
                if let current = index.files[path]?.blobID, current != executed.blob { needed.insert(current) }
            }
        }
        return needed
    }

    private func verdict(for path: String, tables: [String: BlockTable]) -> FileVerdict {
        guard let blob = index.files[path]?.blobID, let current = tables[blob] else {
            return .importClosure("no block table for \(path)")
        }
        if let error = current.error { return .importClosure("\(path) does not parse (\(error))") }
        let records = data.tests.filter { isValid($0.value) && $0.value.executed[path] != nil }
        guard !records.isEmpty else { return .importClosure("no recorded test has executed \(path)") }
        var changedByBlob: [String: Set<String>] = [:]
        for recorded in Set(records.values.compactMap { $0.executed[path]?.blob }).sorted() {
            guard let old = tables[recorded], old.error == nil else {
                return .importClosure("the coverage data for \(path) is missing")
            }
            let changed = old.changedBlocks(comparedTo: current)
            for name in changed {
                if let why = safetyNetReason(name, path: path, old: old.blocks[name], new: current.blocks[name], recordedBlob: recorded) {
                    return .importClosure(why)
                }
            }
            let changedSet = Set(changed)
            for (key, record) in records.sorted(by: { $0.key < $1.key }) {
                guard let executed = record.executed[path], executed.blob == recorded,
                    let hit = executed.blocks.first(where: changedSet.contains)
                else { continue }
                if record.executed.values.contains(where: { $0.blocks.contains(BlockTable.moduleBlock) }) {
                    return .importClosure("`\(hit)` in \(path) ran while \(key) imported a module")
                }
            }
            changedByBlob[recorded] = changedSet
        }
        return .coverage(changedByBlob: changedByBlob)
    }

    /// Why a changed block sends its file to the safety net, or nil when coverage can speak for it.
    private func safetyNetReason(_ name: String, path: String, old: CodeBlock?, new: CodeBlock?, recordedBlob: String) -> String? {
        guard let block = new ?? old else { return "module-level change in \(path)" }
        switch block.kind {
        case .module: return "module-level change in \(path)"
        case .class: return "class body of `\(name)` changed in \(path)"
        case .function: break
        }
        guard let old, let new else { return "`\(name)` was added or removed in \(path)" }
        if let decorator = caching.caching(old.decorators + new.decorators) {
            return "`\(name)` in \(path) is cached by @\(decorator)"
        }
        if old.calledAtImport || new.calledAtImport || data.importTime[recordedBlob]?.contains(name) == true {
            return "`\(name)` in \(path) runs at import time"
        }
        if old.stateful || new.stateful { return "`\(name)` in \(path) keeps global or nonlocal state" }
        return nil
    }

    /// Tests that executed a changed block, plus, within the import closure of those files, test files without
    /// valid records and tests whose records are stale.
    private func coverageTests(changedBlocks: [String: [String: Set<String>]], tables: [String: BlockTable]) -> Selection {
        let resolver = SuiteResolver(suites: suites)
        var tests: [SelectedTest] = []
        for (key, record) in data.tests.sorted(by: { $0.key < $1.key }) where isValid(record) {
            for (path, byBlob) in changedBlocks.sorted(by: { $0.key < $1.key }) {
                guard let executed = record.executed[path], let changed = byBlob[executed.blob],
                    let hit = executed.blocks.first(where: changed.contains)
                else { continue }
                if let test = selected(key, record: record, resolver: resolver, because: [path, record.file], note: "executed `\(hit)` in \(path)") {
                    tests.append(test)
                }
                break
            }
        }
        let closure = TestSelector.select(changed: changedBlocks.keys.sorted(), index: index, suites: suites, rules: rules)
        if closure.mode == .all { return closure }
        var recordsByFile: [String: [(String, TestCoverage)]] = [:]
        for (key, record) in data.tests where isValid(record) { recordsByFile[record.file, default: []].append((key, record)) }
        for test in closure.tests {
            guard test.runner == .pytest, let file = test.because.last, index.files[file]?.isTest == true else {
                tests.append(test)
                continue
            }
            guard let records = recordsByFile[file] else {
                var whole = test
                whole.note = "no coverage recorded for \(file) → import closure"
                tests.append(whole)
                continue
            }
            for (key, record) in records.sorted(by: { $0.0 < $1.0 }) {
                guard let stale = staleness(of: record, ignoring: Set(changedBlocks.keys), tables: tables) else { continue }
                if let selected = selected(key, record: record, resolver: resolver, because: test.because, note: stale) {
                    tests.append(selected)
                }
            }
        }
        return Selection(mode: .selected, reason: "", tests: tests)
    }

    /// Why a record no longer describes what its test executes outside `ignoring`, or nil.
    private func staleness(of record: TestCoverage, ignoring: Set<String>, tables: [String: BlockTable]) -> String? {
        for (path, executed) in record.executed.sorted(by: { $0.key < $1.key }) where !ignoring.contains(path) {
            guard let current = index.files[path]?.blobID else { return "it executed \(path), which is gone" }
            guard current != executed.blob else { continue }
            guard let old = tables[executed.blob], let new = tables[current], old.error == nil, new.error == nil else {
                return "\(path) changed since it was recorded"
            }
            let changed = Set(old.changedBlocks(comparedTo: new))
            if let hit = executed.blocks.first(where: changed.contains) { return "executed `\(hit)` in \(path), changed since it was recorded" }
            if changed.contains(where: { (new.blocks[$0] ?? old.blocks[$0])?.kind != .function }) {
                return "module-level code of \(path) changed since it was recorded"
            }
        }
        return nil
    }

    /// Tests whose last recorded run failed and whose file still exists.
    private func failedLastTime() -> [SelectedTest] {
        let resolver = SuiteResolver(suites: suites)
        return data.tests.sorted(by: { $0.key < $1.key }).compactMap { key, record in
            guard record.failed, index.files[record.file]?.isTest == true else { return nil }
            return selected(key, record: record, resolver: resolver, because: [record.file], note: "failed last time")
        }
    }

    /// The test `key` (`tests/test_a.py::test_x`) as its suite runs it.
    private func selected(_ key: String, record: TestCoverage, resolver: SuiteResolver, because: [String], note: String) -> SelectedTest? {
        let unit = TestUnit(node: record.file, runner: .pytest, location: record.file)
        guard var test = resolver.selectedTest(unit, because: because) else { return nil }
        if key.hasPrefix(record.file + "::") { test.id += key.dropFirst(record.file.count) }
        test.note = note
        return test
    }

    /// One entry per suite and id, sorted; a whole test file makes its single tests redundant.
    static func merge(_ tests: [SelectedTest]) -> [SelectedTest] {
        var seen = Set<String>()
        let unique = tests.filter { seen.insert($0.suite + "\u{0}" + $0.id).inserted }
        let files = Set(unique.filter { !$0.id.contains("::") }.map { $0.suite + "\u{0}" + $0.id })
        return unique.filter { test in
            guard let range = test.id.range(of: "::") else { return true }
            return !files.contains(test.suite + "\u{0}" + test.id[..<range.lowerBound])
        }.sorted { ($0.suite, $0.id) < ($1.suite, $1.id) }
    }
}
